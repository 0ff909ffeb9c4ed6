//! An independent, deliberately naive implementation of the allocation rules (issue 2, "Open items, per
//! contact, per side, per currency") and of the aging buckets (issue 3), written from the issue text alone.
//!
//! It is the oracle for `randomized.rs`; the tests at the bottom pin each rule with exact numbers, run both
//! through the real binary and through this model. Nothing here is clever: quadratic scans, plain vectors.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// Receivables (invoice, refund, payment, credit, writeoff) or payables (bill, payout, debit,
/// payable-writeoff).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Receivables,
    Payables,
}

/// An entry kind; the kind gives the side and the sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Invoice,
    Refund,
    Payment,
    Credit,
    Bill,
    Payout,
    Debit,
    Writeoff,
    PayableWriteoff,
}

impl Kind {
    pub(crate) const ALL: [Kind; 9] = [
        Kind::Invoice,
        Kind::Refund,
        Kind::Payment,
        Kind::Credit,
        Kind::Bill,
        Kind::Payout,
        Kind::Debit,
        Kind::Writeoff,
        Kind::PayableWriteoff,
    ];

    pub(crate) fn side(self) -> Side {
        match self {
            Kind::Invoice | Kind::Refund | Kind::Payment | Kind::Credit | Kind::Writeoff => {
                Side::Receivables
            }
            Kind::Bill | Kind::Payout | Kind::Debit | Kind::PayableWriteoff => Side::Payables,
        }
    }

    /// Invoice, refund and bill are debits (+); the others are credits (-).
    pub(crate) fn is_debit(self) -> bool {
        matches!(self, Kind::Invoice | Kind::Refund | Kind::Bill)
    }

    /// The kinds a `ref:` on this kind may name.
    pub(crate) fn ref_targets(self) -> &'static [Kind] {
        match self {
            // A write-off is allocated like a credit or debit note (docs/format.md).
            Kind::Payment | Kind::Credit | Kind::Writeoff => &[Kind::Invoice, Kind::Refund],
            Kind::Refund => &[Kind::Payment, Kind::Credit],
            Kind::Payout | Kind::Debit | Kind::PayableWriteoff => &[Kind::Bill],
            Kind::Invoice | Kind::Bill => &[],
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Invoice => "invoice",
            Kind::Refund => "refund",
            Kind::Payment => "payment",
            Kind::Credit => "credit",
            Kind::Bill => "bill",
            Kind::Payout => "payout",
            Kind::Debit => "debit",
            Kind::Writeoff => "writeoff",
            Kind::PayableWriteoff => "payable-writeoff",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// One journal entry with everything resolved except the default due date.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub date: NaiveDate,
    pub kind: Kind,
    pub id: String,
    pub contact: String,
    pub amount: Decimal,
    /// Already resolved: explicit, else the contact's, else the book's.
    pub currency: String,
    /// An explicit `due:` (invoice and bill only).
    pub due: Option<NaiveDate>,
    pub reference: Option<String>,
    /// `settles:` of a payment or payout in another currency, resolved: the settled amount and
    /// the settled currency (`/CUR`, else the currency of the `ref:` document).
    pub settles: Option<(Decimal, String)>,
}

impl Entry {
    /// The entry as the allocation rules see it: a payment in another currency counts as the
    /// amount it settles, in the currency it settles; every other entry as written.
    pub(crate) fn as_allocated(&self) -> Entry {
        let mut entry = self.clone();
        if let Some((amount, currency)) = &self.settles {
            entry.amount = *amount;
            entry.currency = currency.clone();
        }
        entry
    }
}

/// Payment terms: the book's, overridden per contact.
#[derive(Clone, Debug, Default)]
pub(crate) struct Terms {
    pub book: u64,
    pub contacts: BTreeMap<String, u64>,
}

impl Terms {
    /// The due date of a debit entry: a refund is due on its own date; otherwise the explicit due,
    /// else date + the contact's terms, else date + the book's terms.
    pub(crate) fn due(&self, entry: &Entry) -> NaiveDate {
        if entry.kind == Kind::Refund {
            return entry.date;
        }
        if let Some(due) = entry.due {
            return due;
        }
        let days = self
            .contacts
            .get(&entry.contact)
            .copied()
            .unwrap_or(self.book);
        entry.date.checked_add_days(Days::new(days)).unwrap()
    }
}

/// An open debit item.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OpenItem {
    pub id: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    /// Position in journal order, for ties.
    pub seq: usize,
    pub open: Decimal,
}

/// What is left of a credit entry after allocation.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct UnappliedCredit {
    pub id: String,
    pub date: NaiveDate,
    pub seq: usize,
    pub amount: Decimal,
}

