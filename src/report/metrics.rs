//! Customer metrics as of a date over a window, and the built-in classifications computed from
//! them (RFM, tiers, ABC), in one pass over the book. Every definition is in docs/analytics.md.
//!
//! Metrics are per contact in its own currency (the contact's `currency`, else the book's), the
//! currency its credit limit and score use; entries in other currencies are left out and named
//! in a note, never added.

use super::products::CustomerProducts;
use super::rfm::{self, AbcClass, RfmSegment, Tier, TierBasis, Tiers};
use super::score::{self, Grade};
use crate::book::config::AnalyticsConfig;
use crate::book::{Book, Contact, Role};
use crate::journal::{Kind, Side};
use crate::ledger::revenue::{Revenue, RevenueBasis, VatUnknown};
use crate::ledger::{Ledger, days_past_due};
use crate::money::{Currency, Weighted};
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::{Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;
use std::fmt;

/// The period metrics look back over, ending on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// The last N days, the as-of date included (`90d`).
    Days(u32),
    /// The last N calendar months (`12m`): after the same day N months earlier.
    Months(u32),
    /// The whole history up to the as-of date.
    All,
}

impl Window {
    /// The default: the last 365 days.
    pub const DEFAULT: Window = Window::Days(365);

    /// Reads `90d`, `12m`, `2y` (24 months) or `all`.
    pub fn parse(text: &str) -> Result<Window, String> {
        let invalid = || {
            format!(
                "invalid window `{text}`: expected a number of days or months such as \"90d\" or \"12m\", or \"all\""
            )
        };
        if text == "all" {
            return Ok(Window::All);
        }
        let unit = text.chars().last().ok_or_else(invalid)?;
        let count: u32 = text[..text.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| invalid())?;
        if count == 0 || !text.as_bytes()[0].is_ascii_digit() {
            return Err(invalid());
        }
        let window = match unit {
            'd' if count <= 36_600 => Window::Days(count),
            'm' if count <= 1_200 => Window::Months(count),
            'y' if count <= 100 => Window::Months(count * 12),
            _ => return Err(invalid()),
        };
        Ok(window)
    }

    /// The day before the window's first day (entries dated after it count), `None` for `all`.
    pub fn since(self, as_of: NaiveDate) -> Option<NaiveDate> {
        match self {
            Window::Days(days) => as_of.checked_sub_days(chrono::Days::new(u64::from(days))),
            Window::Months(months) => as_of.checked_sub_months(Months::new(months)),
            Window::All => None,
        }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Days(days) => write!(f, "{days}d"),
            Window::Months(months) => write!(f, "{months}m"),
            Window::All => f.write_str("all"),
        }
    }
}

/// `[analytics]` with every default filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Default window.
    pub window: Window,
    /// ABC: cumulative share of class A.
    pub abc_a: Decimal,
    /// ABC: cumulative share of classes A and B.
    pub abc_b: Decimal,
    /// Tiers by number of invoices.
    pub frequency: Tiers,
    /// Tiers by revenue.
    pub amount: Tiers,
    /// Predictive CLV: gross margin.
    pub margin: Decimal,
    /// Predictive CLV: yearly discount rate.
    pub discount: Decimal,
    /// Predictive CLV: retention rate, measured from the book when `None`.
    pub retention: Option<Decimal>,
    /// What counts as revenue: net of VAT where known (the default), or gross.
    pub revenue: RevenueBasis,
}

/// A problem with an `[analytics]` key: the key's path and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingProblem {
    /// `["analytics", "abc", "a"]`.
    pub key: Vec<&'static str>,
    /// What was wrong and what was expected.
    pub message: String,
}

