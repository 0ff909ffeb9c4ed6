//! Which column of a statement holds which field: the rules' names first, then the usual header
//! names in English, Dutch, French and German.

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

fn squeeze(name: &str) -> String {
    header_key(name).replace(['_', '\''], "")
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
    pub(super) counterparty: Option<usize>,
    pub(super) iban: Option<usize>,
    pub(super) communication: Vec<usize>,
    pub(super) id: Option<usize>,
}

pub(super) fn locate(table: &Table, columns: &BankColumns) -> Result<Found, String> {
    let names: Vec<String> = table
        .header
        .cells
        .iter()
        .map(|c| squeeze(&c.text))
        .collect();
    let mut taken = vec![false; names.len()];
    let by_rule = |name: &Option<String>, field: &str| -> Result<Option<usize>, String> {
        match name {
            None => Ok(None),
            Some(name) => table.column(name).map(Some).ok_or_else(|| {
                let header: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
                let near = crate::diagnostic::did_you_mean(name, header.iter().copied())
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_else(|| format!(" (the header has {})", header.join(", ")));
                format!("the rules name column `{name}` for {field}, which the statement does not have{near}")
            }),
        }
    };
    let mut found = Found {
        date: by_rule(&columns.date, "date")?,
        amount: by_rule(&columns.amount, "amount")?,
        credit: by_rule(&columns.credit, "credit")?,
        debit: by_rule(&columns.debit, "debit")?,
        indicator: by_rule(&columns.indicator, "indicator")?,
        currency: by_rule(&columns.currency, "currency")?,
        counterparty: by_rule(&columns.counterparty, "counterparty")?,
        iban: by_rule(&columns.iban, "iban")?,
        communication: Vec::new(),
        id: by_rule(&columns.id, "id")?,
    };
    for name in &columns.communication {
        if let Some(index) = by_rule(&Some(name.clone()), "communication")? {
            found.communication.push(index);
        }
    }
    for index in [
        found.date,
        found.amount,
        found.credit,
        found.debit,
        found.indicator,
        found.currency,
        found.counterparty,
        found.iban,
        found.id,
    ]
    .into_iter()
    .flatten()
    .chain(found.communication.iter().copied())
    {
        taken[index] = true;
    }
    // The usual names, for what the rules leave out; earlier names in each list win.
    for (field, usual) in USUAL {
        let slot: &mut Option<usize> = match *field {
            "date" => &mut found.date,
            "amount" => &mut found.amount,
            "credit" => &mut found.credit,
            "debit" => &mut found.debit,
            "indicator" => &mut found.indicator,
            "currency" => &mut found.currency,
            "counterparty" => &mut found.counterparty,
            "iban" => &mut found.iban,
            "id" => &mut found.id,
            _ => {
                if columns.communication.is_empty() {
                    for name in *usual {
                        if let Some(index) = names.iter().position(|n| n == name)
                            && !taken[index]
                        {
                            taken[index] = true;
                            found.communication.push(index);
                        }
                    }
                }
                continue;
            }
        };
        if slot.is_some() {
            continue;
        }
        for name in *usual {
            if let Some(index) = names.iter().position(|n| n == name)
                && !taken[index]
            {
                taken[index] = true;
                *slot = Some(index);
                break;
            }
        }
    }
    found.communication.sort_unstable();
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
    Ok(found)
}