/// The state of one (contact, currency) on one side.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Account {
    pub debits: Decimal,
    pub credits: Decimal,
    /// Open items with a non-zero open amount, in the order they were opened.
    pub items: Vec<OpenItem>,
    /// Unapplied credits with a non-zero amount, in the order they arose.
    pub unapplied: Vec<UnappliedCredit>,
    /// Every application of a credit to a debit, in the order it happened: (credit id, debit
    /// id, the debit's date, amount).
    pub applied: Vec<(String, String, NaiveDate, Decimal)>,
}

impl Account {
    pub(crate) fn balance(&self) -> Decimal {
        self.debits - self.credits
    }

    /// Open items with `as_of - due >= 1`.
    pub(crate) fn overdue(&self, as_of: NaiveDate) -> Decimal {
        self.items
            .iter()
            .filter(|item| (as_of - item.due).num_days() >= 1)
            .map(|item| item.open)
            .sum()
    }

    fn apply_debit(&mut self, entry: &Entry, seq: usize, due: NaiveDate) {
        self.debits += entry.amount;
        let mut left = entry.amount;
        // A refund with ref first consumes what is left unapplied of the entry it names.
        if let (Kind::Refund, Some(target)) = (entry.kind, &entry.reference) {
            for credit in self.unapplied.iter_mut().filter(|c| &c.id == target) {
                let take = left.min(credit.amount);
                credit.amount -= take;
                left -= take;
                if take > Decimal::ZERO {
                    let applied = (credit.id.clone(), entry.id.clone(), entry.date, take);
                    self.applied.push(applied);
                }
            }
        }
        // Then unapplied credits, oldest first (date, then journal order).
        while left > Decimal::ZERO {
            let oldest = self
                .unapplied
                .iter_mut()
                .filter(|c| c.amount > Decimal::ZERO)
                .min_by_key(|c| (c.date, c.seq));
            let Some(credit) = oldest else { break };
            let take = left.min(credit.amount);
            credit.amount -= take;
            left -= take;
            let applied = (credit.id.clone(), entry.id.clone(), entry.date, take);
            self.applied.push(applied);
        }
        self.unapplied.retain(|c| c.amount > Decimal::ZERO);
        if left > Decimal::ZERO {
            self.items.push(OpenItem {
                id: entry.id.clone(),
                date: entry.date,
                due,
                seq,
                open: left,
            });
        }
    }

    fn apply_credit(&mut self, entry: &Entry, seq: usize) {
        self.credits += entry.amount;
        let mut left = entry.amount;
        // First the ref item, up to its open amount (nothing if it is not open, e.g. dated later).
        if let Some(target) = &entry.reference {
            for item in self.items.iter_mut().filter(|i| &i.id == target) {
                let take = left.min(item.open);
                item.open -= take;
                left -= take;
                if take > Decimal::ZERO {
                    let applied = (entry.id.clone(), item.id.clone(), item.date, take);
                    self.applied.push(applied);
                }
            }
        }
        // Then the other open items: oldest due first, ties by date, then journal order.
        while left > Decimal::ZERO {
            let oldest = self
                .items
                .iter_mut()
                .filter(|i| i.open > Decimal::ZERO)
                .min_by_key(|i| (i.due, i.date, i.seq));
            let Some(item) = oldest else { break };
            let take = left.min(item.open);
            item.open -= take;
            left -= take;
            let applied = (entry.id.clone(), item.id.clone(), item.date, take);
            self.applied.push(applied);
        }
        self.items.retain(|i| i.open > Decimal::ZERO);
        if left > Decimal::ZERO {
            self.unapplied.push(UnappliedCredit {
                id: entry.id.clone(),
                date: entry.date,
                seq,
                amount: left,
            });
        }
    }
}

/// (contact id, currency) -> account, for one side as of a date. `entries` are in journal order (path order,
/// then line order). A key is present when the contact has at least one entry on that side in that currency
/// dated on or before `as_of`; the map's order (contact id, then currency) is the report's row order.
pub(crate) fn accounts(
    entries: &[Entry],
    terms: &Terms,
    side: Side,
    as_of: NaiveDate,
) -> BTreeMap<(String, String), Account> {
    let mut ordered: Vec<(usize, &Entry)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind.side() == side && e.date <= as_of)
        .collect();
    // Stable: ties keep journal order.
    ordered.sort_by_key(|(_, e)| e.date);
    let mut result: BTreeMap<(String, String), Account> = BTreeMap::new();
    for (seq, entry) in ordered {
        let entry = &entry.as_allocated();
        let account = result
            .entry((entry.contact.clone(), entry.currency.clone()))
            .or_default();
        if entry.kind.is_debit() {
            account.apply_debit(entry, seq, terms.due(entry));
        } else {
            account.apply_credit(entry, seq);
        }
        // The invariants the issue states.
        assert!(
            account.items.is_empty() || account.unapplied.is_empty(),
            "reference bug: open items and unapplied credits at once: {account:?}"
        );
        let open: Decimal = account.items.iter().map(|i| i.open).sum();
        let unapplied: Decimal = account.unapplied.iter().map(|c| c.amount).sum();
        assert_eq!(account.balance(), open - unapplied, "reference bug");
    }
    result
}

