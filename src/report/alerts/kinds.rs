//! The kinds of alerts, their families and severities.

/// How urgent an alert is. Ordered: info < warn < critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Needs someone to act.
    Warn,
    /// Money at risk now.
    Critical,
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warn, Severity::Critical];

    /// The word in reports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Critical => "critical",
        }
    }

    /// One level lower, never below info.
    pub fn lower(self) -> Severity {
        match self {
            Severity::Critical => Severity::Warn,
            Severity::Warn | Severity::Info => Severity::Info,
        }
    }
}

/// The five families of alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Credit limits and holds.
    Credit,
    /// Items growing older.
    Collection,
    /// Entries that look wrong.
    Anomaly,
    /// Customers behaving differently.
    Behaviour,
    /// Contact data that gets in the way.
    DataQuality,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 5] = [
        Category::Credit,
        Category::Collection,
        Category::Anomaly,
        Category::Behaviour,
        Category::DataQuality,
    ];

    /// The word in reports and for `--explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Credit => "credit",
            Category::Collection => "collection",
            Category::Anomaly => "anomaly",
            Category::Behaviour => "behaviour",
            Category::DataQuality => "data-quality",
        }
    }
}

/// What an alert is about. Each kind has a table in `[alerts]` and a section in docs/alerts.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AlertKind {
    /// Over or near the credit limit, or on hold.
    Credit,
    /// An open item crossed an aging bucket or a dunning level.
    Collection,
    /// An invoice or payment far outside the contact's usual range.
    UnusualAmount,
    /// A payment or payout that repeats another.
    DuplicatePayment,
    /// A payment larger than everything open, still unapplied.
    Overpayment,
    /// Credit notes larger than their invoice (debit notes than their bill).
    OversizedCredit,
    /// An entry dated after the as-of date.
    FutureEntry,
    /// An entry dated long before its contact's `since`.
    EarlyEntry,
    /// A regular customer without an invoice for much longer than usual.
    GoneQuiet,
    /// A top customer's monthly revenue fell sharply.
    RevenueDrop,
    /// A customer's average days to pay worsened sharply.
    SlowerPayment,
    /// Open items but no e-mail or phone.
    MissingContact,
    /// A VAT number failing its check digits.
    InvalidVat,
    /// A promise to pay not kept by its last day.
    BrokenPromise,
    /// A valuable customer fell to a lower ABC, RFM, tier or grade class.
    ClassDrop,
}

impl AlertKind {
    /// Every kind, in the order of reports and documentation.
    pub const ALL: [AlertKind; 15] = [
        AlertKind::Credit,
        AlertKind::Collection,
        AlertKind::UnusualAmount,
        AlertKind::DuplicatePayment,
        AlertKind::Overpayment,
        AlertKind::OversizedCredit,
        AlertKind::FutureEntry,
        AlertKind::EarlyEntry,
        AlertKind::GoneQuiet,
        AlertKind::RevenueDrop,
        AlertKind::SlowerPayment,
        AlertKind::MissingContact,
        AlertKind::InvalidVat,
        AlertKind::BrokenPromise,
        AlertKind::ClassDrop,
    ];

    /// The name in reports, in `[alerts.NAME]` and for `--explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Credit => "credit",
            AlertKind::Collection => "collection",
            AlertKind::UnusualAmount => "unusual-amount",
            AlertKind::DuplicatePayment => "duplicate-payment",
            AlertKind::Overpayment => "overpayment",
            AlertKind::OversizedCredit => "oversized-credit",
            AlertKind::FutureEntry => "future-entry",
            AlertKind::EarlyEntry => "early-entry",
            AlertKind::GoneQuiet => "gone-quiet",
            AlertKind::RevenueDrop => "revenue-drop",
            AlertKind::SlowerPayment => "slower-payment",
            AlertKind::MissingContact => "missing-contact",
            AlertKind::InvalidVat => "invalid-vat",
            AlertKind::BrokenPromise => "broken-promise",
            AlertKind::ClassDrop => "class-drop",
        }
    }

    /// Reads a kind's name.
    pub fn parse(name: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Its family.
    pub fn category(self) -> Category {
        match self {
            AlertKind::Credit => Category::Credit,
            AlertKind::Collection | AlertKind::BrokenPromise => Category::Collection,
            AlertKind::UnusualAmount
            | AlertKind::DuplicatePayment
            | AlertKind::Overpayment
            | AlertKind::OversizedCredit
            | AlertKind::FutureEntry
            | AlertKind::EarlyEntry => Category::Anomaly,
            AlertKind::GoneQuiet
            | AlertKind::RevenueDrop
            | AlertKind::SlowerPayment
            | AlertKind::ClassDrop => Category::Behaviour,
            AlertKind::MissingContact | AlertKind::InvalidVat => Category::DataQuality,
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_have_a_category() {
        for kind in AlertKind::ALL {
            assert_eq!(AlertKind::parse(kind.as_str()), Some(kind));
            assert!(Category::ALL.contains(&kind.category()));
        }
        assert_eq!(AlertKind::parse("unusual"), None);
    }

    #[test]
    fn severities_order_and_lower() {
        assert!(Severity::Info < Severity::Warn && Severity::Warn < Severity::Critical);
        assert_eq!(Severity::Critical.lower(), Severity::Warn);
        assert_eq!(Severity::Info.lower(), Severity::Info);
    }
}
