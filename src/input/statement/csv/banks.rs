//! The CSV exports of the banks folio's users have, by their header names: a statement whose
//! header holds every column a bank's entry names is read with that bank's columns, without a
//! rules file. Names are compared as [`super::columns::squeeze`] writes them (case, accents,
//! spaces, `_`, `-` and `'` ignored). docs/reconcile.md says, per bank, how to export the file.
//!
//! Sign styles are those [`super::rules::DEFAULT_CREDIT`] and `DEFAULT_DEBIT` read (Af/Bij,
//! C/D, Credit/Debit, CRDT/DBIT, +/-); date formats are detected (two-digit years included).

/// A field of a statement line, as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Booking date.
    Date,
    /// Signed amount (or unsigned, with an indicator).
    Amount,
    /// Money in.
    Credit,
    /// Money out.
    Debit,
    /// Credit or debit.
    Indicator,
    /// Currency.
    Currency,
    /// Counterparty name.
    Counterparty,
    /// Counterparty account.
    Iban,
    /// Free or structured communication (several columns are joined).
    Communication,
    /// The bank's transaction id.
    Id,
}

/// One bank's export: its name, and the header names of its fields. When a field lists several
/// names, the first the header has is taken (communication: every one it has).
pub struct Bank {
    /// The bank, as docs/reconcile.md names it.
    pub name: &'static str,
    /// Header names per field.
    pub columns: &'static [(Field, &'static [&'static str])],
}

use Field::*;

/// The banks, most specific header first (a bank whose columns are a subset of another's comes
/// after it).
pub const BANKS: &[Bank] = &[
    Bank {
        name: "BNP Paribas Fortis / Fintro / Hello bank! (NL)",
        columns: &[
            (Id, &["Volgnummer"]),
            (Date, &["Uitvoeringsdatum"]),
            (Amount, &["Bedrag"]),
            (Currency, &["Valuta rekening"]),
            (Iban, &["Tegenpartij"]),
            (Counterparty, &["Naam van de tegenpartij"]),
            (Communication, &["Mededeling", "Details"]),
        ],
    },
    Bank {
        name: "BNP Paribas Fortis / Fintro / Hello bank! (FR)",
        columns: &[
            (Id, &["Numéro de séquence"]),
            (Date, &["Date d'exécution"]),
            (Amount, &["Montant"]),
            (Currency, &["Devise du compte"]),
            (Iban, &["Contrepartie"]),
            (Counterparty, &["Nom de la contrepartie"]),
            (Communication, &["Communication", "Détails"]),
        ],
    },
    Bank {
        name: "KBC",
        columns: &[
            (Date, &["Datum"]),
            (Amount, &["Bedrag"]),
            (Currency, &["Munt"]),
            (Iban, &["rekeningnummer tegenpartij"]),
            (Counterparty, &["Naam tegenpartij"]),
            (
                Communication,
                &[
                    "gestructureerde mededeling",
                    "Vrije mededeling",
                    "Omschrijving",
                ],
            ),
            (Id, &["Afschriftnummer"]),
        ],
    },
    Bank {
        name: "Belfius",
        columns: &[
            (Date, &["Boekingsdatum"]),
            (Amount, &["Bedrag"]),
            (Currency, &["Devies"]),
            (Iban, &["Rekening tegenpartij"]),
            (Counterparty, &["Naam tegenpartij bevat"]),
            (Communication, &["Mededelingen"]),
            (Id, &["Transactienummer"]),
        ],
    },
    Bank {
        name: "ING Belgium",
        columns: &[
            (Date, &["Boekingsdatum"]),
            (Amount, &["Bedrag"]),
            (Currency, &["Munteenheid"]),
            (Iban, &["Rekening tegenpartij"]),
            (
                Communication,
                &["Omschrijving", "Detail van de omzet", "Bericht"],
            ),
            (Id, &["Omzetnummer"]),
        ],
    },
    Bank {
        name: "Argenta",
        columns: &[
            (Date, &["Datum"]),
            (Amount, &["Bedrag v/d verrichting"]),
            (Currency, &["Munt"]),
            (Iban, &["rekening tegenpartij"]),
            (
                Counterparty,
                &["Naam v/d tegenpartij :", "Naam v/d tegenpartij"],
            ),
            (
                Communication,
                &["Mededeling 1 :", "Mededeling 2 :", "Beschrijving"],
            ),
            (Id, &["Ref. v/d verrichting"]),
        ],
    },
    Bank {
        name: "Crelan / VDK / Keytrade",
        columns: &[
            (Date, &["Datum"]),
            (Amount, &["Bedrag"]),
            (Currency, &["Valuta", "Munt"]),
            (Iban, &["Rekening tegenpartij", "Tegenrekening"]),
            (Counterparty, &["Naam tegenpartij", "Tegenpartij"]),
            (Communication, &["Mededeling", "Omschrijving"]),
        ],
    },
    Bank {
        name: "ING Nederland",
        columns: &[
            (Date, &["Datum"]),
            (Counterparty, &["Naam / Omschrijving"]),
            (Iban, &["Tegenrekening"]),
            (Indicator, &["Af Bij"]),
            (Amount, &["Bedrag (EUR)"]),
            (Communication, &["Mededelingen"]),
        ],
    },
    Bank {
        name: "Rabobank",
        columns: &[
            (Date, &["Datum"]),
            (Amount, &["Bedrag"]),
            (Currency, &["Munt"]),
            (Iban, &["Tegenrekening IBAN/BBAN"]),
            (Counterparty, &["Naam tegenpartij"]),
            (
                Communication,
                &[
                    "Betalingskenmerk",
                    "Omschrijving-1",
                    "Omschrijving-2",
                    "Omschrijving-3",
                ],
            ),
            (Id, &["Volgnr"]),
        ],
    },
    Bank {
        name: "ABN AMRO",
        columns: &[
            (Date, &["Transactiedatum"]),
            (Amount, &["Transactiebedrag"]),
            (Currency, &["Muntsoort"]),
            (Communication, &["Omschrijving"]),
        ],
    },
    Bank {
        name: "Knab",
        columns: &[
            (Date, &["Transactiedatum"]),
            (Currency, &["Valutacode"]),
            (Indicator, &["CreditDebet"]),
            (Amount, &["Bedrag"]),
            (Iban, &["Tegenrekeningnummer"]),
            (Counterparty, &["Tegenrekeninghouder"]),
            (Communication, &["Omschrijving"]),
            (Id, &["Referentie"]),
        ],
    },
    Bank {
        name: "bunq (NL)",
        columns: &[
            (Date, &["Datum"]),
            (Amount, &["Bedrag"]),
            (Iban, &["Tegenrekening"]),
            (Counterparty, &["Naam"]),
            (Communication, &["Omschrijving"]),
        ],
    },
    Bank {
        name: "bunq (EN)",
        columns: &[
            (Date, &["Date"]),
            (Amount, &["Amount"]),
            (Iban, &["Counterparty"]),
            (Counterparty, &["Name"]),
            (Communication, &["Description"]),
        ],
    },
    Bank {
        name: "Crédit Agricole",
        columns: &[
            (Date, &["Date"]),
            (Communication, &["Libellé"]),
            (Debit, &["Débit euros"]),
            (Credit, &["Crédit euros"]),
        ],
    },
    Bank {
        name: "BNP Paribas (France)",
        columns: &[
            (Date, &["Date operation"]),
            (Communication, &["Libelle operation", "Libelle court"]),
            (Amount, &["Montant operation"]),
        ],
    },
    Bank {
        name: "Société Générale",
        columns: &[
            (Date, &["Date de l'opération"]),
            (Communication, &["Libellé", "Détail de l'écriture"]),
            (Amount, &["Montant de l'opération"]),
            (Currency, &["Devise"]),
        ],
    },
    Bank {
        name: "LCL",
        columns: &[
            (Date, &["Date"]),
            (Amount, &["Montant"]),
            (Communication, &["Libellé"]),
        ],
    },
    Bank {
        name: "Boursorama / BoursoBank",
        columns: &[
            (Date, &["dateOp"]),
            (Communication, &["label", "comment"]),
            (Amount, &["amount"]),
        ],
    },
    Bank {
        name: "La Banque Postale",
        columns: &[
            (Date, &["Date"]),
            (Communication, &["Libellé"]),
            (Amount, &["Montant(EUROS)"]),
        ],
    },
    Bank {
        name: "Sparkasse",
        columns: &[
            (Date, &["Buchungstag"]),
            (Communication, &["Verwendungszweck"]),
            (
                Counterparty,
                &[
                    "Beguenstigter/Zahlungspflichtiger",
                    "Begünstigter/Zahlungspflichtiger",
                ],
            ),
            (Iban, &["Kontonummer/IBAN", "Kontonummer"]),
            (Amount, &["Betrag"]),
            (Currency, &["Waehrung", "Währung"]),
        ],
    },
    Bank {
        name: "ING Deutschland",
        columns: &[
            (Date, &["Buchung"]),
            (Counterparty, &["Auftraggeber/Empfänger"]),
            (Communication, &["Verwendungszweck"]),
            (Amount, &["Betrag"]),
            (Currency, &["Währung"]),
        ],
    },
    Bank {
        name: "Deutsche Bank",
        columns: &[
            (Date, &["Buchungstag"]),
            (Counterparty, &["Begünstigter / Auftraggeber"]),
            (Communication, &["Verwendungszweck"]),
            (Iban, &["IBAN"]),
            (Debit, &["Soll"]),
            (Credit, &["Haben"]),
            (Currency, &["Währung"]),
        ],
    },
    Bank {
        name: "Commerzbank",
        columns: &[
            (Date, &["Buchungstag"]),
            (Communication, &["Buchungstext"]),
            (Amount, &["Betrag"]),
            (Currency, &["Währung"]),
            (Iban, &["IBAN Auftraggeberkonto"]),
        ],
    },
    Bank {
        name: "DKB",
        columns: &[
            (Date, &["Buchungsdatum", "Buchungstag"]),
            (
                Counterparty,
                &["Zahlungsempfänger*in", "Auftraggeber / Begünstigter"],
            ),
            (Communication, &["Verwendungszweck"]),
            (Iban, &["IBAN", "Kontonummer"]),
            (Amount, &["Betrag (€)", "Betrag (EUR)"]),
        ],
    },
    Bank {
        name: "Revolut",
        columns: &[
            (Date, &["Completed Date", "Started Date"]),
            (Communication, &["Description"]),
            (Amount, &["Amount"]),
            (Currency, &["Currency"]),
        ],
    },
    Bank {
        name: "Wise",
        columns: &[
            (Id, &["TransferWise ID"]),
            (Date, &["Date"]),
            (Amount, &["Amount"]),
            (Currency, &["Currency"]),
            (Counterparty, &["Payer Name", "Payee Name", "Merchant"]),
            (Iban, &["Payee Account Number"]),
            (Communication, &["Payment Reference", "Description"]),
        ],
    },
    Bank {
        name: "PayPal",
        columns: &[
            (Date, &["Date"]),
            (Counterparty, &["Name"]),
            (Currency, &["Currency"]),
            (Amount, &["Net", "Gross"]),
            (Id, &["Transaction ID"]),
            (Communication, &["Subject", "Note", "Invoice Number"]),
        ],
    },
    Bank {
        name: "Stripe",
        columns: &[
            (Id, &["id"]),
            (Date, &["Created (UTC)", "Created date (UTC)"]),
            (Amount, &["Net", "Amount"]),
            (Currency, &["Currency"]),
            (Communication, &["Description"]),
        ],
    },
];