/// Aging bucket column labels for buckets [b1, ..., bn]: `1-b1`, `(b1+1)-b2`, ..., `bn+`.
pub(crate) fn bucket_labels(buckets: &[i64]) -> Vec<String> {
    let mut labels = Vec::new();
    let mut low = 1;
    for &high in buckets {
        labels.push(format!("{low}-{high}"));
        low = high + 1;
    }
    labels.push(format!("{}+", buckets.last().expect("at least one bucket")));
    labels
}

/// One aging summary row (the numbers; contact, name and currency come from the key).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AgingRow {
    pub current: Decimal,
    /// One per label of `bucket_labels`, in the same order.
    pub buckets: Vec<Decimal>,
    /// Negative: minus the sum of unapplied credits.
    pub unapplied: Decimal,
    pub total: Decimal,
}

impl AgingRow {
    pub(crate) fn is_zero(&self) -> bool {
        self.current.is_zero()
            && self.buckets.iter().all(Decimal::is_zero)
            && self.unapplied.is_zero()
    }
}

/// Ages one account: days past due = as_of - due; <= 0 is current; 1..=b1 the first bucket,
/// b1+1..=b2 the second, ..., > bn the last.
pub(crate) fn aging(account: &Account, as_of: NaiveDate, buckets: &[i64]) -> AgingRow {
    let mut row = AgingRow {
        current: Decimal::ZERO,
        buckets: vec![Decimal::ZERO; buckets.len() + 1],
        unapplied: Decimal::ZERO,
        total: Decimal::ZERO,
    };
    for item in &account.items {
        let days = (as_of - item.due).num_days();
        if days <= 0 {
            row.current += item.open;
        } else {
            let index = buckets
                .iter()
                .position(|&high| days <= high)
                .unwrap_or(buckets.len());
            row.buckets[index] += item.open;
        }
    }
    for credit in &account.unapplied {
        row.unapplied -= credit.amount;
    }
    row.total = row.current + row.buckets.iter().copied().sum::<Decimal>() + row.unapplied;
    assert_eq!(
        row.total,
        account.balance(),
        "reference bug: aging does not add up"
    );
    row
}

/// Exchange rates as the model reads them: quotes `(date, from, to, rate)`, one currency of `from`
/// worth `rate` of `to`. The books of the suite quote each pair in one direction only, with a
/// quote before every entry, so a rate is always the latest quote of the pair, used as written
/// or inverted.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rates {
    pub quotes: Vec<(NaiveDate, String, String, Decimal)>,
}

impl Rates {
    /// `amount` of `from` in `to` at the latest quote on or before `date`, rounded half away from
    /// zero to cents (every currency of the suite has cents).
    pub(crate) fn convert(
        &self,
        amount: Decimal,
        from: &str,
        to: &str,
        date: NaiveDate,
    ) -> Decimal {
        let latest = |a: &str, b: &str| {
            self.quotes
                .iter()
                .filter(|(day, x, y, _)| x == a && y == b && *day <= date)
                .max_by_key(|(day, ..)| *day)
                .map(|(_, _, _, rate)| *rate)
        };
        let exact = match (latest(from, to), latest(to, from)) {
            (Some(rate), _) => amount * rate,
            (None, Some(rate)) => amount / rate,
            (None, None) => panic!("reference: no rate {from} {to} on {date}"),
        };
        cents(exact)
    }
}

