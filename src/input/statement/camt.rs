//! ISO 20022 bank-to-customer cash management messages: the statement (camt.053), the intraday
//! account report (camt.052) and the debit/credit notification (camt.054), versions 001.02 to
//! 001.13. Their entries share one structure in all three and all versions; what changed between
//! versions is read in both forms: the entry status (`<Sts>BOOK</Sts>` up to 001.07,
//! `<Sts><Cd>BOOK</Cd></Sts>` from 001.08), the related parties (`<Dbtr><Nm>` up to 001.07,
//! `<Dbtr><Pty><Nm>` from 001.08) and a transaction detail's amount (`AmtDtls/TxAmt/Amt` in
//! 001.02, `Amt` from 001.03).
//!
//! Only booked entries (`BOOK`) are read: a pending (`PDNG`), informational (`INFO`) or future
//! (`FUTR`) entry may still change or never be booked, and a payment recorded from it could be
//! recorded twice or not at all. The statement's notes count the entries passed over.
//!
//! An entry that books several transactions at once (a batch: several `TxDtls`, each with its own
//! amount) gives one line per transaction, since each may pay another invoice; their amounts
//! must add up to the entry's. Otherwise an entry is one line.

use super::{Format, ParsedStatement, Place, StatementLine, one_line};
use crate::diagnostic::{Diagnostic, line_text};
use crate::identifiers::{creditor_reference, structured};
use crate::money::Currency;
use chrono::NaiveDate;
use roxmltree::Node;
use rust_decimal::Decimal;
use std::path::Path;

/// The namespaces' common start: `urn:iso:std:iso:20022:tech:xsd:camt.053.001.08`.
const NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:camt.";

/// The oldest and newest message versions read (`001.02` to `001.13`).
const VERSIONS: std::ops::RangeInclusive<u32> = 2..=13;

/// How far into the file [`looks_like`] looks: the namespace or the message element is in the
/// first lines of every camt file.
const SNIFF: usize = 4096;

/// True when `bytes` start like a camt.052, camt.053 or camt.054 message: XML naming a camt
/// namespace, or holding one of the three message elements, in its first 4 KiB.
pub fn looks_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let head = String::from_utf8_lossy(head);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    trimmed.starts_with('<')
        && (head.contains(NAMESPACE)
            || [
                "<BkToCstmrStmt",
                "<BkToCstmrAcctRpt",
                "<BkToCstmrDbtCdtNtfctn",
            ]
            .iter()
            .any(|element| head.contains(element)))
}

/// Reads a camt.052, camt.053 or camt.054 message (the file shown as `shown`). Public for the
/// fuzz targets in fuzz/; folio reads statements through [`super`].
pub fn read(bytes: &[u8], shown: &Path) -> Result<ParsedStatement, Vec<Diagnostic>> {
    let text = decode(bytes, shown)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let document = roxmltree::Document::parse(text).map_err(|e| {
        // An unclosed root is found at the end of the text, where the closing tag should be.
        let (line, column) = match e {
            roxmltree::Error::UnclosedRootNode => crate::diagnostic::line_column(text, text.len()),
            _ => (e.pos().row, e.pos().col),
        };
        let d = Diagnostic::error(shown, line, column, format!("not well-formed XML: {e}"));
        vec![match line_text(text, line) {
            Some(excerpt) => d.with_excerpt(excerpt),
            None => d,
        }]
    })?;
    let mut reader = Reader {
        document: &document,
        text,
        shown,
        namespace: document.root_element().tag_name().namespace(),
        problems: Vec::new(),
        passed_over: Vec::new(),
        notes: Vec::new(),
    };
    let (format, message) = reader.message()?;
    let mut statement = ParsedStatement {
        format,
        account: None,
        currency: None,
        lines: Vec::new(),
        notes: Vec::new(),
    };
    let reports = ["Stmt", "Rpt", "Ntfctn"];
    let found: Vec<Node<'_, '_>> = message
        .children()
        .filter(|n| reports.iter().any(|r| reader.is(*n, r)))
        .collect();
    for report in found {
        reader.report(report, &mut statement);
    }
    if !reader.problems.is_empty() {
        return Err(reader.problems);
    }
    let passed_over = reader.passed_over_note();
    statement.notes.extend(reader.notes);
    statement.notes.extend(passed_over);
    Ok(statement)
}

/// The text of `bytes`: UTF-8, or the single-byte encoding the XML declaration names (some banks
/// still write ISO-8859-1).
fn decode<'b>(bytes: &'b [u8], shown: &Path) -> Result<std::borrow::Cow<'b, str>, Vec<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(std::borrow::Cow::Borrowed(text)),
        Err(e) => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_lowercase();
            let declared = head
                .split("encoding=")
                .nth(1)
                .map(|rest| rest.trim_start_matches(['"', '\'']))
                .map(|rest| {
                    rest.split(['"', '\''])
                        .next()
                        .unwrap_or_default()
                        .to_string()
                });
            if let Some(name) = declared
                && name != "utf-8"
                && let Some(encoding) = encoding_rs::Encoding::for_label(name.as_bytes())
                && encoding != encoding_rs::UTF_8
            {
                return Ok(encoding.decode_without_bom_handling(bytes).0);
            }
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let (line, column) = crate::diagnostic::line_column(&valid, valid.len());
            Err(vec![Diagnostic::error(
                shown,
                line,
                column,
                "not UTF-8, and the XML declaration names no other encoding: \
                 expected a camt message as the bank sent it",
            )])
        }
    }
}