impl Settings {
    /// Resolves `[analytics]`; every invalid key keeps its default and is reported.
    pub fn resolve(config: &AnalyticsConfig) -> (Settings, Vec<SettingProblem>) {
        let mut problems = Vec::new();
        let mut problem = |key: &[&'static str], message: String| {
            let mut path = vec!["analytics"];
            path.extend_from_slice(key);
            problems.push(SettingProblem { key: path, message });
        };
        let window = match config.window.as_deref().map(Window::parse) {
            None => Window::DEFAULT,
            Some(Ok(window)) => window,
            Some(Err(message)) => {
                problem(&["window"], message);
                Window::DEFAULT
            }
        };

        let (mut abc_a, mut abc_b) = (Decimal::new(8, 1), Decimal::new(95, 2));
        let share = |x: Decimal| x > Decimal::ZERO && x <= Decimal::ONE;
        match config.abc.a {
            Some(a) if share(a) => abc_a = a,
            Some(a) => problem(
                &["abc", "a"],
                format!("invalid abc.a `{a}`: expected a share above 0 and at most 1, e.g. 0.8"),
            ),
            None => {}
        }
        match config.abc.b {
            Some(b) if share(b) && b >= abc_a => abc_b = b,
            Some(b) => problem(
                &["abc", "b"],
                format!(
                    "invalid abc.b `{b}`: expected a share at least abc.a ({abc_a}) and at most 1, e.g. 0.95"
                ),
            ),
            None if abc_b < abc_a => abc_b = abc_a,
            None => {}
        }

        let mut tiers = |name: &'static str, tier: &crate::book::config::TierConfig| {
            let basis = match tier.by.as_deref() {
                None | Some("quantile") => TierBasis::Quantile,
                Some("absolute") => TierBasis::Absolute,
                Some(other) => {
                    let hint = crate::diagnostic::did_you_mean(other, ["quantile", "absolute"])
                        .map_or(String::new(), |near| format!("; did you mean `{near}`?"));
                    problem(
                        &[name, "by"],
                        format!(
                            "invalid {name}.by `{other}`: expected \"quantile\" or \"absolute\"{hint}"
                        ),
                    );
                    return Tiers::DEFAULT;
                }
            };
            match basis {
                TierBasis::Quantile => {
                    let high = tier.high.unwrap_or(Tiers::DEFAULT.high);
                    let mid = tier.mid.unwrap_or(Tiers::DEFAULT.mid.min(high));
                    if !share(high) {
                        problem(
                            &[name, "high"],
                            format!(
                                "invalid {name}.high `{high}`: by quantile, expected a share above 0 and at most 1, e.g. 0.8"
                            ),
                        );
                        return Tiers::DEFAULT;
                    }
                    if !share(mid) || mid > high {
                        problem(
                            &[name, "mid"],
                            format!(
                                "invalid {name}.mid `{mid}`: by quantile, expected a share above 0 and at most high ({high}), e.g. 0.5"
                            ),
                        );
                        return Tiers::DEFAULT;
                    }
                    Tiers { basis, high, mid }
                }
                TierBasis::Absolute => match (tier.high, tier.mid) {
                    (Some(high), Some(mid)) if mid <= high => Tiers { basis, high, mid },
                    (Some(high), Some(mid)) => {
                        problem(
                            &[name, "mid"],
                            format!("invalid {name}.mid `{mid}`: expected at most high ({high})"),
                        );
                        Tiers::DEFAULT
                    }
                    _ => {
                        problem(
                            &[name, "by"],
                            format!(
                                "{name}.by = \"absolute\" needs both high and mid, e.g. high = 10000 and mid = 1000"
                            ),
                        );
                        Tiers::DEFAULT
                    }
                },
            }
        };
        let frequency = tiers("frequency", &config.frequency);
        let amount = tiers("amount", &config.amount);

        let clv = &config.clv;
        let mut margin = Decimal::ONE;
        match clv.margin {
            Some(m) if m >= Decimal::ZERO && m <= Decimal::ONE => margin = m,
            Some(m) => problem(
                &["clv", "margin"],
                format!("invalid clv.margin `{m}`: expected a share from 0 to 1, e.g. 0.35"),
            ),
            None => {}
        }
        let mut discount = Decimal::new(1, 1);
        match clv.discount {
            Some(d) if share(d) => discount = d,
            Some(d) => problem(
                &["clv", "discount"],
                format!(
                    "invalid clv.discount `{d}`: expected a yearly rate above 0 and at most 1, e.g. 0.1"
                ),
            ),
            None => {}
        }
        let mut retention = None;
        match clv.retention {
            Some(r) if r >= Decimal::ZERO && r <= Decimal::ONE => retention = Some(r),
            Some(r) => problem(
                &["clv", "retention"],
                format!("invalid clv.retention `{r}`: expected a share from 0 to 1, e.g. 0.7"),
            ),
            None => {}
        }
        let revenue = revenue_basis(config.revenue.as_deref()).unwrap_or_else(|message| {
            problem(&["revenue"], message);
            RevenueBasis::default()
        });
        let settings = Settings {
            window,
            abc_a,
            abc_b,
            frequency,
            amount,
            margin,
            discount,
            retention,
            revenue,
        };
        (settings, problems)
    }

    /// The book's settings (already checked when the book was loaded).
    pub fn of(book: &Book) -> Settings {
        Settings::resolve(&book.config.analytics).0
    }
}