/// Half away from zero, to cents.
pub(crate) fn cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// The realised exchange difference of each payment or payout in another currency, by id, in the
/// currency it was paid in, from the applications of `accounts` (one side): for each application
/// of `a` (settled), the paid part is what the payment's running share of its settled amount adds
/// (`round(paid x applied so far / settled)` minus the same before it), the carrying value is `a`
/// at the rate of the document's date, and the difference is paid part minus carrying value on
/// receivables, the reverse on payables.
pub(crate) fn exchange_differences(
    entries: &[Entry],
    accounts: &BTreeMap<(String, String), Account>,
    rates: &Rates,
    side: Side,
) -> BTreeMap<String, Decimal> {
    let mut differences = BTreeMap::new();
    let mut applied_so_far: BTreeMap<String, Decimal> = BTreeMap::new();
    for account in accounts.values() {
        for (credit, _, debit_date, amount) in &account.applied {
            let payment = entries.iter().find(|e| &e.id == credit).unwrap();
            let Some((settled, settled_currency)) = &payment.settles else {
                continue;
            };
            let before = applied_so_far.get(credit).copied().unwrap_or_default();
            let after = before + amount;
            applied_so_far.insert(credit.clone(), after);
            // To cents, or to the decimals the payment is written with when it has more.
            let decimals = payment.amount.scale().max(2);
            let share = |part: Decimal| {
                let exact = payment.amount * part / settled;
                exact.round_dp_with_strategy(
                    decimals,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                )
            };
            let paid = share(after) - share(before);
            let carrying = rates.convert(*amount, settled_currency, &payment.currency, *debit_date);
            let difference = match side {
                Side::Receivables => paid - carrying,
                Side::Payables => carrying - paid,
            };
            *differences.entry(credit.clone()).or_default() += difference;
        }
    }
    differences
}

/// One line of a statement: the entry, its debit or credit (as allocated) and the balance after
/// it.
#[derive(Clone, Debug)]
pub(crate) struct StatementLine {
    pub entry: Entry,
    pub debit: Decimal,
    pub credit: Decimal,
    pub balance: Decimal,
}

/// A contact's statement on one side up to `to`: per currency (as allocated, in code order), every
/// entry in date order (ties in journal order) with the running balance.
pub(crate) fn statement(
    entries: &[Entry],
    contact: &str,
    side: Side,
    to: NaiveDate,
) -> BTreeMap<String, Vec<StatementLine>> {
    let mut mine: Vec<Entry> = entries
        .iter()
        .filter(|e| e.contact == contact && e.kind.side() == side && e.date <= to)
        .cloned()
        .collect();
    mine.sort_by_key(|e| e.date);
    let mut sections: BTreeMap<String, Vec<StatementLine>> = BTreeMap::new();
    for entry in mine {
        let allocated = entry.as_allocated();
        let lines = sections.entry(allocated.currency.clone()).or_default();
        let before = lines.last().map_or(Decimal::ZERO, |l| l.balance);
        let (debit, credit) = if entry.kind.is_debit() {
            (allocated.amount, Decimal::ZERO)
        } else {
            (Decimal::ZERO, allocated.amount)
        };
        lines.push(StatementLine {
            entry,
            debit,
            credit,
            balance: before + debit - credit,
        });
    }
    sections
}

/// Parses the journal lines this test suite writes (well-formed by construction, so no error handling):
/// `DATE KIND ID CONTACT AMOUNT [CURRENCY] [key:value ...] [; memo]`. `currency_of` resolves the
/// default currency of a contact. Blank and comment lines give `None`.
pub(crate) fn parse_line(line: &str, currency_of: &dyn Fn(&str) -> String) -> Option<Entry> {
    let line = line.split(';').next().unwrap().trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let fields: Vec<&str> = line.split_whitespace().collect();
    let contact = fields[3].to_string();
    let mut entry = Entry {
        date: NaiveDate::from_str(fields[0]).unwrap(),
        kind: Kind::parse(fields[1]).unwrap(),
        id: fields[2].to_string(),
        currency: currency_of(&contact),
        contact,
        amount: Decimal::from_str(fields[4]).unwrap(),
        due: None,
        reference: None,
        settles: None,
    };
    for field in &fields[5..] {
        match field.split_once(':') {
            Some(("due", date)) => entry.due = Some(NaiveDate::from_str(date).unwrap()),
            Some(("ref", id)) => entry.reference = Some(id.to_string()),
            Some(_) => {}
            None => entry.currency = field.to_string(),
        }
    }
    Some(entry)
}

/// Parses `%Y-%m-%d` (test shorthand).
pub(crate) fn date(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).unwrap()
}

/// Parses a decimal (test shorthand).
pub(crate) fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A JSON amount: a string with at least two decimals, parsed.
pub(crate) fn json_amount(value: &serde_json::Value) -> Result<Decimal, String> {
    let text = value
        .as_str()
        .ok_or_else(|| format!("amount {value} is not a string"))?;
    let decimals = text
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    if decimals < 2 {
        return Err(format!("amount {text:?} has fewer than two decimals"));
    }
    Decimal::from_str(text).map_err(|e| format!("amount {text:?} is not a decimal: {e}"))
}

/// Hand-written fixtures, one per rule, with exact expected numbers: each is checked against the real binary
/// and against the model above.
mod rules {
    use super::*;
    use crate::util::TestBook;