/// Reading one message: where problems go, and the entries passed over by status.
struct Reader<'a, 'i> {
    document: &'a roxmltree::Document<'i>,
    text: &'i str,
    shown: &'a Path,
    /// The root's namespace: every camt element is in it.
    namespace: Option<&'a str>,
    problems: Vec<Diagnostic>,
    /// The status of each entry not read because it is not booked.
    passed_over: Vec<String>,
    /// What the statement's notes will say.
    notes: Vec<String>,
}

/// What one entry says for all its lines.
struct Entry<'a, 'i> {
    node: Node<'a, 'i>,
    /// Money in (a credit), before any transaction detail says otherwise.
    credit: bool,
    /// The entry undoes an earlier one (`RvslInd`).
    reversal: bool,
    amount: Decimal,
    currency: Currency,
    date: NaiveDate,
    value_date: Option<NaiveDate>,
    /// `AcctSvcrRef`, else `NtryRef`.
    bank_id: Option<String>,
}

/// The statement's own account, to tell the counterparty from the account holder.
struct Holder {
    iban: Option<String>,
    currency: Option<Currency>,
}

impl<'a, 'i> Reader<'a, 'i> {
    /// The message kind and its element (`BkToCstmrStmt`...), or why this is no camt message.
    fn message(&mut self) -> Result<(Format, Node<'a, 'i>), Vec<Diagnostic>> {
        let root = self.document.root_element();
        let kinds = [
            ("BkToCstmrAcctRpt", Format::Camt052, "052"),
            ("BkToCstmrStmt", Format::Camt053, "053"),
            ("BkToCstmrDbtCdtNtfctn", Format::Camt054, "054"),
        ];
        let found = (root.tag_name().name() == "Document")
            .then(|| {
                root.children().find_map(|child| {
                    kinds
                        .iter()
                        .find(|(name, ..)| self.is(child, name))
                        .map(|(_, format, number)| (child, *format, *number))
                })
            })
            .flatten();
        let Some((message, format, number)) = found else {
            return Err(vec![self.diagnostic(
                root,
                format!(
                    "not a camt.052, camt.053 or camt.054 message: expected a `Document` holding \
                     `BkToCstmrStmt`, `BkToCstmrAcctRpt` or `BkToCstmrDbtCdtNtfctn`, found `{}`{}",
                    root.tag_name().name(),
                    self.namespace
                        .map_or(String::new(), |ns| format!(" in namespace {ns}"))
                ),
            )]);
        };
        if let Some(namespace) = self.namespace {
            let version = namespace
                .strip_prefix(NAMESPACE)
                .and_then(|rest| rest.strip_prefix(number))
                .and_then(|rest| rest.strip_prefix(".001."))
                .and_then(|v| v.parse::<u32>().ok());
            if !version.is_some_and(|v| VERSIONS.contains(&v)) {
                return Err(vec![self.diagnostic(
                    root,
                    format!(
                        "namespace {namespace} is not a version folio reads: expected \
                         {NAMESPACE}{number}.001.02 to .{:02}",
                        VERSIONS.end()
                    ),
                )]);
            }
        }
        Ok((format, message))
    }

    /// One `Stmt`, `Rpt` or `Ntfctn`: its account and its entries.
    fn report(&mut self, report: Node<'a, 'i>, statement: &mut ParsedStatement) {
        let account = self.child(report, "Acct");
        let holder = Holder {
            iban: account.and_then(|acct| self.account_id(acct)),
            currency: account
                .and_then(|acct| self.child(acct, "Ccy"))
                .and_then(|ccy| self.currency_code(ccy, "Ccy")),
        };
        if statement.account.is_none() && statement.lines.is_empty() {
            statement.account = holder.iban.clone();
            statement.currency = holder.currency;
        } else if holder.iban.is_some() && holder.iban != statement.account {
            statement.notes.push(format!(
                "the file holds the statements of more than one account ({} and {})",
                statement.account.as_deref().unwrap_or("one without IBAN"),
                holder.iban.as_deref().unwrap_or_default()
            ));
        }
        let entries: Vec<Node<'a, 'i>> =
            report.children().filter(|n| self.is(*n, "Ntry")).collect();
        for entry in entries {
            if let Some(entry_read) = self.entry(entry, &holder) {
                self.lines(&entry_read, &holder, &mut statement.lines);
            }
        }
    }