/// `[analytics] revenue`: `"net"` (the default) or `"gross"`, else the problem's sentence.
fn revenue_basis(text: Option<&str>) -> Result<RevenueBasis, String> {
    let Some(text) = text else {
        return Ok(RevenueBasis::default());
    };
    RevenueBasis::parse(text).ok_or_else(|| {
        let hint = crate::diagnostic::did_you_mean(text, RevenueBasis::NAMES)
            .map_or(String::new(), |near| format!("; did you mean `{near}`?"));
        format!(
            "invalid revenue `{text}`: expected \"net\" (net of VAT where it is known) or \"gross\" (VAT included){hint}"
        )
    })
}

/// One contact's metrics and classes.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactMetrics {
    /// Index of the contact in the book.
    pub contact: u32,
    /// The currency of every amount: the contact's, else the book's.
    pub currency: Option<Currency>,
    /// Listed in metrics and classified: not archived, and a customer or with receivables.
    pub listed: bool,
    /// Invoices minus credit notes dated in the window, net of VAT where it is known
    /// ([`Revenue`]).
    pub revenue: Decimal,
    /// The part of `revenue` counted gross because its entries' VAT is unknown.
    pub revenue_vat_unknown: VatUnknown,
    /// Invoices dated in the window.
    pub invoices: u32,
    /// Sum of those invoices, counted as revenue is.
    pub invoiced: Decimal,
    /// invoiced / invoices, 2 decimals; `None` without invoices in the window.
    pub average_invoice: Option<Decimal>,
    /// First invoice on or before the as-of date (whole history).
    pub first_invoice: Option<NaiveDate>,
    /// Last invoice on or before the as-of date (whole history).
    pub last_invoice: Option<NaiveDate>,
    /// Days from the last invoice to the as-of date.
    pub recency_days: Option<i64>,
    /// Amount-weighted days from invoice date to payment, over payments applied in the window,
    /// 2 decimals.
    pub avg_days_to_pay: Option<Decimal>,
    /// Receivable balance as of the date.
    pub balance: Decimal,
    /// Open items at least one day past due.
    pub overdue: Decimal,
    /// Credit grade from `folio credit score`.
    pub grade: Option<Grade>,
    /// RFM recency score, 1-5, for customers with an invoice in the window.
    pub recency_score: Option<u8>,
    /// RFM frequency score.
    pub frequency_score: Option<u8>,
    /// RFM monetary score.
    pub monetary_score: Option<u8>,
    /// Named RFM segment.
    pub rfm: Option<RfmSegment>,
    /// ABC class, for customers with an invoice in the window.
    pub abc: Option<AbcClass>,
    /// Tier by number of invoices.
    pub frequency_tier: Option<Tier>,
    /// Tier by revenue.
    pub amount_tier: Option<Tier>,
    /// What the customer bought in the window, by product and family, with its main family.
    pub bought: CustomerProducts,
}

impl ContactMetrics {
    fn new(contact: u32, currency: Option<Currency>, listed: bool) -> ContactMetrics {
        ContactMetrics {
            contact,
            currency,
            listed,
            revenue: Decimal::ZERO,
            revenue_vat_unknown: VatUnknown::default(),
            invoices: 0,
            invoiced: Decimal::ZERO,
            average_invoice: None,
            first_invoice: None,
            last_invoice: None,
            recency_days: None,
            avg_days_to_pay: None,
            balance: Decimal::ZERO,
            overdue: Decimal::ZERO,
            grade: None,
            recency_score: None,
            frequency_score: None,
            monetary_score: None,
            rfm: None,
            abc: None,
            frequency_tier: None,
            amount_tier: None,
            bought: CustomerProducts::default(),
        }
    }

