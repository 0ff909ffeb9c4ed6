//! Bank statements as CSV: the rules that describe a bank's export ([`rules`]), which column
//! holds which field ([`columns`]), and the rows read into [`StatementLine`]s.

pub mod banks;
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
    let skip = if rules.csv.skip_lines > 0 || rules.headerless {
        rules.csv.skip_lines
    } else {
        header_line(&text, rules)
    };
    let shape = reader::Shape {
        repeated_names: true,
        short_rows: true,
    };
    let mut table =
        reader::parse_shaped(&text, rules.csv.delimiter, skip, shape).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.diagnostic(shown, &text))
                .collect::<Vec<_>>()
        })?;
    if rules.headerless {
        let first = table.header.clone();
        for (index, cell) in table.header.cells.iter_mut().enumerate() {
            cell.text = format!("#{}", index + 1);
        }
        table.rows.insert(0, first);
    }
    let found = locate(&table, &rules.columns)
        .map_err(|m| vec![Diagnostic::error(shown, table.header.line, 1, m)])?;
    if let Some(bank) = found.bank {
        statement
            .notes
            .push(format!("{}: columns of a {bank} export", shown.display()));
    }
    if statement.currency.is_none() && found.currency.is_none() {
        statement.currency = [found.amount, found.credit, found.debit]
            .into_iter()
            .flatten()
            .find_map(|index| header_currency(table.column_name(index)));
    }
    // Trailing columns without a name (a trailing delimiter on the header) may be left out.
    let width = table
        .header
        .cells
        .iter()
        .rposition(|c| !c.text.trim().is_empty())
        .map_or(0, |last| last + 1);
    let (rows, fillers): (Vec<&Row>, Vec<&Row>) =
        table.rows.iter().partition(|row| !is_filler(row, &found));
    if !fillers.is_empty() {
        let lines: Vec<String> = fillers.iter().map(|r| r.line.to_string()).collect();
        statement.notes.push(format!(
            "{}: {} line(s) without a date skipped (totals, balances, filler): line {}",
            shown.display(),
            fillers.len(),
            lines.join(", ")
        ));
    }
    let values = |index: Option<usize>| {
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
    for &row in &rows {
        let read = if row.cells.len() < width {
            Err((
                None,
                format!(
                    "it has {} cell(s), the header has {width}: a delimiter is missing, or the row was cut short",
                    row.cells.len()
                ),
            ))
        } else {
            read_row(row, &found, &sign, rules, &date_formats, amount_style)
        };
        match read {
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

/// A line that is no transaction: its date cell is missing or holds no digit (`Total`,
/// `Saldo`, a line of dashes, an empty cell), and its amount cells are empty or missing too, or
/// the row is shorter than the header.
fn is_filler(row: &Row, found: &Found) -> bool {
    let date = found.date.and_then(|i| row.get(i));
    let dated = date.is_some_and(|d| d.bytes().any(|b| b.is_ascii_digit()));
    let short = row.cells.len() < found.date.unwrap_or(0).max(found.amount.unwrap_or(0)) + 1;
    let amounts = [found.amount, found.credit, found.debit]
        .into_iter()
        .any(|i| i.and_then(|i| row.get(i)).is_some());
    !dated && (!amounts || short || date.is_some())
}

/// The line of the header row, counted from 0: the first of the first 50 lines with a cell
/// named like a date and one named like an amount (or credit or debit), by the usual names, the
/// bank table's and the rules'. Lines before it are a preamble (account, period, balance). 0 when
/// no line looks like a header.
fn header_line(text: &str, rules: &BankRules) -> usize {
    use banks::Field;
    let with_rules = |field: Field, named: Vec<&String>| {
        let mut names = columns::names_of(field);
        names.extend(named.into_iter().map(|n| columns::squeeze(n)));
        names
    };
    let c = &rules.columns;
    let dates = with_rules(Field::Date, c.date.iter().collect());
    let mut amounts = with_rules(Field::Amount, c.amount.iter().collect());
    amounts.extend(with_rules(Field::Credit, c.credit.iter().collect()));
    amounts.extend(with_rules(Field::Debit, c.debit.iter().collect()));
    let delimiters: Vec<char> = match rules.csv.delimiter {
        Some(d) => vec![d],
        None => reader::DELIMITERS.to_vec(),
    };
    for (number, line) in text.lines().take(50).enumerate() {
        for &delimiter in &delimiters {
            let cells: Vec<String> = line
                .split(delimiter)
                .map(|cell| columns::squeeze(cell.trim().trim_matches('"')))
                .collect();
            if cells.iter().any(|c| dates.contains(c)) && cells.iter().any(|c| amounts.contains(c))
            {
                return number;
            }
        }
    }
    0
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
    for &index in &found.counterparty {
        plain(Some(index))?;
    }
    for &index in &found.communication {
        plain(Some(index))?;
    }
    let date_text = cell(found.date).ok_or((found.date, "the date is empty".to_string()))?;
    let date = values::parse_date(date_text, date_formats).map_err(|m| (found.date, m))?;
    let amount = amount_of(row, found, sign, style, rules.csv.decimal.is_none())?;
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
        counterparty: found
            .counterparty
            .iter()
            .find_map(|&i| row.get(i))
            .unwrap_or("")
            .to_string(),
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

/// The currency an amount column's header names, as in `Bedrag (EUR)`, `Amount EUR` or
/// `Montant (€)` (an ISO 4217 code, or the euro sign): the statement's currency when it has no
/// currency column.
fn header_currency(header: &str) -> Option<Currency> {
    if header.contains('€') {
        return Currency::parse("EUR");
    }
    header
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| crate::identifiers::codes::check_currency(word).is_ok())
        .find_map(Currency::parse)
}

/// The signed amount of a row.
fn amount_of(
    row: &Row,
    found: &Found,
    sign: &Sign,
    style: NumberStyle,
    flexible: bool,
) -> Result<Decimal, RowError> {
    let cell = |index: Option<usize>| index.and_then(|i| row.get(i));
    let parse = |index: Option<usize>| -> Result<Option<Decimal>, RowError> {
        cell(index)
            .map(|t| {
                // Unless the rules say, each cell may write its decimals its own way.
                let style = if flexible {
                    values::cell_style(t, style)
                } else {
                    style
                };
                values::parse_amount(t, style).map_err(|m| (index, m))
            })
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
            let word_key = crate::text::fold(word);
            let is = |words: &[String]| words.iter().any(|w| crate::text::fold(w) == word_key);
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
    fn an_amount_header_that_names_the_currency_gives_the_statements() {
        let cases = [
            (
                "Datum,Naam,Bedrag (EUR)\n2026-11-03,Sablon,\"1210,00\"\n",
                Some("EUR"),
            ),
            (
                "Datum;Name;Betrag (\u{20ac})\n03.11.2026;Sablon;1210,00\n",
                Some("EUR"),
            ),
            (
                "Date,Name,Amount USD\n2026-11-03,Sablon,1210.00\n",
                Some("USD"),
            ),
            ("Date,Name,Amount\n2026-11-03,Sablon,1210.00\n", None),
        ];
        for (csv, currency) in cases {
            let statement =
                read(csv.as_bytes(), Path::new("s.csv"), &BankRules::default()).unwrap();
            assert_eq!(
                statement.currency,
                currency.and_then(Currency::parse),
                "{csv}"
            );
        }
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

    fn read_as(csv: &str, rules_text: &str) -> Vec<(String, String, String)> {
        let statement = read(csv.as_bytes(), Path::new("s.csv"), &rules(rules_text)).unwrap();
        statement
            .lines
            .iter()
            .map(|l| {
                (
                    l.date.to_string(),
                    crate::money::format_amount(l.amount),
                    l.communication.clone(),
                )
            })
            .collect()
    }

    fn line(date: &str, amount: &str, communication: &str) -> (String, String, String) {
        (date.into(), amount.into(), communication.into())
    }

    #[test]
    fn columns_of_one_name_are_taken_by_position_and_rules_name_them_by_index() {
        let csv = "Datum;Bedrag;Bedrag;Omschrijving\n01.02.2026;1,00;-2,00;a\n";
        assert_eq!(read_as(csv, ""), [line("2026-02-01", "1.00", "a")]);
        let by_index = "[columns]\namount = 3\ncommunication = [\"#4\"]\n";
        assert_eq!(read_as(csv, by_index), [line("2026-02-01", "-2.00", "a")]);
    }

    #[test]
    fn a_file_without_a_header_is_read_with_columns_by_position() {
        let csv = "20260201,NL20INGB0001234567,12.5,INV 1\n20260202,,-.05,fee\n";
        let rules_text =
            "header = false\n[columns]\ndate = 1\niban = 2\namount = 3\ncommunication = 4\n";
        assert_eq!(
            read_as(csv, rules_text),
            [
                line("2026-02-01", "12.50", "INV 1"),
                line("2026-02-02", "-0.05", "fee")
            ]
        );
    }

    #[test]
    fn preamble_filler_lines_signs_and_mixed_decimals() {
        let csv = "Account;BE68539007547034\nPeriod;January\n\nDate;Amount;D/C;Text;;\n05/01/2026;1.234,56;C;a;;\n06/01/2026;1,234.56;D;b;;\n07/01/2026;12.5;Bij;c\nTotal;;;\n------\n";
        assert_eq!(
            read_as(csv, "[columns]\nindicator = \"D/C\"\n"),
            [
                line("2026-01-05", "1234.56", "a"),
                line("2026-01-06", "-1234.56", "b"),
                line("2026-01-07", "12.50", "c"),
            ]
        );
    }

    #[test]
    fn a_short_row_with_a_date_is_an_error_not_a_filler() {
        let csv = "date;amount;name\n2026-01-05;10\n";
        let problems = read(csv.as_bytes(), Path::new("s.csv"), &BankRules::default()).unwrap_err();
        assert!(
            problems[0].message.contains("it has 2 cell(s)"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_row_that_cannot_be_read_refuses_the_statement_at_its_cell() {
        let bad = "date,amount\n2026-13-05,10\n2026-01-05,ten\n";
        let problems = read(bad.as_bytes(), Path::new("s.csv"), &BankRules::default()).unwrap_err();
        let places: Vec<(u32, u32)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(places, [(2, 1), (3, 12)]);
    }
}

#[cfg(test)]
mod bank_tests;