    /// A small book: folio.toml with EUR and `terms`, customers (and suppliers) with names `<id> name`,
    /// one journal file per element of `files` (written as `journal/<name>.journal`).
    struct Fixture {
        book: TestBook,
        entries: Vec<Entry>,
        terms: Terms,
    }

    impl Fixture {
        fn new(terms: u64, contacts: &[&str], files: &[(&str, &str)]) -> Fixture {
            let mut book = TestBook::with_config(&format!(
                "name = \"Rules\"\ncurrency = \"EUR\"\nterms = {terms}\n"
            ));
            for contact in contacts {
                book = book.contact(
                    contact,
                    &format!("name = \"{contact} name\"\nroles = [\"customer\", \"supplier\"]\n"),
                );
            }
            let mut sorted: Vec<(&str, &str)> = files.to_vec();
            // Journal order: path order of the real file names (journal/a/x.journal sorts before
            // journal/a.journal, component by component).
            sorted.sort_by_key(|(name, _)| {
                std::path::PathBuf::from(format!("journal/{name}.journal"))
            });
            let mut entries = Vec::new();
            for (name, text) in sorted {
                book = book.journal(name, text);
                entries.extend(
                    text.lines()
                        .filter_map(|line| parse_line(line, &|_| "EUR".into())),
                );
            }
            let terms = Terms {
                book: terms,
                contacts: BTreeMap::new(),
            };
            Fixture {
                book,
                entries,
                terms,
            }
        }

        fn one(terms: u64, text: &str) -> Fixture {
            Fixture::new(terms, &["acme"], &[("main", text)])
        }

        /// Checks `balance` rows (contact, debits, credits, balance, overdue) in the binary and the model.
        fn balance(
            &self,
            payables: bool,
            as_of: &str,
            expected: &[(&str, &str, &str, &str, &str)],
        ) {
            let mut args = vec!["balance", "--as-of", as_of];
            if payables {
                args.push("--payables");
            }
            let json = self.book.json(&args);
            let rows = json.as_array().expect("an array");
            let actual: Vec<(String, Decimal, Decimal, Decimal, Decimal)> = rows
                .iter()
                .map(|row| {
                    (
                        row["contact"].as_str().unwrap().to_string(),
                        json_amount(&row["debits"]).unwrap(),
                        json_amount(&row["credits"]).unwrap(),
                        json_amount(&row["balance"]).unwrap(),
                        json_amount(&row["overdue"]).unwrap(),
                    )
                })
                .collect();
            let want: Vec<(String, Decimal, Decimal, Decimal, Decimal)> = expected
                .iter()
                .map(|(c, d, cr, b, o)| (c.to_string(), dec(d), dec(cr), dec(b), dec(o)))
                .collect();
            assert_eq!(actual, want, "folio balance {args:?}");
            let side = if payables {
                Side::Payables
            } else {
                Side::Receivables
            };
            let model: Vec<(String, Decimal, Decimal, Decimal, Decimal)> =
                accounts(&self.entries, &self.terms, side, date(as_of))
                    .into_iter()
                    .map(|((contact, _), a)| {
                        (
                            contact,
                            a.debits,
                            a.credits,
                            a.balance(),
                            a.overdue(date(as_of)),
                        )
                    })
                    .collect();
            assert_eq!(model, want, "reference model, balance {args:?}");
        }

        /// Checks the open items and unapplied credits (id, open amount; unapplied negative) of acme/EUR:
        /// in the model, in this order, and in folio's `aging --detail` (its JSON keys `document` and
        /// `open` are folio's own, not the issue's; compared as a set).
        fn open_items(&self, payables: bool, as_of: &str, expected: &[(&str, &str)]) {
            let side = if payables {
                Side::Payables
            } else {
                Side::Receivables
            };
            let all = accounts(&self.entries, &self.terms, side, date(as_of));
            let account = &all[&("acme".to_string(), "EUR".to_string())];
            let items: Vec<(String, Decimal)> = account
                .items
                .iter()
                .map(|i| (i.id.clone(), i.open))
                .chain(account.unapplied.iter().map(|c| (c.id.clone(), -c.amount)))
                .collect();
            let mut want: Vec<(String, Decimal)> = expected
                .iter()
                .map(|(id, a)| (id.to_string(), dec(a)))
                .collect();
            assert_eq!(items, want, "reference model open items as of {as_of}");
            let mut args = vec!["aging", "--detail", "--as-of", as_of];
            if payables {
                args.push("--payables");
            }
            let json = self.book.json(&args);
            let mut got: Vec<(String, Decimal)> = json
                .as_array()
                .expect("an array")
                .iter()
                .map(|row| {
                    let document = row["document"].as_str().unwrap_or("?").to_string();
                    (document, json_amount(&row["open"]).unwrap())
                })
                .collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "folio aging --detail as of {as_of}: {json}");
        }