    /// Invoiced in the window: the population RFM, tiers and ABC rank.
    pub fn active(&self) -> bool {
        self.invoices > 0
    }
}

/// Metrics of every contact of the book.
#[derive(Debug, Clone)]
pub struct Analytics {
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The window.
    pub window: Window,
    /// The day before the window's first day; `None` for the whole history.
    pub since: Option<NaiveDate>,
    /// One per contact of the book, in the book's order (contact id order).
    pub contacts: Vec<ContactMetrics>,
    /// Sentences for a person: entries left out because of their currency. (What was counted
    /// gross for want of VAT depends on the rows shown: [`rows_vat_unknown_notes`].)
    pub notes: Vec<String>,
}

/// The currency a contact's metrics are in: its own, else the book's.
pub fn home_currency(book: &Book, contact: &Contact) -> Option<Currency> {
    contact.currency.or(book.config.currency)
}

/// Ratio rounded half up to `places`, `None` when dividing by zero.
pub(crate) fn ratio(numerator: Decimal, denominator: Decimal, places: u32) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    numerator.checked_div(denominator).map(|r| {
        let mut r = r.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(places);
        r
    })
}

/// Computes every contact's metrics and the classifications as of `as_of` over `window`, with
/// each entry's revenue amount from `revenue`.
pub fn analyze(
    book: &Book,
    settings: &Settings,
    revenue: &Revenue,
    as_of: NaiveDate,
    window: Window,
) -> Analytics {
    let ledger = Ledger::build(book, Side::Receivables, as_of, true);
    analyze_ledger(book, &ledger, settings, revenue, window)
}

/// [`analyze`] on a receivables ledger already built with its allocation trail, for callers
/// that use the same ledger for other reports (the dashboard).
pub fn analyze_ledger(
    book: &Book,
    ledger: &Ledger,
    settings: &Settings,
    revenue: &Revenue,
    window: Window,
) -> Analytics {
    debug_assert!(ledger.side == Side::Receivables);
    let as_of = ledger.as_of;
    let since = window.since(as_of);
    let in_window = |date: NaiveDate| date <= as_of && since.is_none_or(|s| date > s);

    let mut has_receivables = vec![false; book.contacts.len()];
    for account in &ledger.accounts {
        has_receivables[account.contact as usize] = true;
    }
    let mut contacts: Vec<ContactMetrics> = book
        .contacts
        .iter()
        .enumerate()
        .map(|(index, contact)| {
            let listed = !contact.archived
                && (contact.roles.contains(&Role::Customer) || has_receivables[index]);
            ContactMetrics::new(index as u32, home_currency(book, contact), listed)
        })
        .collect();

    // Three independent passes, run side by side: the entries (revenue, invoices), the
    // allocation trail (days to pay) and the credit grades.
    let currencies: Vec<Option<Currency>> = contacts.iter().map(|row| row.currency).collect();
    let ((others, paid), grades) = rayon::join(
        || {
            rayon::join(
                || count_entries(book, revenue, as_of, &mut contacts, in_window),
                || days_to_pay(book, ledger, &currencies, in_window),
            )
        },
        || score::grades(book, ledger),
    );

    for account in &ledger.accounts {
        let row = &mut contacts[account.contact as usize];
        if row.currency != Some(account.currency) {
            continue;
        }
        row.balance = account.balance();
        row.overdue = account
            .open_items
            .iter()
            .filter(|item| days_past_due(item.due, as_of) >= 1)
            .map(|item| item.open)
            .sum();
    }

    for row in &mut contacts {
        row.average_invoice = ratio(row.invoiced, Decimal::from(row.invoices), 2);
        row.recency_days = row.last_invoice.map(|last| (as_of - last).num_days());
        let (amount, weighted) = paid[row.contact as usize];
        row.avg_days_to_pay = weighted.average(amount, 2);
    }

    for (row, grade) in contacts.iter_mut().zip(grades) {
        row.grade = grade;
    }

    classify(book, settings, &mut contacts);
    let currencies: Vec<Option<Currency>> = contacts.iter().map(|row| row.currency).collect();
    let bought = super::products::by_customer(book, revenue.sales(), &currencies, since, as_of);
    for (row, bought) in contacts.iter_mut().zip(bought) {
        row.bought = bought;
    }

    let notes = currency_notes(book, &contacts, &others);
    Analytics {
        as_of,
        window,
        since,
        contacts,
        notes,
    }
}