    /// An entry's amount, direction, dates and references; `None` when it is not booked or
    /// cannot be read (the problem is recorded).
    fn entry(&mut self, node: Node<'a, 'i>, holder: &Holder) -> Option<Entry<'a, 'i>> {
        let status = self.status(node)?;
        if status != "BOOK" {
            self.passed_over.push(status);
            return None;
        }
        let amount = self.required(node, "Amt");
        let amount = amount.and_then(|amt| Some((self.amount(amt)?, self.currency(amt, holder)?)));
        let credit = self.direction(node);
        let reversal = self
            .child(node, "RvslInd")
            .is_some_and(|r| matches!(text(r).as_deref(), Some("true" | "1")));
        let booking = self.date_of(node, "BookgDt");
        let value_date = self.date_of(node, "ValDt");
        // An entry without a booking date is booked on its value date.
        let date = match (booking, value_date) {
            (Some(date), _) | (None, Some(date)) => date,
            (None, None) => {
                self.fail(
                    node,
                    "the entry has no booking date (BookgDt) nor value date (ValDt)".into(),
                );
                None
            }
        };
        let bank_id = self
            .child(node, "AcctSvcrRef")
            .and_then(text)
            .or_else(|| self.child(node, "NtryRef").and_then(text));
        let ((amount, currency), credit, date) = (amount?, credit?, date?);
        Some(Entry {
            node,
            credit,
            reversal,
            amount,
            currency,
            date,
            value_date: value_date.flatten(),
            bank_id,
        })
    }

    /// The entry's status code: the text of `Sts` (001.02 to 001.07) or of its `Cd` or `Prtry`
    /// (from 001.08).
    fn status(&mut self, entry: Node<'a, 'i>) -> Option<String> {
        let sts = self.required(entry, "Sts")?;
        let code = match sts.children().find(Node::is_element) {
            Some(choice) => text(choice),
            None => text(sts),
        };
        if code.is_none() {
            self.fail(
                sts,
                "the entry status is empty: expected BOOK, PDNG or INFO".into(),
            );
        }
        code.map(|c| c.to_ascii_uppercase())
    }

    /// `CdtDbtInd` of `node`: true for `CRDT`, false for `DBIT`.
    fn direction(&mut self, node: Node<'a, 'i>) -> Option<bool> {
        let indicator = self.required(node, "CdtDbtInd")?;
        match text(indicator).as_deref() {
            Some("CRDT") => Some(true),
            Some("DBIT") => Some(false),
            other => {
                self.fail(
                    indicator,
                    format!(
                        "`{}` is no credit/debit indicator: expected CRDT or DBIT",
                        other.unwrap_or_default()
                    ),
                );
                None
            }
        }
    }

    /// The lines of one booked entry: one per transaction detail of a batch whose details carry
    /// amounts, else one.
    fn lines(&mut self, entry: &Entry<'a, 'i>, holder: &Holder, lines: &mut Vec<StatementLine>) {
        let details: Vec<Node<'a, 'i>> = entry
            .node
            .children()
            .filter(|n| self.is(*n, "NtryDtls"))
            .flat_map(|d| d.children().filter(|n| self.is(*n, "TxDtls")))
            .collect();
        if details.len() > 1 && self.batch(entry, holder, &details, lines) {
            return;
        }
        let mut line = self.line(
            entry.node,
            entry,
            entry.amount,
            entry.currency,
            entry.credit,
        );
        line.bank_id = entry.bank_id.clone();
        match details.as_slice() {
            [detail] => {
                self.describe(&mut line, *detail, entry, holder);
                if line.bank_id.is_none() {
                    line.bank_id = self.detail_reference(*detail);
                }
            }
            _ => {
                line.communication = self.entry_information(entry.node, &details);
            }
        }
        lines.push(line);
    }

    /// One line per transaction of a batch entry whose transactions each carry an amount in the
    /// entry's currency and add up to it; false, with nothing added, when they do not (the entry
    /// is then one line: what it booked is the truth, its breakdown only a detail).
    fn batch(
        &mut self,
        entry: &Entry<'a, 'i>,
        holder: &Holder,
        details: &[Node<'a, 'i>],
        lines: &mut Vec<StatementLine>,
    ) -> bool {
        let amounts: Option<Vec<Node<'a, 'i>>> =
            details.iter().map(|d| self.detail_amount(*d)).collect();
        let Some(amounts) = amounts else {
            return false;
        };
        let own_currency = |amount: &Node<'_, '_>| {
            amount
                .attribute("Ccy")
                .is_none_or(|code| code.trim() == entry.currency.as_str())
        };
        if !amounts.iter().all(own_currency) {
            return false;
        }
        let mut read = Vec::with_capacity(details.len());
        let mut total = Some(Decimal::ZERO);
        for (detail, amount_node) in details.iter().zip(amounts) {
            let credit = match self.child(*detail, "CdtDbtInd") {
                Some(_) => self.direction(*detail),
                None => Some(entry.credit),
            };
            let (Some(amount), Some(credit)) = (self.amount(amount_node), credit) else {
                // The problem is recorded: the statement is refused whatever follows.
                return true;
            };
            let signed = if credit == entry.credit {
                amount
            } else {
                -amount
            };
            total = total.and_then(|t| crate::money::exact_add(t, signed));
            read.push((*detail, amount, credit));
        }
        if total != Some(entry.amount) {
            let place = self.document.text_pos_at(entry.node.range().start);
            self.notes.push(format!(
                "line {}: the entry's transactions add up to {}, not to its {}: it is read as \
                 one line",
                place.row,
                total.map_or_else(|| "too much".to_string(), |t| t.to_string()),
                entry.amount
            ));
            return false;
        }
        for (detail, amount, credit) in read {
            let mut line = self.line(detail, entry, amount, entry.currency, credit);
            self.describe(&mut line, detail, entry, holder);
            line.bank_id = self
                .detail_reference(detail)
                .or_else(|| entry.bank_id.clone());
            lines.push(line);
        }
        true
    }

