//! Which column of a statement holds which field: the rules' columns first (by name, or by
//! position: `#2` or `2` is the second column), then the columns of a bank of the table
//! ([`super::banks`]) whose every column the header has, then the usual header names in English,
//! Dutch, French and German. Two columns of one name are told apart by position: a name
//! is the first column so named that no other field took.

use super::banks::{BANKS, Bank, Field};
use super::rules::BankColumns;
use crate::input::csv::{Table, header_key};

/// Usual header names, compared without spaces, `_` and `-` (see [`header_key`]).
const USUAL: &[(&str, &[&str])] = &[
    (
        "date",
        &[
            "bookingdate",
            "date",
            "transactiondate",
            "entrydate",
            "uitvoeringsdatum",
            "boekingsdatum",
            "datum",
            "dateoperation",
            "datedoperation",
            "dateexecution",
            "datedexecution",
            "datecomptable",
            "buchungstag",
            "buchungsdatum",
            "valuedate",
            "valutadatum",
            "datevaleur",
        ],
    ),
    ("amount", &["amount", "bedrag", "montant", "betrag", "amt"]),
    (
        "credit",
        &["credit", "creditamount", "moneyin", "paidin", "haben"],
    ),
    (
        "debit",
        &["debit", "debitamount", "moneyout", "paidout", "soll"],
    ),
    (
        "indicator",
        &[
            "creditdebitindicator",
            "cdtdbtind",
            "debitcredit",
            "creditdebit",
            "dc",
            "cd",
            "af/bij",
            "afbij",
            "creditdebet",
            "debetcredit",
            "sollhaben",
        ],
    ),
    (
        "currency",
        &[
            "currency",
            "ccy",
            "munt",
            "valuta",
            "valutarekening",
            "devise",
            "devisecompte",
            "devisedecompte",
            "devisducompte",
            "waehrung",
            "wahrung",
        ],
    ),
    (
        "counterparty",
        &[
            "counterpartyname",
            "counterparty",
            "naamvandetegenpartij",
            "naamtegenpartij",
            "tegenpartijnaam",
            "nomdelacontrepartie",
            "nomcontrepartie",
            "contrepartie",
            "name",
            "naam",
            "nom",
            "payee",
            "beneficiary",
            "auftraggeberempfanger",
            "empfanger",
        ],
    ),
    (
        "iban",
        &[
            "counterpartyiban",
            "counterpartyaccount",
            "iban",
            "rekeningtegenpartij",
            "tegenpartij",
            "tegenrekening",
            "comptecontrepartie",
            "comptedelacontrepartie",
            "kontonummer",
        ],
    ),
    (
        "communication",
        &[
            "remittanceinformation",
            "communication",
            "structuredcommunication",
            "mededeling",
            "gestructureerdemededeling",
            "omschrijving",
            "description",
            "details",
            "libelle",
            "verwendungszweck",
            "message",
            "text",
            "memo",
            "narrative",
            "paymentreference",
        ],
    ),
    (
        "id",
        &[
            "transactionid",
            "bankreference",
            "volgnummer",
            "numerodesequence",
            "sequence",
            "referencebancaire",
            "id",
        ],
    ),
];

/// A header name as compared: [`header_key`] without `_` and `'`.
pub(super) fn squeeze(name: &str) -> String {
    header_key(name).replace(['_', '\''], "")
}

/// A header without the currency it names at its end (`Bedrag (EUR)`, `Betrag (€)`,
/// `Amount EUR`), so that it is found by its usual name.
fn without_currency(header: &str) -> &str {
    let trimmed = header.trim();
    let is_currency = |text: &str| {
        let text = text.trim();
        text == "€" || crate::identifiers::codes::check_currency(text).is_ok()
    };
    if let Some(open) = trimmed.rfind('(')
        && trimmed.ends_with(')')
        && is_currency(&trimmed[open + 1..trimmed.len() - 1])
    {
        return trimmed[..open].trim_end();
    }
    match trimmed.rsplit_once(' ') {
        Some((name, code)) if is_currency(code) => name.trim_end(),
        _ => trimmed,
    }
}

