//! Bank statements as CSV: the rules that describe a bank's export ([`rules`]), which column
//! holds which field ([`columns`]), and the rows read into [`StatementLine`]s.

pub mod columns;
pub mod rules;

use super::{Format, ParsedStatement, Place, StatementLine};
use crate::diagnostic::Diagnostic;
use crate::input::csv::{self as reader, Encoding, Row};
use crate::input::values::{self, NumberStyle};
use crate::money::Currency;
use columns::{Found, locate};
use rules::{BankRules, DEFAULT_CREDIT, DEFAULT_DEBIT, Sign};
use rust_decimal::Decimal;
use std::path::Path;

/// Reads a CSV statement: decodes it, parses the CSV and reads each row into a
/// [`StatementLine`]. Every row that cannot be read is a problem at its cell; any problem refuses
/// the whole statement.
pub fn read(
    bytes: &[u8],
    shown: &Path,
    rules: &BankRules,
) -> Result<ParsedStatement, Vec<Diagnostic>> {
    let encoding = rules.csv.encoding.unwrap_or(Encoding::Guess);
    let decoded = reader::decode(bytes, encoding).map_err(|e| vec![e.diagnostic(shown, "")])?;
    let text = decoded.text;
    let mut statement = ParsedStatement {
        format: Format::Csv,
        account: None,
        currency: rules.currency,
        lines: Vec::new(),
        notes: Vec::new(),
    };
    if decoded.guessed {
        statement.notes.push(format!(
            "{} is not UTF-8: read as {} (say encoding = \"...\" in the rules to choose)",
            shown.display(),
            decoded.encoding
        ));
    }
    let table =
        reader::parse(&text, rules.csv.delimiter, rules.csv.skip_lines).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.diagnostic(shown, &text))
                .collect::<Vec<_>>()
        })?;
    let found = locate(&table, &rules.columns)
        .map_err(|m| vec![Diagnostic::error(shown, table.header.line, 1, m)])?;
    let values = |index: Option<usize>| {
        let rows = &table.rows;
        rows.iter()
            .filter_map(move |r| index.and_then(|i| r.get(i)))
    };
    let date_formats = rules.csv.date_formats(values(found.date));
    let amount_style = rules.csv.number_style(
        values(found.amount)
            .chain(values(found.credit))
            .chain(values(found.debit)),
    );
    let sign = sign_of(rules, &found)
        .map_err(|m| vec![Diagnostic::error(shown, table.header.line, 1, m)])?;
    let mut problems = Vec::new();
    for row in &table.rows {
        match read_row(row, &found, &sign, rules, &date_formats, amount_style) {
            Ok(line) => statement.lines.push(line),
            Err((column, message)) => {
                let (l, c, prefix) =
                    match column.and_then(|i| row.cells.get(i).map(|cell| (i, cell))) {
                        Some((index, cell)) => (
                            cell.line,
                            cell.column,
                            format!(
                                "row {}, column `{}`: ",
                                row.number,
                                table.column_name(index)
                            ),
                        ),
                        None => (row.line, 1, format!("row {}: ", row.number)),
                    };
                let d = Diagnostic::error(shown, l, c, format!("{prefix}{message}"));
                problems.push(match crate::diagnostic::line_text(&text, l) {
                    Some(excerpt) => d.with_excerpt(excerpt),
                    None => d,
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(statement)
    } else {
        Err(problems)
    }
}

/// The sign convention: the rules', else an indicator column when there is one, credit and
/// debit columns when there is no amount column, else negative-out.
fn sign_of(rules: &BankRules, found: &Found) -> Result<Sign, String> {
    let sign = match &rules.sign {
        Some(sign) => sign.clone(),
        None if found.indicator.is_some() && found.amount.is_some() => Sign::Indicator {
            credit: DEFAULT_CREDIT.iter().map(|s| s.to_string()).collect(),
            debit: DEFAULT_DEBIT.iter().map(|s| s.to_string()).collect(),
        },
        None if found.amount.is_none() => Sign::Columns,
        None => Sign::NegativeOut,
    };
    if sign == Sign::Columns && (found.credit.is_none() || found.debit.is_none()) {
        return Err("sign = \"columns\" needs a credit and a debit column: name them in the rules' [columns]".into());
    }
    if matches!(sign, Sign::Indicator { .. }) && found.indicator.is_none() {
        return Err(
            "sign = \"indicator\" needs an indicator column: name it in the rules' [columns]"
                .into(),
        );
    }
    Ok(sign)
}

type RowError = (Option<usize>, String);

fn read_row(
    row: &Row,
    found: &Found,
    sign: &Sign,
    rules: &BankRules,
    date_formats: &[String],
    style: NumberStyle,
) -> Result<StatementLine, RowError> {
    let cell = |index: Option<usize>| index.and_then(|i| row.get(i));
    // What may reach the journal (the bank's id as metadata, name and communication in the memo)
    // holds no control character: the row is refused, at its cell.
    let plain = |index: Option<usize>| -> Result<(), RowError> {
        match cell(index).map(crate::text::check_folded) {
            Some(Err(why)) => Err((index, format!("the cell holds {why}"))),
            _ => Ok(()),
        }
    };
    plain(found.id)?;
    plain(found.counterparty)?;
    for &index in &found.communication {
        plain(Some(index))?;
    }
    let date_text = cell(found.date).ok_or((found.date, "the date is empty".to_string()))?;
    let date = values::parse_date(date_text, date_formats).map_err(|m| (found.date, m))?;
    let amount = amount_of(row, found, sign, style)?;
    let currency = match cell(found.currency) {
        Some(code) => Some(Currency::parse(&code.to_ascii_uppercase()).ok_or_else(|| {
            (
                found.currency,
                format!("`{code}` is not a currency: expected three letters, e.g. EUR"),
            )
        })?),
        None => rules.currency,
    };
    let communication = found
        .communication
        .iter()
        .filter_map(|&i| row.get(i))
        .collect::<Vec<_>>()
        .join(" ");
    Ok(StatementLine {
        place: Place {
            line: row.line,
            column: 1,
        },
        date,
        value_date: None,
        amount,
        currency,
        counterparty: cell(found.counterparty).unwrap_or("").to_string(),
        account: cell(found.iban)
            .map(crate::identifiers::iban::compact)
            .filter(|a| !a.is_empty()),
        structured: crate::identifiers::structured::find(&communication)
            .and_then(Result::ok)
            .map(|s| s.digits()),
        communication,
        bank_id: cell(found.id).map(str::to_string),
    })
}

/// The signed amount of a row.
fn amount_of(
    row: &Row,
    found: &Found,
    sign: &Sign,
    style: NumberStyle,
) -> Result<Decimal, RowError> {
    let cell = |index: Option<usize>| index.and_then(|i| row.get(i));
    let parse = |index: Option<usize>| -> Result<Option<Decimal>, RowError> {
        cell(index)
            .map(|t| values::parse_amount(t, style).map_err(|m| (index, m)))
            .transpose()
    };
    let value = match sign {
        Sign::Columns => None,
        _ => found.amount.map(|_| parse(found.amount)),
    };
    let Some(value) = value else {
        let credit = parse(found.credit)?.unwrap_or_default().abs();
        let debit = parse(found.debit)?.unwrap_or_default().abs();
        return Ok(credit - debit);
    };
    let value = value?.ok_or((found.amount, "the amount is empty".to_string()))?;
    Ok(match sign {
        Sign::NegativeIn => -value,
        Sign::Indicator { credit, debit } => {
            let word = cell(found.indicator).unwrap_or("");
            let is = |words: &[String]| words.iter().any(|w| w.eq_ignore_ascii_case(word));
            if is(credit) {
                value.abs()
            } else if is(debit) {
                -value.abs()
            } else {
                return Err((
                    found.indicator,
                    format!(
                        "`{word}` says neither credit ({}) nor debit ({})",
                        credit.join(", "),
                        debit.join(", ")
                    ),
                ));
            }
        }
        _ => value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::rules::RulesText;

    fn rules(text: &str) -> BankRules {
        let rules = RulesText {
            shown: "bank.toml".into(),
            text: text.into(),
        };
        let table: toml::Table = toml::from_str(text).unwrap();
        BankRules::from_table(&rules, &table).unwrap()
    }

    #[test]
    fn belgian_style_with_rules() {
        let rules = rules(
            "encoding = \"windows-1252\"\ndate_format = \"%d/%m/%Y\"\n[columns]\ncommunication = [\"Mededeling\", \"Details\"]\n",
        );
        let csv = b"Volgnummer;Uitvoeringsdatum;Bedrag;Valuta rekening;Tegenpartij;Naam van de tegenpartij;Mededeling;Details\n2026-0001;05/01/2026;1.234,50;EUR;BE68 5390 0754 7034;CAF\xc9 L\xc9OPOLD;+++002/0250/00086+++;\n2026-0002;06/01/2026;-12,00;EUR;;Bank;;frais\n";
        let statement = read(csv, Path::new("s.csv"), &rules).unwrap();
        let lines = &statement.lines;
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].amount, Decimal::new(123450, 2));
        assert_eq!(lines[0].counterparty, "CAFÉ LÉOPOLD");
        assert_eq!(lines[0].account.as_deref(), Some("BE68539007547034"));
        assert_eq!(lines[0].bank_id.as_deref(), Some("2026-0001"));
        assert_eq!(lines[0].structured.as_deref(), Some("002025000086"));
        assert_eq!(lines[1].amount, Decimal::new(-1200, 2));
        assert_eq!(lines[1].communication, "frais");
    }

    #[test]
    fn iso_style_without_rules() {
        let csv = "BookingDate,TransactionId,Amount,Currency,CreditDebitIndicator,CounterpartyName,CounterpartyIBAN,RemittanceInformation\n2026-07-01,TX1,100.00,USD,DBIT,Ningbo,,INV 1\n";
        let statement = read(csv.as_bytes(), Path::new("s.csv"), &BankRules::default()).unwrap();
        let line = &statement.lines[0];
        assert_eq!(line.amount, Decimal::new(-10000, 2));
        assert_eq!(line.currency, Currency::parse("USD"));
        assert_eq!(line.communication, "INV 1");
        assert_eq!(line.bank_id.as_deref(), Some("TX1"));
    }

    #[test]
    fn a_row_that_cannot_be_read_refuses_the_statement_at_its_cell() {
        let bad = "date,amount\n2026-13-05,10\n2026-01-05,ten\n";
        let problems = read(bad.as_bytes(), Path::new("s.csv"), &BankRules::default()).unwrap_err();
        let places: Vec<(u32, u32)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(places, [(2, 1), (3, 12)]);
    }
}