    /// A line with what the entry gives; parties and remittance come from [`Self::describe`].
    fn line(
        &self,
        at: Node<'a, 'i>,
        entry: &Entry<'a, 'i>,
        amount: Decimal,
        currency: Currency,
        credit: bool,
    ) -> StatementLine {
        let position = self.document.text_pos_at(at.range().start);
        StatementLine {
            place: Place {
                line: position.row,
                column: position.col,
            },
            date: entry.date,
            value_date: entry.value_date,
            amount: if credit { amount } else { -amount },
            currency: Some(currency),
            counterparty: String::new(),
            account: None,
            communication: String::new(),
            structured: None,
            bank_id: None,
        }
    }

    /// Fills in the counterparty and the remittance information of one transaction detail.
    fn describe(
        &mut self,
        line: &mut StatementLine,
        detail: Node<'a, 'i>,
        entry: &Entry<'a, 'i>,
        holder: &Holder,
    ) {
        if let Some(parties) = self.child(detail, "RltdPties") {
            let debtor_account = self.party_account(parties, "DbtrAcct");
            let creditor_account = self.party_account(parties, "CdtrAcct");
            // The counterparty is the side that is not the account holder. The accounts say it
            // best; without them, the money's direction does: the debtor pays a credit, and a
            // reversal undoes a transfer the other way round.
            let counterparty_is_debtor = match &holder.iban {
                Some(own) if creditor_account.as_ref() == Some(own) => true,
                Some(own) if debtor_account.as_ref() == Some(own) => false,
                _ => (line.amount > Decimal::ZERO) != entry.reversal,
            };
            let (party, ultimate, account) = if counterparty_is_debtor {
                ("Dbtr", "UltmtDbtr", debtor_account)
            } else {
                ("Cdtr", "UltmtCdtr", creditor_account)
            };
            line.counterparty = self
                .party_name(parties, party)
                .or_else(|| self.party_name(parties, ultimate))
                .unwrap_or_default();
            line.account = account;
        }
        let (communication, structured) = self.remittance(detail);
        line.communication = communication;
        line.structured = structured;
        if line.communication.is_empty() {
            line.communication = self.entry_information(entry.node, &[detail]);
        }
    }

    /// Free text when there is no remittance information: the detail's `AddtlTxInf`, else the
    /// entry's `AddtlNtryInf`.
    fn entry_information(&self, entry: Node<'a, 'i>, details: &[Node<'a, 'i>]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for detail in details {
            let (communication, _) = self.remittance(*detail);
            if !communication.is_empty() {
                parts.push(communication);
            }
        }
        if parts.is_empty() {
            if let [detail] = details
                && let Some(info) = self.child(*detail, "AddtlTxInf").and_then(text)
            {
                return info;
            }
            return self
                .child(entry, "AddtlNtryInf")
                .and_then(text)
                .unwrap_or_default();
        }
        parts.join(" ")
    }

    /// `RmtInf` of a detail: the unstructured lines joined, and the structured creditor
    /// reference when it is an ISO 11649 or Belgian one. Any other reference goes into the text,
    /// where matching still sees it.
    fn remittance(&self, detail: Node<'a, 'i>) -> (String, Option<String>) {
        let Some(remittance) = self.child(detail, "RmtInf") else {
            return (String::new(), None);
        };
        let mut parts: Vec<String> = remittance
            .children()
            .filter(|n| self.is(*n, "Ustrd"))
            .filter_map(text)
            .collect();
        let mut reference = None;
        let references = remittance
            .children()
            .filter(|n| self.is(*n, "Strd"))
            .filter_map(|s| self.child(s, "CdtrRefInf"))
            .filter_map(|c| self.child(c, "Ref"))
            .filter_map(text);
        for found in references {
            match structured_reference(&found) {
                Some(compact) if reference.is_none() => reference = Some(compact),
                _ if !parts.iter().any(|p| p.contains(&found)) => parts.push(found),
                _ => {}
            }
        }
        let communication = parts.join(" ");
        if reference.is_none()
            && let Some(Ok(found)) = structured::find(&communication)
        {
            reference = Some(found.digits());
        }
        (communication, reference)
    }

    /// The amount of a transaction detail: `Amt` (from 001.03), else `AmtDtls/TxAmt/Amt`.
    fn detail_amount(&self, detail: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
        self.child(detail, "Amt").or_else(|| {
            let details = self.child(detail, "AmtDtls")?;
            self.child(self.child(details, "TxAmt")?, "Amt")
        })
    }

    /// A detail's own reference: `Refs/AcctSvcrRef`, else `Refs/EndToEndId` unless it says it
    /// was not provided.
    fn detail_reference(&self, detail: Node<'a, 'i>) -> Option<String> {
        let refs = self.child(detail, "Refs")?;
        self.child(refs, "AcctSvcrRef").and_then(text).or_else(|| {
            self.child(refs, "EndToEndId")
                .and_then(text)
                .filter(|id| id != "NOTPROVIDED")
        })
    }

    /// The name of a party of `RltdPties`: `Nm` of the party, or of its `Pty` (from 001.08).
    fn party_name(&self, parties: Node<'a, 'i>, role: &str) -> Option<String> {
        let party = self.child(parties, role)?;
        let party = self.child(party, "Pty").unwrap_or(party);
        self.child(party, "Nm").and_then(text)
    }