        /// Checks one aging row (acme, EUR, default buckets): current, 1-30, 31-60, 61-90, 90+, unapplied.
        fn aging(&self, as_of: &str, expected: Option<[&str; 6]>) {
            let json = self.book.json(&["aging", "--as-of", as_of]);
            let rows = json.as_array().expect("an array");
            let labels = ["current", "1-30", "31-60", "61-90", "90+", "unapplied"];
            let all = accounts(&self.entries, &self.terms, Side::Receivables, date(as_of));
            let model = aging(
                &all[&("acme".to_string(), "EUR".to_string())],
                date(as_of),
                &[30, 60, 90],
            );
            match expected {
                None => {
                    assert!(
                        rows.is_empty(),
                        "aging as of {as_of}: expected no rows, got {json}"
                    );
                    assert!(model.is_zero(), "reference model: {model:?}");
                }
                Some(values) => {
                    assert_eq!(rows.len(), 1, "aging as of {as_of}: {json}");
                    let want: Vec<Decimal> = values.iter().map(|v| dec(v)).collect();
                    let got: Vec<Decimal> = labels
                        .iter()
                        .map(|label| json_amount(&rows[0][*label]).unwrap())
                        .collect();
                    assert_eq!(got, want, "folio aging as of {as_of}: {json}");
                    let total: Decimal = want.iter().copied().sum();
                    assert_eq!(
                        json_amount(&rows[0]["total"]).unwrap(),
                        total,
                        "aging total"
                    );
                    let mut model_values = vec![model.current];
                    model_values.extend(model.buckets.iter().copied());
                    model_values.push(model.unapplied);
                    assert_eq!(model_values, want, "reference model aging as of {as_of}");
                }
            }
        }
    }

    #[test]
    fn reference_ref_item_is_paid_first() {
        // PAY names the newer invoice I2; without the ref it would go to I1 (older due).
        let f = Fixture::one(
            30,
            "2026-01-01 invoice I1 acme 100\n\
             2026-01-10 invoice I2 acme 50\n\
             2026-01-20 payment P1 acme 70 ref:I2\n",
        );
        // 50 to I2, the remaining 20 to I1.
        f.open_items(false, "2026-01-20", &[("I1", "80")]);
        // I1 due 01-31, I2 due 02-09: as of 02-01 only I1 is overdue.
        f.balance(false, "2026-02-01", &[("acme", "150", "70", "80", "80")]);
    }

    #[test]
    fn reference_ref_item_only_up_to_its_open_amount_rest_oldest_due() {
        let f = Fixture::one(
            30,
            "2026-01-01 invoice I1 acme 100 due:2026-03-01\n\
             2026-01-02 invoice I2 acme 40 due:2026-01-15\n\
             2026-01-03 invoice I3 acme 60\n\
             2026-01-10 payment P1 acme 30 ref:I3\n\
             2026-01-11 payment P2 acme 75 ref:I3\n",
        );
        // P1: 30 to I3. P2: 30 to I3 (its open amount), then 40 to I2 (due 01-15), then 5 to I1.
        f.open_items(false, "2026-01-11", &[("I1", "95")]);
        f.balance(false, "2026-03-01", &[("acme", "200", "105", "95", "0")]);
        f.balance(false, "2026-03-02", &[("acme", "200", "105", "95", "95")]);
    }

    #[test]
    fn reference_oldest_due_first_not_oldest_date() {
        // I1 is older by date but due later; the payment goes to I2 first.
        let f = Fixture::one(
            30,
            "2026-01-01 invoice I1 acme 100 due:2026-04-01\n\
             2026-01-05 invoice I2 acme 100 due:2026-02-01\n\
             2026-01-06 payment P1 acme 120\n",
        );
        f.open_items(false, "2026-01-06", &[("I1", "80")]);
        // As of 02-02, I2 (paid) would be overdue, I1 is not: overdue 0.
        f.balance(false, "2026-02-02", &[("acme", "200", "120", "80", "0")]);
        f.balance(false, "2026-04-02", &[("acme", "200", "120", "80", "80")]);
    }

    #[test]
    fn reference_due_ties_break_by_date_then_journal_order() {
        // I1, I2, I3 are all due 2026-03-01. I2 has the earliest date; I3 and I1 share a date and I3 comes
        // first in journal order: journal/a/x.journal sorts before journal/a.journal by path components
        // ("a" < "a.journal"), though not as a plain string ('/' > '.').
        // P1 (20) pays I2 10 and I3 10. I0 (due 02-01) opens later. P2 names I1, still open: pays it.
        // P3 names I2, already paid: falls through to the oldest due, I0.
        let f = Fixture::new(
            30,
            &["acme"],
            &[
                (
                    "a",
                    "2026-01-10 invoice I1 acme 10 due:2026-03-01\n\
                     2026-01-20 payment P1 acme 20\n\
                     2026-01-25 invoice I0 acme 100 due:2026-02-01\n\
                     2026-01-26 payment P2 acme 10 ref:I1\n\
                     2026-01-27 payment P3 acme 10 ref:I2\n",
                ),
                (
                    "a/x",
                    "2026-01-10 invoice I3 acme 30 due:2026-03-01\n\
                     2026-01-05 invoice I2 acme 10 due:2026-03-01\n",
                ),
            ],
        );
        f.open_items(false, "2026-01-20", &[("I3", "20"), ("I1", "10")]);
        f.open_items(false, "2026-01-27", &[("I3", "20"), ("I0", "90")]);
        // Had P1 paid I1 before I3 (string path order), overdue would be 80; had it ignored the date
        // tie-break (I3 before I2), 100.
        f.balance(false, "2026-02-02", &[("acme", "150", "40", "110", "90")]);
        f.balance(false, "2026-03-02", &[("acme", "150", "40", "110", "110")]);
    }

    #[test]
    fn reference_same_date_ties_keep_line_order() {
        // Same date: the payment comes first in the file, so it is unapplied until I1 consumes it. Had the
        // invoices gone first, P1 would have paid I2 (older due) and overdue would be 20.
        let f = Fixture::one(
            30,
            "2026-01-10 payment P1 acme 30\n\
             2026-01-10 invoice I1 acme 100\n\
             2026-01-10 invoice I2 acme 50 due:2026-01-10\n",
        );
        // I1 consumes the 30 (it comes first), so I1 is open 70 and I2 50.
        f.open_items(false, "2026-01-10", &[("I1", "70"), ("I2", "50")]);
        f.balance(false, "2026-01-11", &[("acme", "150", "30", "120", "50")]);
    }

    #[test]
    fn reference_prepayment_is_consumed_by_a_later_invoice() {
        let f = Fixture::one(
            14,
            "2026-01-01 payment P1 acme 60\n\
             2026-01-02 credit C1 acme 15\n\
             2026-01-05 invoice I1 acme 50\n\
             2026-01-06 invoice I2 acme 100\n",
        );
        // As of 01-03: two unapplied credits.
        f.open_items(false, "2026-01-03", &[("P1", "-60"), ("C1", "-15")]);
        f.balance(false, "2026-01-03", &[("acme", "0", "75", "-75", "0")]);
        // I1 consumes 50 of P1; I2 consumes P1's last 10, then C1's 15, and stays open 75 (due 01-20).
        f.open_items(false, "2026-01-06", &[("I2", "75")]);
        f.balance(false, "2026-01-20", &[("acme", "150", "75", "75", "0")]);
        f.balance(false, "2026-01-21", &[("acme", "150", "75", "75", "75")]);
        f.aging("2026-01-03", Some(["0", "0", "0", "0", "0", "-75"]));
        f.aging("2026-01-21", Some(["0", "75", "0", "0", "0", "0"]));
    }

    #[test]
    fn reference_refund_with_ref_consumes_the_named_credit_first() {
        let f = Fixture::one(
            30,
            "2026-01-01 payment P1 acme 100\n\
             2026-01-02 credit C1 acme 40\n\
             2026-01-10 refund R1 acme 50 ref:C1\n\
             2026-01-11 refund R2 acme 30\n",
        );
        // R1: 40 from C1 (named), then 10 from P1 (oldest). R2: 30 from P1, which keeps 60.
        // Only the open-item list shows which credit is left; the balance is -60 either way.
        f.open_items(false, "2026-01-10", &[("P1", "-90")]);
        f.open_items(false, "2026-01-11", &[("P1", "-60")]);
        f.balance(false, "2026-01-11", &[("acme", "80", "140", "-60", "0")]);
        // A refund bigger than all unapplied credits opens an item due on its own date.
        let g = Fixture::one(
            30,
            "2026-01-01 payment P1 acme 100\n\
             2026-01-02 credit C1 acme 40\n\
             2026-01-10 refund R1 acme 150 ref:C1\n",
        );
        g.open_items(false, "2026-01-10", &[("R1", "10")]);
        g.balance(false, "2026-01-10", &[("acme", "150", "140", "10", "0")]);
        g.balance(false, "2026-01-11", &[("acme", "150", "140", "10", "10")]);
        g.aging("2026-01-10", Some(["10", "0", "0", "0", "0", "0"]));
        g.aging("2026-01-11", Some(["0", "10", "0", "0", "0", "0"]));
    }

    #[test]
    fn reference_ref_to_a_later_document_finds_nothing_open() {
        // P1 names I2, dated later: nothing open yet, so P1 pays I1 (the only open item) and the rest
        // is unapplied; I2 then consumes that unapplied rest.
        let f = Fixture::one(
            30,
            "2026-01-01 invoice I1 acme 100\n\
             2026-01-05 payment P1 acme 130 ref:I2\n\
             2026-01-10 invoice I2 acme 50\n",
        );
        f.open_items(false, "2026-01-05", &[("P1", "-30")]);
        f.balance(false, "2026-01-05", &[("acme", "100", "130", "-30", "0")]);
        f.open_items(false, "2026-01-10", &[("I2", "20")]);
        f.balance(false, "2026-02-10", &[("acme", "150", "130", "20", "20")]);
        // A payout naming a later bill, on the payables side.
        let g = Fixture::one(
            30,
            "2026-01-01 bill B1 acme 100\n\
             2026-01-05 payout X1 acme 60 ref:B2\n\
             2026-01-06 bill B2 acme 60\n",
        );
        g.open_items(true, "2026-01-06", &[("B1", "40"), ("B2", "60")]);
        g.balance(true, "2026-02-01", &[("acme", "160", "60", "100", "40")]);
        g.balance(true, "2026-02-05", &[("acme", "160", "60", "100", "40")]);
        g.balance(true, "2026-02-06", &[("acme", "160", "60", "100", "100")]);
        // No receivables rows at all.
        g.balance(false, "2026-02-06", &[]);
    }

    #[test]
    fn reference_as_of_excludes_later_entries() {
        let f = Fixture::new(
            30,
            &["acme", "bob"],
            &[(
                "main",
                "2026-01-01 invoice I1 acme 100\n\
                 2026-01-15 payment P1 acme 100\n\
                 2026-01-20 invoice I2 bob 5\n",
            )],
        );
        f.balance(false, "2025-12-31", &[]);
        f.balance(false, "2026-01-01", &[("acme", "100", "0", "100", "0")]);
        f.balance(false, "2026-01-14", &[("acme", "100", "0", "100", "0")]);
        // Zero balance still gives a row.
        f.balance(false, "2026-01-15", &[("acme", "100", "100", "0", "0")]);
        f.balance(
            false,
            "2026-01-20",
            &[
                ("acme", "100", "100", "0", "0"),
                ("bob", "5", "0", "5", "0"),
            ],
        );
    }

    #[test]
    fn reference_bucket_edges() {
        // One invoice due 2026-01-01, aged as of dates -1, 0, 1, 30, 31, 60, 61, 90, 91 days past due.
        let f = Fixture::one(30, "2025-12-01 invoice I1 acme 1 due:2026-01-01\n");
        let cases = [
            ("2025-12-31", ["1", "0", "0", "0", "0", "0"]), // -1 days: current
            ("2026-01-01", ["1", "0", "0", "0", "0", "0"]), // 0: current
            ("2026-01-02", ["0", "1", "0", "0", "0", "0"]), // 1: 1-30
            ("2026-01-31", ["0", "1", "0", "0", "0", "0"]), // 30: 1-30
            ("2026-02-01", ["0", "0", "1", "0", "0", "0"]), // 31: 31-60
            ("2026-03-02", ["0", "0", "1", "0", "0", "0"]), // 60: 31-60
            ("2026-03-03", ["0", "0", "0", "1", "0", "0"]), // 61: 61-90
            ("2026-04-01", ["0", "0", "0", "1", "0", "0"]), // 90: 61-90
            ("2026-04-02", ["0", "0", "0", "0", "1", "0"]), // 91: 90+
        ];
        for (as_of, expected) in cases {
            f.aging(as_of, Some(expected));
        }
        // Overdue follows the same edge: 0 days is not overdue, 1 is.
        f.balance(false, "2026-01-01", &[("acme", "1", "0", "1", "0")]);
        f.balance(false, "2026-01-02", &[("acme", "1", "0", "1", "1")]);
        // Fully paid: no aging row at all.
        let g = Fixture::one(
            30,
            "2025-12-01 invoice I1 acme 1 due:2026-01-01\n2025-12-02 payment P1 acme 1\n",
        );
        g.aging("2026-04-02", None);
    }

    #[test]
    fn reference_bucket_labels() {
        assert_eq!(
            bucket_labels(&[30, 60, 90]),
            ["1-30", "31-60", "61-90", "90+"]
        );
        assert_eq!(bucket_labels(&[7, 14, 30]), ["1-7", "8-14", "15-30", "30+"]);
        assert_eq!(bucket_labels(&[30]), ["1-30", "30+"]);
    }
}