/// Where each field of a bank line is, in a table.
#[derive(Debug, Clone, Default)]
pub(super) struct Found {
    pub(super) date: Option<usize>,
    pub(super) amount: Option<usize>,
    pub(super) credit: Option<usize>,
    pub(super) debit: Option<usize>,
    pub(super) indicator: Option<usize>,
    pub(super) currency: Option<usize>,
    /// The first of them not empty in a row is the name (Wise: payer, else payee).
    pub(super) counterparty: Vec<usize>,
    pub(super) iban: Option<usize>,
    pub(super) communication: Vec<usize>,
    pub(super) id: Option<usize>,
    /// The bank whose columns were recognised.
    pub(super) bank: Option<&'static str>,
}

/// The usual names of a field (the `USUAL` key), and the table's field.
const FIELDS: &[(&str, Field)] = &[
    ("date", Field::Date),
    ("amount", Field::Amount),
    ("credit", Field::Credit),
    ("debit", Field::Debit),
    ("indicator", Field::Indicator),
    ("currency", Field::Currency),
    ("counterparty", Field::Counterparty),
    ("iban", Field::Iban),
    ("communication", Field::Communication),
    ("id", Field::Id),
];

/// Every name, usual or of a bank, that a header cell of `field` may have, squeezed.
pub(super) fn names_of(field: Field) -> Vec<String> {
    let usual = FIELDS
        .iter()
        .filter(|(_, f)| *f == field)
        .flat_map(|(key, _)| USUAL.iter().filter(move |(k, _)| k == key))
        .flat_map(|(_, names)| names.iter().map(|n| n.to_string()));
    let banks = BANKS
        .iter()
        .flat_map(|bank| bank.columns.iter())
        .filter(|(f, _)| *f == field)
        .flat_map(|(_, names)| names.iter().map(|n| squeeze(n)));
    usual.chain(banks).collect()
}

/// The index a rules file's column reference names: `#2` (or `2`) is the second column, else
/// the first column of that name not yet taken.
fn by_rule(table: &Table, name: &str, field: &str, taken: &[bool]) -> Result<usize, String> {
    let width = table.header.cells.len();
    if let Some(number) = name.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
        return (1..=width).contains(&number).then(|| number - 1).ok_or_else(|| {
            format!("the rules name column #{number} for {field}, but the statement has {width} column(s)")
        });
    }
    let wanted = header_key(name);
    let mut same = table
        .header
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| header_key(&c.text) == wanted)
        .map(|(i, _)| i);
    let first = same.clone().next();
    same.find(|&i| !taken[i]).or(first).ok_or_else(|| {
        let header: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
        let near = crate::diagnostic::did_you_mean(name, header.iter().copied())
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_else(|| format!(" (the header has {})", header.join(", ")));
        format!(
            "the rules name column `{name}` for {field}, which the statement does not have{near}"
        )
    })
}

/// The first bank of the table whose every field has a column in `names`.
fn bank_of(names: &[String]) -> Option<&'static Bank> {
    BANKS.iter().find(|bank| {
        bank.columns
            .iter()
            .all(|(_, list)| list.iter().any(|n| names.contains(&squeeze(n))))
    })
}

/// The slots of `found` a field fills.
fn slot(found: &mut Found, field: Field) -> Slot<'_> {
    match field {
        Field::Date => Slot::One(&mut found.date),
        Field::Amount => Slot::One(&mut found.amount),
        Field::Credit => Slot::One(&mut found.credit),
        Field::Debit => Slot::One(&mut found.debit),
        Field::Indicator => Slot::One(&mut found.indicator),
        Field::Currency => Slot::One(&mut found.currency),
        Field::Iban => Slot::One(&mut found.iban),
        Field::Id => Slot::One(&mut found.id),
        Field::Counterparty => Slot::Many(&mut found.counterparty),
        Field::Communication => Slot::Many(&mut found.communication),
    }
}

enum Slot<'a> {
    One(&'a mut Option<usize>),
    Many(&'a mut Vec<usize>),
}

impl Slot<'_> {
    fn is_empty(&self) -> bool {
        match self {
            Slot::One(one) => one.is_none(),
            Slot::Many(many) => many.is_empty(),
        }
    }
}