    /// The compact account of `DbtrAcct` or `CdtrAcct`.
    fn party_account(&self, parties: Node<'a, 'i>, role: &str) -> Option<String> {
        self.account_id(self.child(parties, role)?)
    }

    /// `Id/IBAN` of an account, compact, else `Id/Othr/Id` as written.
    fn account_id(&self, account: Node<'a, 'i>) -> Option<String> {
        let id = self.child(account, "Id")?;
        if let Some(iban) = self.child(id, "IBAN").and_then(text) {
            return Some(crate::identifiers::iban::compact(&iban));
        }
        self.child(self.child(id, "Othr")?, "Id").and_then(text)
    }

    /// An amount as ISO 20022 writes it: an unsigned decimal number, at most 18 digits of which
    /// at most 5 after the point.
    fn amount(&mut self, node: Node<'a, 'i>) -> Option<Decimal> {
        let value = text(node).unwrap_or_default();
        match parse_amount(&value) {
            Ok(amount) => Some(amount),
            Err(why) => {
                self.fail(node, format!("`{value}` is no amount: {why}"));
                None
            }
        }
    }

    /// The `Ccy` attribute of an amount, else the account's currency.
    fn currency(&mut self, amount: Node<'a, 'i>, holder: &Holder) -> Option<Currency> {
        match amount.attribute("Ccy") {
            Some(code) => match Currency::parse(code.trim()) {
                Some(currency) => Some(currency),
                None => {
                    self.fail(
                        amount,
                        format!("`{code}` is no currency: expected a three-letter ISO 4217 code"),
                    );
                    None
                }
            },
            None if holder.currency.is_some() => holder.currency,
            None => {
                self.fail(
                    amount,
                    "the amount has no currency (attribute Ccy) and the account names none \
                     (Acct/Ccy): expected Ccy=\"EUR\" or the like"
                        .into(),
                );
                None
            }
        }
    }

    /// A currency element's code.
    fn currency_code(&mut self, node: Node<'a, 'i>, name: &str) -> Option<Currency> {
        let code = text(node).unwrap_or_default();
        let currency = Currency::parse(&code);
        if currency.is_none() {
            self.fail(
                node,
                format!("{name} `{code}` is no currency: expected a three-letter ISO 4217 code"),
            );
        }
        currency
    }

    /// The date of `name` (`BookgDt`, `ValDt`) in `entry`: `Dt` or `DtTm`, the date as written.
    /// `None` when it is absent; `Some(None)` when it cannot be read (the problem is recorded).
    fn date_of(&mut self, entry: Node<'a, 'i>, name: &str) -> Option<Option<NaiveDate>> {
        let holder = self.child(entry, name)?;
        let Some(choice) = holder.children().find(Node::is_element) else {
            self.fail(holder, format!("{name} is empty: expected Dt or DtTm"));
            return Some(None);
        };
        let value = text(choice).unwrap_or_default();
        let read = match choice.tag_name().name() {
            "Dt" => parse_date(&value),
            "DtTm" => parse_date_time(&value),
            other => Err(format!("expected Dt or DtTm, found {other}")),
        };
        match read {
            Ok(date) => Some(Some(date)),
            Err(why) => {
                self.fail(choice, format!("{name}: `{value}` is no date: {why}"));
                Some(None)
            }
        }
    }

    /// True when `node` is the camt element `name`.
    fn is(&self, node: Node<'_, '_>, name: &str) -> bool {
        node.is_element()
            && node.tag_name().name() == name
            && node.tag_name().namespace() == self.namespace
    }

    /// The first child element `name` of `node`.
    fn child(&self, node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
        node.children().find(|n| self.is(*n, name))
    }

    /// The child `name` of `node`, or an error at `node` saying it is missing.
    fn required(&mut self, node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
        let found = self.child(node, name);
        if found.is_none() {
            self.fail(node, format!("{} has no {name}", node.tag_name().name()));
        }
        found
    }

    /// An error at `node`, with its line as excerpt.
    fn diagnostic(&self, node: Node<'_, '_>, message: String) -> Diagnostic {
        let position = self.document.text_pos_at(node.range().start);
        let d = Diagnostic::error(self.shown, position.row, position.col, message);
        match line_text(self.text, position.row) {
            Some(line) => d.with_excerpt(line),
            None => d,
        }
    }

    /// Records an error at `node`.
    fn fail(&mut self, node: Node<'_, '_>, message: String) {
        let d = self.diagnostic(node, message);
        self.problems.push(d);
    }

    /// A note counting the entries not read, by status.
    fn passed_over_note(&self) -> Option<String> {
        if self.passed_over.is_empty() {
            return None;
        }
        let mut statuses: Vec<&str> = self.passed_over.iter().map(String::as_str).collect();
        statuses.sort_unstable();
        statuses.dedup();
        Some(format!(
            "{} entr{} not booked ({}) passed over: only booked entries (BOOK) are read",
            self.passed_over.len(),
            if self.passed_over.len() == 1 {
                "y"
            } else {
                "ies"
            },
            statuses.join(", ")
        ))
    }
}