/// Invoices and revenue of each contact's entries in its home currency; the other currencies
/// each contact used, for the notes.
fn count_entries(
    book: &Book,
    revenue: &Revenue,
    as_of: NaiveDate,
    contacts: &mut [ContactMetrics],
    in_window: impl Fn(NaiveDate) -> bool,
) -> BTreeMap<u32, Vec<Currency>> {
    let mut others: BTreeMap<u32, Vec<Currency>> = BTreeMap::new();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.kind.side() != Side::Receivables || entry.date > as_of {
            continue;
        }
        let row = &mut contacts[entry.contact as usize];
        // A payment in another currency counts in the currency it settles.
        let (_, currency) = book.allocated(index as u32);
        if row.currency != Some(currency) {
            let list = others.entry(entry.contact).or_default();
            if !list.contains(&currency) {
                list.push(currency);
            }
            continue;
        }
        match entry.kind {
            Kind::Invoice => {
                row.first_invoice =
                    Some(row.first_invoice.map_or(entry.date, |d| d.min(entry.date)));
                row.last_invoice = Some(row.last_invoice.map_or(entry.date, |d| d.max(entry.date)));
                if in_window(entry.date) {
                    let counted = revenue.of(index, entry);
                    row.revenue += counted.amount;
                    row.revenue_vat_unknown.add(counted, entry.amount);
                    row.invoiced += counted.amount;
                    row.invoices += 1;
                }
            }
            Kind::Credit if in_window(entry.date) => {
                let counted = revenue.of(index, entry);
                row.revenue -= counted.amount;
                row.revenue_vat_unknown.add(counted, -entry.amount);
            }
            _ => {}
        }
    }
    others
}

/// Per contact: the amount of payments applied to its invoices in its home currency within the
/// window, and that amount weighted by the days each payment took.
fn days_to_pay(
    book: &Book,
    ledger: &Ledger,
    currencies: &[Option<Currency>],
    in_window: impl Fn(NaiveDate) -> bool,
) -> Vec<(Decimal, Weighted)> {
    let mut paid = vec![(Decimal::ZERO, Weighted::default()); book.contacts.len()];
    let home_accounts = ledger
        .accounts
        .iter()
        .filter(|account| currencies[account.contact as usize] == Some(account.currency));
    for account in home_accounts {
        let (amount, weighted) = &mut paid[account.contact as usize];
        let counted = account
            .trail
            .iter()
            .filter(|a| a.is_invoice_paid() && in_window(a.date));
        for allocation in counted {
            *amount += allocation.amount;
            weighted.add(allocation.amount, allocation.days_to_pay());
        }
    }
    paid
}

/// RFM scores and segments, tiers and ABC classes, each population being the listed customers
/// of one currency with an invoice in the window.
fn classify(book: &Book, settings: &Settings, contacts: &mut [ContactMetrics]) {
    let mut populations: BTreeMap<Currency, Vec<usize>> = BTreeMap::new();
    for (index, row) in contacts.iter_mut().enumerate() {
        if let (true, Some(currency)) = (row.listed, row.currency) {
            if row.active() {
                populations.entry(currency).or_default().push(index);
            } else if row.last_invoice.is_some() {
                // Invoiced before the window, not in it.
                row.rfm = Some(RfmSegment::Lost);
            }
        }
    }
    for members in populations.values() {
        // Higher ranks better: recency is negated (fewer days is better).
        let recency: Vec<i64> = members
            .iter()
            .map(|&i| -contacts[i].recency_days.unwrap_or(0))
            .collect();
        let frequency: Vec<u32> = members.iter().map(|&i| contacts[i].invoices).collect();
        let monetary: Vec<Decimal> = members.iter().map(|&i| contacts[i].revenue).collect();
        let r = rfm::percentile_ranks(&recency);
        let f = rfm::percentile_ranks(&frequency);
        let m = rfm::percentile_ranks(&monetary);
        let frequency_values: Vec<Decimal> = frequency.iter().map(|&n| Decimal::from(n)).collect();
        let frequency_tiers = settings.frequency.classify(&frequency_values);
        let amount_tiers = settings.amount.classify(&monetary);
        let revenues: Vec<(Decimal, &str)> = members
            .iter()
            .map(|&i| (contacts[i].revenue, book.contacts[i].id.as_str()))
            .collect();
        let classes = rfm::abc(&revenues, settings.abc_a, settings.abc_b);
        for (k, &i) in members.iter().enumerate() {
            let row = &mut contacts[i];
            let (rs, fs, ms) = (r[k].quintile(), f[k].quintile(), m[k].quintile());
            row.recency_score = Some(rs);
            row.frequency_score = Some(fs);
            row.monetary_score = Some(ms);
            row.rfm = Some(RfmSegment::of(rs, fs, ms));
            row.frequency_tier = Some(frequency_tiers[k]);
            row.amount_tier = Some(amount_tiers[k]);
            row.abc = Some(classes[k]);
        }
    }
}