/// Fills an empty slot with the columns of `candidates` (squeezed names, in order of
/// preference) not yet taken: the first for a one-column field; for communication, all of them.
fn fill(names: &[String], taken: &mut [bool], slot: Slot<'_>, candidates: &[String]) {
    if !slot.is_empty() {
        return;
    }
    let mut free = candidates.iter().filter_map(|wanted| {
        names
            .iter()
            .enumerate()
            .position(|(i, n)| n == wanted && !taken[i])
    });
    match slot {
        Slot::One(one) => {
            if let Some(index) = free.next() {
                taken[index] = true;
                *one = Some(index);
            }
        }
        Slot::Many(many) => {
            for index in free.collect::<Vec<_>>() {
                if !taken[index] {
                    taken[index] = true;
                    many.push(index);
                }
            }
        }
    }
}

/// Finds the columns of a statement: the rules' first, then a recognised bank's, then the usual
/// names. An error names what is missing and what the header has.
pub(super) fn locate(table: &Table, columns: &BankColumns) -> Result<Found, String> {
    let names: Vec<String> = table
        .header
        .cells
        .iter()
        .map(|c| squeeze(&c.text))
        .collect();
    // The usual names are also found with a currency after them (`Bedrag (EUR)`).
    let plain_names: Vec<String> = table
        .header
        .cells
        .iter()
        .map(|c| squeeze(without_currency(&c.text)))
        .collect();
    let mut taken = vec![false; names.len()];
    let mut found = Found::default();
    let ruled: [(Field, &str, Vec<&String>); 10] = [
        (Field::Date, "date", columns.date.iter().collect()),
        (Field::Amount, "amount", columns.amount.iter().collect()),
        (Field::Credit, "credit", columns.credit.iter().collect()),
        (Field::Debit, "debit", columns.debit.iter().collect()),
        (
            Field::Indicator,
            "indicator",
            columns.indicator.iter().collect(),
        ),
        (
            Field::Currency,
            "currency",
            columns.currency.iter().collect(),
        ),
        (
            Field::Counterparty,
            "counterparty",
            columns.counterparty.iter().collect(),
        ),
        (Field::Iban, "iban", columns.iban.iter().collect()),
        (
            Field::Communication,
            "communication",
            columns.communication.iter().collect(),
        ),
        (Field::Id, "id", columns.id.iter().collect()),
    ];
    for (field, key, list) in &ruled {
        for name in list {
            let index = by_rule(table, name, key, &taken)?;
            taken[index] = true;
            match slot(&mut found, *field) {
                Slot::One(one) => *one = Some(index),
                Slot::Many(many) => many.push(index),
            }
        }
    }
    if let Some(bank) = bank_of(&names) {
        found.bank = Some(bank.name);
        for (field, list) in bank.columns {
            let wanted: Vec<String> = list.iter().map(|n| squeeze(n)).collect();
            fill(&names, &mut taken, slot(&mut found, *field), &wanted);
        }
    }
    for (key, field) in FIELDS {
        // A recognised bank says how its amounts are signed: no usual name adds to it (a Deutsche
        // Bank export has an empty `Betrag` beside its `Soll` and `Haben`).
        let signing = matches!(
            field,
            Field::Amount | Field::Credit | Field::Debit | Field::Indicator
        );
        if found.bank.is_some() && signing {
            continue;
        }
        let usual: Vec<String> = USUAL
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, list)| list.iter().map(|n| n.to_string()))
            .collect();
        fill(&plain_names, &mut taken, slot(&mut found, *field), &usual);
    }
    found.communication.sort_unstable();
    check(table, &found)?;
    Ok(found)
}

/// A date and an amount (or credit and debit) column are needed.
fn check(table: &Table, found: &Found) -> Result<(), String> {
    let header: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
    if found.date.is_none() {
        return Err(format!(
            "no date column in the statement (the header has {}); name it in the rules: [columns] date = \"...\"",
            header.join(", ")
        ));
    }
    if found.amount.is_none() && (found.credit.is_none() || found.debit.is_none()) {
        return Err(format!(
            "no amount column in the statement (the header has {}); name it in the rules: [columns] amount = \"...\" (or credit and debit)",
            header.join(", ")
        ));
    }
    Ok(())
}