/// The trimmed text of an element, `None` when blank (see [`one_line`]).
fn text(node: Node<'_, '_>) -> Option<String> {
    let joined = one_line(node.text()?);
    (!joined.is_empty()).then_some(joined)
}

/// A creditor reference folio can match on, compact: an ISO 11649 reference, or a Belgian
/// structured communication (bare digits or `+++...+++`) whose check digits hold.
pub(crate) fn structured_reference(reference: &str) -> Option<String> {
    if let Some(rf) = creditor_reference::check(reference) {
        return Some(rf);
    }
    match structured::find(reference) {
        Some(Ok(found)) => Some(found.digits()),
        _ => None,
    }
}

/// An unsigned ISO 20022 decimal: digits with at most one point, at most 18 digits of which 5
/// after the point.
fn parse_amount(text: &str) -> Result<Decimal, String> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if text.is_empty() || !digits(whole) || !digits(fraction) || whole.len() + fraction.len() == 0 {
        return Err("expected digits with a decimal point, e.g. 1250.00".into());
    }
    if fraction.len() > 5 || whole.trim_start_matches('0').len() + fraction.len() > 18 {
        return Err("expected at most 18 digits, 5 of them after the point".into());
    }
    let mantissa: i128 = format!("{whole}{fraction}")
        .parse()
        .map_err(|_| "expected digits with a decimal point".to_string())?;
    Decimal::try_from_i128_with_scale(mantissa, fraction.len() as u32)
        .map_err(|_| "too large".to_string())
}

/// An ISO date (`2026-03-01`), with the time zone `xs:date` allows after it ignored.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let zone = text.get(10..).unwrap_or_default();
    let zone_ok = zone.is_empty() || zone == "Z" || is_offset(zone);
    let date = text
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|_| zone_ok)
        .ok_or_else(|| "expected YYYY-MM-DD".to_string())?;
    plausible(date)
}

/// An ISO date and time (`2026-03-01T14:05:00`, with fractions of a second and a time zone or
/// not): the date as written, in the bank's time.
fn parse_date_time(text: &str) -> Result<NaiveDate, String> {
    let expected = || "expected YYYY-MM-DDThh:mm:ss".to_string();
    let (date, time) = text.split_once('T').ok_or_else(expected)?;
    let time = time.strip_suffix('Z').unwrap_or(time);
    let (time, zone) = match time.find(['+', '-']) {
        Some(at) => time.split_at(at),
        None => (time, ""),
    };
    if !(zone.is_empty() || is_offset(zone))
        || chrono::NaiveTime::parse_from_str(time, "%H:%M:%S%.f").is_err()
    {
        return Err(expected());
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| expected())
        .and_then(plausible)
}

/// `+01:00` or `-05:00`.
fn is_offset(zone: &str) -> bool {
    let b = zone.as_bytes();
    b.len() == 6
        && matches!(b[0], b'+' | b'-')
        && b[1..3].iter().all(u8::is_ascii_digit)
        && b[3] == b':'
        && b[4..].iter().all(u8::is_ascii_digit)
}