/// One note per currency whose revenue counts entries gross for want of VAT information:
/// `(currency, unknown part)` of each row counted.
pub fn vat_unknown_notes(rows: impl Iterator<Item = (Currency, VatUnknown)>) -> Vec<String> {
    let mut sums: BTreeMap<Currency, VatUnknown> = BTreeMap::new();
    for (currency, unknown) in rows {
        if unknown.entries > 0 {
            sums.entry(currency).or_default().merge(unknown);
        }
    }
    sums.into_iter()
        .map(|(currency, unknown)| {
            format!(
                "{} {currency} of revenue, from {} invoice(s) and credit note(s) without VAT information, is counted gross (VAT included)",
                crate::money::format_amount(unknown.amount),
                unknown.entries
            )
        })
        .collect()
}

fn currency_notes(
    book: &Book,
    contacts: &[ContactMetrics],
    others: &BTreeMap<u32, Vec<Currency>>,
) -> Vec<String> {
    const SHOWN: usize = 5;
    let listed: Vec<String> = others
        .iter()
        .filter(|(contact, _)| contacts[**contact as usize].listed)
        .map(|(contact, currencies)| {
            let names: Vec<&str> = currencies.iter().map(|c| c.as_str()).collect();
            format!(
                "{} ({})",
                book.contacts[*contact as usize].id,
                names.join(", ")
            )
        })
        .collect();
    if listed.is_empty() {
        return Vec::new();
    }
    let more = listed.len().saturating_sub(SHOWN);
    let mut shown = listed[..listed.len().min(SHOWN)].join(", ");
    if more > 0 {
        shown.push_str(&format!(" and {more} more"));
    }
    vec![format!(
        "entries in a currency other than the contact's own are not counted in its metrics: {shown}"
    )]
}

/// The notes on the revenue of `rows` counted gross for want of VAT information, one per
/// currency: for the rows a command shows.
pub fn rows_vat_unknown_notes<'a>(rows: impl Iterator<Item = &'a ContactMetrics>) -> Vec<String> {
    vat_unknown_notes(rows.filter_map(|row| Some((row.currency?, row.revenue_vat_unknown))))
}

/// A table of metrics: the rows of some contacts.
#[derive(Debug, Clone)]
pub struct MetricsTable<'a> {
    /// The book, for ids and names.
    pub book: &'a Book,
    /// The rows shown.
    pub rows: Vec<&'a ContactMetrics>,
}

impl Analytics {
    /// The listed contacts (not archived; customers, or with receivables), in id order.
    pub fn listed(&self) -> impl Iterator<Item = &ContactMetrics> {
        self.contacts.iter().filter(|row| row.listed)
    }
}

impl Tabular for MetricsTable<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(2),
            Column::text("currency"),
            Column::money("revenue"),
            Column::money("revenue_vat_unknown").priority(9),
            Column::amount("invoices").priority(3),
            Column::amount("average_invoice").priority(6),
            Column::text("first_invoice").priority(8),
            Column::text("last_invoice").priority(5),
            Column::amount("recency_days").priority(4),
            Column::amount("avg_days_to_pay").priority(3),
            Column::money("balance").priority(1),
            Column::money("overdue").priority(2),
            Column::text("grade").priority(1),
            Column::amount("recency_score").priority(7),
            Column::amount("frequency_score").priority(7),
            Column::amount("monetary_score").priority(7),
            Column::text("rfm").priority(4),
            Column::text("abc").priority(3),
            Column::text("frequency_tier").priority(6),
            Column::text("amount_tier").priority(6),
            Column::text("main_family").priority(5),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| metric_cells(self.book, row))
            .collect()
    }
}