/// A bank statement's date is from 1970 to 2200: anything else is a misread, never a payment.
pub(crate) fn plausible(date: NaiveDate) -> Result<NaiveDate, String> {
    use chrono::Datelike;
    if (1970..=2200).contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "{date} is outside the years 1970 to 2200 a bank statement can hold"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::statement::fixtures::{assert_expected, fixture};

    fn read_fixture(name: &str) -> ParsedStatement {
        let (path, bytes) = fixture(&format!("camt/{name}"));
        assert!(looks_like(&bytes), "{name} is not recognised as camt");
        let statement = read(&bytes, &path).unwrap_or_else(|problems| {
            panic!(
                "{name}: {}",
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert_expected(&statement, &path);
        statement
    }

    #[test]
    fn a_camt_053_version_02_statement_reads_booked_entries_only() {
        let statement = read_fixture("camt053_v02.xml");
        assert_eq!(statement.format, Format::Camt053);
        assert_eq!(statement.account.as_deref(), Some("BE68539007547034"));
        assert_eq!(statement.currency, Currency::parse("EUR"));
        assert_eq!(
            statement.notes,
            ["1 entry not booked (PDNG) passed over: only booked entries (BOOK) are read"]
        );
        assert_eq!(
            statement.lines[0].place,
            Place {
                line: 33,
                column: 7
            }
        );
    }

    #[test]
    fn a_camt_053_version_04_statement_reads_creditor_references_and_detail_refs() {
        let statement = read_fixture("camt053_v04.xml");
        assert_eq!(statement.account.as_deref(), Some("DE89370400440532013000"));
        assert!(statement.notes.is_empty());
    }

    #[test]
    fn a_batch_booking_gives_a_line_per_transaction_and_reversals_name_the_other_party() {
        let statement = read_fixture("camt053_v06_batch_reversal.xml");
        // Each transaction of the batch is placed at its own TxDtls.
        let places: Vec<u32> = statement.lines.iter().map(|l| l.place.line).collect();
        assert_eq!(places[..3], [37, 47, 64]);
    }

    #[test]
    fn a_camt_053_version_08_statement_reads_status_codes_parties_and_belgian_references() {
        let statement = read_fixture("camt053_v08_belgian.xml");
        assert_eq!(statement.account.as_deref(), Some("BE68539007547034"));
        assert_eq!(
            statement.notes,
            ["1 entry not booked (INFO) passed over: only booked entries (BOOK) are read"]
        );
    }

    #[test]
    fn a_camt_052_report_passes_over_pending_entries() {
        let statement = read_fixture("camt052_v02_intraday.xml");
        assert_eq!(statement.format, Format::Camt052);
        assert_eq!(
            statement.notes,
            ["2 entries not booked (PDNG) passed over: only booked entries (BOOK) are read"]
        );
    }

    #[test]
    fn a_camt_054_notification_takes_the_amounts_currency_without_an_account_currency() {
        let statement = read_fixture("camt054_v04_notification.xml");
        assert_eq!(statement.format, Format::Camt054);
        assert_eq!(statement.currency, None);
    }

    /// A camt.053.001.`version` statement with one entry whose amount element and dates are
    /// given.
    fn statement_with(
        version: &str,
        account_currency: &str,
        amount: &str,
        booking: &str,
    ) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n\
             <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}\">\n\
             <BkToCstmrStmt><Stmt>\n\
             <Acct><Id><IBAN>BE68539007547034</IBAN></Id>{account_currency}</Acct>\n\
             <Ntry>\n\
             {amount}\n\
             <CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>\n\
             <BookgDt>{booking}</BookgDt>\n\
             </Ntry>\n\
             </Stmt></BkToCstmrStmt></Document>\n"
        )
    }

    fn problems(text: &str) -> Vec<String> {
        match read(text.as_bytes(), Path::new("bank.xml")) {
            Ok(statement) => panic!("read: {statement:?}"),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_malformed_amount_is_refused_at_its_element() {
        let text = statement_with(
            "02",
            "<Ccy>EUR</Ccy>",
            "  <Amt Ccy=\"EUR\">1.250,00</Amt>",
            "<Dt>2026-03-02</Dt>",
        );
        assert_eq!(
            problems(&text),
            [
                "bank.xml:6:3: error: `1.250,00` is no amount: expected digits with a decimal point, e.g. 1250.00"
            ]
        );
        for amount in [
            "-5.00",
            "",
            "1.2.3",
            "12.345678",
            "1234567890123456789",
            "1e5",
        ] {
            let text = statement_with(
                "02",
                "",
                &format!("<Amt Ccy=\"EUR\">{amount}</Amt>"),
                "<Dt>2026-03-02</Dt>",
            );
            let found = problems(&text);
            assert!(
                found[0].starts_with("bank.xml:6:1: error: "),
                "{amount}: {found:?}"
            );
        }
    }

    #[test]
    fn a_malformed_or_implausible_date_is_refused_at_its_element() {
        for (booking, column, why) in [
            (
                "<Dt>2026-02-30</Dt>",
                10,
                "`2026-02-30` is no date: expected YYYY-MM-DD",
            ),
            (
                "<Dt>02.03.2026</Dt>",
                10,
                "`02.03.2026` is no date: expected YYYY-MM-DD",
            ),
            (
                "<DtTm>2026-03-02 10:00</DtTm>",
                10,
                "`2026-03-02 10:00` is no date: expected YYYY-MM-DDThh:mm:ss",
            ),
            (
                "<Dt>0026-03-02</Dt>",
                10,
                "`0026-03-02` is no date: 0026-03-02 is outside the years 1970 to 2200 a bank statement can hold",
            ),
        ] {
            let text = statement_with("08", "", "<Amt Ccy=\"EUR\">1.00</Amt>", booking);
            assert_eq!(
                problems(&text),
                [format!("bank.xml:8:{column}: error: BookgDt: {why}")]
            );
        }
    }

    #[test]
    fn an_amount_without_currency_needs_the_accounts() {
        let text = statement_with("04", "", "<Amt>12.00</Amt>", "<Dt>2026-03-02</Dt>");
        assert_eq!(
            problems(&text),
            [
                "bank.xml:6:1: error: the amount has no currency (attribute Ccy) and the account names \
              none (Acct/Ccy): expected Ccy=\"EUR\" or the like"
            ]
        );
        let text = statement_with(
            "04",
            "<Ccy>EUR</Ccy>",
            "<Amt>12.00</Amt>",
            "<Dt>2026-03-02</Dt>",
        );
        let statement = read(text.as_bytes(), Path::new("bank.xml")).unwrap();
        assert_eq!(statement.lines[0].currency, Currency::parse("EUR"));
    }

    #[test]
    fn xml_that_is_no_camt_message_is_refused_at_its_root() {
        let text = "<?xml version=\"1.0\"?>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>\n";
        assert!(!looks_like(text.as_bytes()));
        assert_eq!(
            problems(text),
            [
                "bank.xml:2:1: error: not a camt.052, camt.053 or camt.054 message: expected a \
              `Document` holding `BkToCstmrStmt`, `BkToCstmrAcctRpt` or `BkToCstmrDbtCdtNtfctn`, \
              found `Invoice` in namespace urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
            ]
        );
        let payment = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\">\n  <CstmrCdtTrfInitn/>\n</Document>";
        assert!(problems(payment)[0].starts_with("bank.xml:1:1: error: not a camt.052"));
        let unknown = statement_with(
            "99",
            "",
            "<Amt Ccy=\"EUR\">1.00</Amt>",
            "<Dt>2026-03-02</Dt>",
        );
        assert_eq!(
            problems(&unknown),
            [
                "bank.xml:2:1: error: namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.99 is not a \
              version folio reads: expected urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 to .13"
            ]
        );
        assert_eq!(
            problems("<Document>\n<BkToCstmrStmt>\n</Document>"),
            [
                "bank.xml:3:1: error: not well-formed XML: expected 'BkToCstmrStmt' tag, not 'Document' at 3:1"
            ]
        );
    }

    #[test]
    fn a_missing_indicator_or_status_is_refused_at_the_entry() {
        let text = statement_with(
            "02",
            "",
            "<Amt Ccy=\"EUR\">1.00</Amt>",
            "<Dt>2026-03-02</Dt>",
        )
        .replace(
            "<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>",
            "<Sts>BOOK</Sts><CdtDbtInd>IN</CdtDbtInd>",
        );
        assert_eq!(
            problems(&text),
            ["bank.xml:7:16: error: `IN` is no credit/debit indicator: expected CRDT or DBIT"]
        );
        let text = statement_with(
            "02",
            "",
            "<Amt Ccy=\"EUR\">1.00</Amt>",
            "<Dt>2026-03-02</Dt>",
        )
        .replace("<Sts>BOOK</Sts>", "");
        assert_eq!(problems(&text), ["bank.xml:5:1: error: Ntry has no Sts"]);
    }

    #[test]
    fn empty_or_missing_elements_and_bad_codes_are_refused_where_they_are() {
        let base = statement_with(
            "02",
            "",
            "<Amt Ccy=\"EUR\">1.00</Amt>",
            "<Dt>2026-03-02</Dt>",
        );
        let cases = [
            (
                base.replace("<Sts>BOOK</Sts>", "<Sts> </Sts>"),
                "bank.xml:7:28: error: the entry status is empty: expected BOOK, PDNG or INFO",
            ),
            (
                base.replace("<BookgDt><Dt>2026-03-02</Dt></BookgDt>", ""),
                "bank.xml:5:1: error: the entry has no booking date (BookgDt) nor value date (ValDt)",
            ),
            (
                base.replace("<Dt>2026-03-02</Dt>", ""),
                "bank.xml:8:1: error: BookgDt is empty: expected Dt or DtTm",
            ),
            (
                base.replace("Ccy=\"EUR\"", "Ccy=\"euro\""),
                "bank.xml:6:1: error: `euro` is no currency: expected a three-letter ISO 4217 code",
            ),
            (
                base.replace("</IBAN></Id>", "</IBAN></Id><Ccy>euro</Ccy>"),
                "bank.xml:4:45: error: Ccy `euro` is no currency: expected a three-letter ISO 4217 code",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(problems(&text), [expected]);
        }
    }

    #[test]
    fn batch_transactions_that_do_not_add_up_to_their_entry_leave_it_one_line() {
        let (path, bytes) = fixture("camt/camt053_v06_batch_reversal.xml");
        let text = String::from_utf8(bytes).unwrap().replacen(
            "<Amt Ccy=\"EUR\">50.00</Amt>",
            "<Amt Ccy=\"EUR\">49.00</Amt>",
            1,
        );
        let statement = read(text.as_bytes(), &path).unwrap();
        assert_eq!(
            statement.notes,
            [
                "line 21: the entry's transactions add up to 299.00, not to its 300.00: it is read as one line"
            ]
        );
        let batch = &statement.lines[0];
        assert_eq!(
            (batch.amount, batch.place.line),
            (Decimal::new(30000, 2), 21)
        );
        assert_eq!(batch.communication, "factuur 2026-011 factuur 2026-014");
        assert_eq!(batch.bank_id.as_deref(), Some("BATCH-0311"));
        assert_eq!(statement.lines.len(), 4);
        // Transactions in another currency than their entry leave it one line too.
        let text = text.replacen(
            "<Amt Ccy=\"EUR\">100.00</Amt>",
            "<Amt Ccy=\"USD\">100.00</Amt>",
            1,
        );
        let statement = read(text.as_bytes(), &path).unwrap();
        assert_eq!(statement.lines.len(), 4);
    }

    #[test]
    fn an_iso_8859_1_message_is_read_as_its_declaration_says() {
        let text = statement_with(
            "02",
            "",
            "<Amt Ccy=\"EUR\">1.00</Amt>",
            "<Dt>2026-03-02</Dt>",
        )
        .replace(
            "<?xml version=\"1.0\"?>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        )
        .replace(
            "</BookgDt>",
            "</BookgDt><AddtlNtryInf>Gebühr</AddtlNtryInf>",
        );
        let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        let statement = read(&bytes, Path::new("bank.xml")).unwrap();
        assert_eq!(statement.lines[0].communication, "Gebühr");
        let undeclared = text.replace(" encoding=\"ISO-8859-1\"", "");
        let bytes: Vec<u8> = undeclared.chars().map(|c| c as u32 as u8).collect();
        assert_eq!(
            problems_of(&bytes),
            [
                "bank.xml:8:56: error: not UTF-8, and the XML declaration names no other encoding: \
              expected a camt message as the bank sent it"
            ]
        );
    }

    fn problems_of(bytes: &[u8]) -> Vec<String> {
        read(bytes, Path::new("bank.xml"))
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}