/// The cells of one metrics row, in [`MetricsTable`]'s column order.
pub fn metric_cells<'a>(book: &'a Book, row: &'a ContactMetrics) -> Vec<Cell<'a>> {
    let contact = &book.contacts[row.contact as usize];
    let score = |s: Option<u8>| s.map_or(Cell::Null, |s| Cell::Integer(i64::from(s)));
    let text = |t: Option<&str>| t.map_or(Cell::Null, |t| Cell::from(t.to_string()));
    vec![
        Cell::from(contact.id.clone()),
        Cell::from(contact.name.clone()),
        text(row.currency.as_ref().map(Currency::as_str)),
        Cell::Amount(row.revenue),
        Cell::Amount(row.revenue_vat_unknown.amount),
        Cell::Integer(i64::from(row.invoices)),
        row.average_invoice.map_or(Cell::Null, Cell::Amount),
        row.first_invoice.map_or(Cell::Null, Cell::Date),
        row.last_invoice.map_or(Cell::Null, Cell::Date),
        row.recency_days.map_or(Cell::Null, Cell::Integer),
        row.avg_days_to_pay.map_or(Cell::Null, Cell::Decimal),
        Cell::Amount(row.balance),
        Cell::Amount(row.overdue),
        text(row.grade.map(Grade::as_str)),
        score(row.recency_score),
        score(row.frequency_score),
        score(row.monetary_score),
        text(row.rfm.map(RfmSegment::slug)),
        text(row.abc.map(AbcClass::as_str)),
        text(row.frequency_tier.map(Tier::as_str)),
        text(row.amount_tier.map(Tier::as_str)),
        text(row.bought.main_family.as_deref()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn windows_parse_and_bound() {
        assert_eq!(Window::parse("90d"), Ok(Window::Days(90)));
        assert_eq!(Window::parse("12m"), Ok(Window::Months(12)));
        assert_eq!(Window::parse("2y"), Ok(Window::Months(24)));
        assert_eq!(Window::parse("all"), Ok(Window::All));
        for bad in ["", "d", "0d", "-3d", "+3d", "12", "12w", "1.5m", "all "] {
            assert!(Window::parse(bad).is_err(), "{bad:?}");
        }
        let as_of = date("2026-03-31");
        assert_eq!(Window::Days(1).since(as_of), Some(date("2026-03-30")));
        assert_eq!(Window::Months(1).since(as_of), Some(date("2026-02-28")));
        assert_eq!(Window::DEFAULT.since(as_of), Some(date("2025-03-31")));
        assert_eq!(Window::All.since(as_of), None);
        assert_eq!(Window::Days(90).to_string(), "90d");
    }

    #[test]
    fn settings_defaults_and_problems() {
        let (settings, problems) = Settings::resolve(&AnalyticsConfig::default());
        assert!(problems.is_empty());
        assert_eq!(settings.window, Window::DEFAULT);
        assert_eq!(settings.abc_a, Decimal::new(8, 1));
        assert_eq!(settings.frequency, Tiers::DEFAULT);
        let mut config = AnalyticsConfig {
            window: Some("3w".into()),
            ..Default::default()
        };
        config.abc.a = Some(Decimal::new(9, 1));
        config.abc.b = Some(Decimal::new(8, 1));
        config.amount.by = Some("absolut".into());
        config.frequency.by = Some("absolute".into());
        config.frequency.high = Some(Decimal::from(10));
        let (_, problems) = Settings::resolve(&config);
        let keys: Vec<String> = problems.iter().map(|p| p.key.join(".")).collect();
        assert_eq!(
            keys,
            [
                "analytics.window",
                "analytics.abc.b",
                "analytics.frequency.by",
                "analytics.amount.by"
            ]
        );
        assert!(problems[3].message.contains("did you mean `absolute`"));
    }
}
