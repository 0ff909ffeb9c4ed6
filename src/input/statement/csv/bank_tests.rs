//! Every bank of the table read without rules: a statement written with its header (and, where
//! the bank writes one, a preamble), each line's date, amount, currency and counterparty checked.

use super::read;
use super::rules::BankRules;
use std::path::Path;

/// A statement and what each line must read as: date, amount, currency ("" for none),
/// counterparty, a part of the communication.
struct Case {
    bank: &'static str,
    csv: &'static str,
    lines: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )],
}

const CASES: &[Case] = &[
    Case {
        bank: "BNP Paribas Fortis / Fintro / Hello bank! (NL)",
        csv: "Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;Type verrichting;Tegenpartij;Naam van de tegenpartij;Mededeling;Details;Status;Reden van weigering\n2017-;03/01/2017;03/01/2017;1.210,00;EUR;BE71096123456769;Overschrijving;BE68539007547034;ACME BV;+++002/0260/00018+++;;Uitgevoerd;\n2017-;04/01/2017;04/01/2017;-2,50;EUR;BE71096123456769;Kosten;;;;Beheerskosten;Uitgevoerd;\n",
        lines: &[
            (
                "2017-01-03",
                "1210.00",
                "EUR",
                "ACME BV",
                "+++002/0260/00018+++",
            ),
            ("2017-01-04", "-2.50", "EUR", "", "Beheerskosten"),
        ],
    },
    Case {
        bank: "BNP Paribas Fortis / Fintro / Hello bank! (FR)",
        csv: "Numéro de séquence;Date d'exécution;Date valeur;Montant;Devise du compte;Numéro de compte;Type de transaction;Contrepartie;Nom de la contrepartie;Communication;Détails;Statut;Motif du refus\n2026-0007;05/02/2026;05/02/2026;-45,00;EUR;BE71096123456769;Virement;FR7630006000011234567890189;Papeterie Moreau;Facture FA-77;;Accepté;\n",
        lines: &[(
            "2026-02-05",
            "-45.00",
            "EUR",
            "Papeterie Moreau",
            "Facture FA-77",
        )],
    },
    Case {
        bank: "KBC",
        csv: "Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;Vrije mededeling\nBE68539007547034;Zichtrekening;Mijn Bedrijf;EUR;00003;12/03/2026;OVERSCHRIJVING;12/03/2026;500,00;1500,00;500,00;;BE71096123456769;GKCCBEBB;Brasserie Beta;Rue 1;;factuur INV-3\n",
        lines: &[(
            "2026-03-12",
            "500.00",
            "EUR",
            "Brasserie Beta",
            "factuur INV-3",
        )],
    },
    Case {
        bank: "Belfius",
        csv: "Datum van;01/03/2026\nDatum tot;31/03/2026\nRekening;Boekingsdatum;Rekeninguittrekselnummer;Transactienummer;Rekening tegenpartij;Naam tegenpartij bevat;Straat en nummer;Postcode en plaats;Transactie;Valutadatum;Bedrag;Devies;BIC;Landcode;Mededelingen\nBE68539007547034;15/03/2026;3;77;BE71096123456769;ACME BV;Straat 1;1000 Brussel;Overschrijving;15/03/2026;1.210,00;EUR;GKCCBEBB;BE;INV-2026-0001\n",
        lines: &[("2026-03-15", "1210.00", "EUR", "ACME BV", "INV-2026-0001")],
    },
    Case {
        bank: "ING Belgium",
        csv: "Rekeningnummer;Naam van de rekening;Rekening tegenpartij;Omzetnummer;Boekingsdatum;Valutadatum;Bedrag;Munteenheid;Omschrijving;Detail van de omzet;Bericht\nBE68539007547034;Zicht;BE71096123456769;12;16/03/2026;16/03/2026;-89,90;EUR;Europese overschrijving;Naar Papeterie;FA-77\n",
        lines: &[("2026-03-16", "-89.90", "EUR", "", "FA-77")],
    },
    Case {
        bank: "Argenta",
        csv: "Nr v/d rekening :;BE68539007547034;Zichtrekening\nNr v/d rekening;Datum;Ref. v/d verrichting;Beschrijving;Bedrag v/d verrichting;Munt;Valutadatum;rekening tegenpartij;Naam v/d tegenpartij :;Mededeling 1 :;Mededeling 2 :\nBE68539007547034;17-03-2026;B6C17XX0001;Overschrijving;300,00;EUR;17-03-2026;BE71096123456769;Brasserie Beta;INV-2026-0003;\n",
        lines: &[(
            "2026-03-17",
            "300.00",
            "EUR",
            "Brasserie Beta",
            "INV-2026-0003",
        )],
    },
    Case {
        bank: "Crelan / VDK / Keytrade",
        csv: "Datum;Bedrag;Valuta;Rekening tegenpartij;Naam tegenpartij;Mededeling;Type verrichting\n18/03/2026;42,00;EUR;BE71096123456769;Acme;+++002/0260/00503+++;Overschrijving\n",
        lines: &[("2026-03-18", "42.00", "EUR", "Acme", "+++002/0260/00503+++")],
    },
    Case {
        bank: "ING Nederland",
        csv: "\"Datum\";\"Naam / Omschrijving\";\"Rekening\";\"Tegenrekening\";\"Code\";\"Af Bij\";\"Bedrag (EUR)\";\"Mutatiesoort\";\"Mededelingen\"\n\"20260319\";\"Acme BV\";\"NL91ABNA0417164300\";\"NL20INGB0001234567\";\"OV\";\"Bij\";\"1210,00\";\"Overschrijving\";\"Factuur INV-2026-0001\"\n\"20260320\";\"Bank\";\"NL91ABNA0417164300\";\"\";\"DV\";\"Af\";\"2,10\";\"Diversen\";\"Kosten\"\n",
        lines: &[
            ("2026-03-19", "1210.00", "", "Acme BV", "INV-2026-0001"),
            ("2026-03-20", "-2.10", "", "Bank", "Kosten"),
        ],
    },
    Case {
        bank: "Rabobank",
        csv: "\"IBAN/BBAN\",\"Munt\",\"BIC\",\"Volgnr\",\"Datum\",\"Rentedatum\",\"Bedrag\",\"Saldo na trn\",\"Tegenrekening IBAN/BBAN\",\"Naam tegenpartij\",\"Naam uiteindelijke partij\",\"Naam initiërende partij\",\"BIC tegenpartij\",\"Code\",\"Batch ID\",\"Transactiereferentie\",\"Machtigingskenmerk\",\"Incassant ID\",\"Betalingskenmerk\",\"Omschrijving-1\",\"Omschrijving-2\",\"Omschrijving-3\"\n\"NL91RABO0123456789\",\"EUR\",\"RABONL2U\",\"000000000000001234\",\"2026-03-21\",\"2026-03-21\",\"+500,00\",\"+1500,00\",\"NL20INGB0001234567\",\"Acme BV\",\"\",\"\",\"INGBNL2A\",\"cb\",\"\",\"\",\"\",\"\",\"\",\"INV-2026-0002\",\"\",\"\"\n",
        lines: &[("2026-03-21", "500.00", "EUR", "Acme BV", "INV-2026-0002")],
    },
    Case {
        bank: "ABN AMRO",
        csv: "Rekeningnummer\tMuntsoort\tTransactiedatum\tRentedatum\tBeginsaldo\tEindsaldo\tTransactiebedrag\tOmschrijving\n417164300\tEUR\t20260322\t20260322\t1000,00\t1042,00\t42,00\tSEPA Overboeking IBAN: NL20INGB0001234567 Naam: Acme Omschrijving: INV-2026-0005\n",
        lines: &[("2026-03-22", "42.00", "EUR", "", "INV-2026-0005")],
    },
    Case {
        bank: "Knab",
        csv: "KNAB EXPORT;;;;;;;;;;;;;;;\nRekeningnummer;Transactiedatum;Valutacode;CreditDebet;Bedrag;Tegenrekeningnummer;Tegenrekeninghouder;Valutadatum;Betaalwijze;Omschrijving;Type betaling;Machtigingsnummer;Incassant ID;Adres;Referentie;Boekdatum\nNL52KNAB0123456789;23-03-2026;EUR;D;12,50;NL20INGB0001234567;Papeterie;23-03-2026;Overboeking;FA-78;;;;;R123;23-03-2026\n",
        lines: &[("2026-03-23", "-12.50", "EUR", "Papeterie", "FA-78")],
    },
    Case {
        bank: "bunq (NL)",
        csv: "\"Datum\";\"Rentedatum\";\"Bedrag\";\"Rekening\";\"Tegenrekening\";\"Naam\";\"Omschrijving\"\n\"2026-03-24\";\"2026-03-24\";\"-7,25\";\"NL12BUNQ0123456789\";\"NL20INGB0001234567\";\"Drukkerij\";\"Bestelling 77\"\n",
        lines: &[("2026-03-24", "-7.25", "", "Drukkerij", "Bestelling 77")],
    },
    Case {
        bank: "bunq (EN)",
        csv: "\"Date\",\"Interest Date\",\"Amount\",\"Account\",\"Counterparty\",\"Name\",\"Description\"\n\"2026-03-25\",\"2026-03-25\",\"99.95\",\"NL12BUNQ0123456789\",\"NL20INGB0001234567\",\"Acme\",\"INV-2026-0009\"\n",
        lines: &[("2026-03-25", "99.95", "", "Acme", "INV-2026-0009")],
    },
    Case {
        bank: "Crédit Agricole",
        csv: "Téléchargement du 31/03/2026;\n\nCompte courant n° 12345678901;\nSolde au 31/03/2026 1 234,56 €;\n\nDate;Libellé;Débit euros;Crédit euros;\n26/03/2026;\"VIR SEPA ACME INV-2026-0001\";;1 210,00;\n27/03/2026;\"PRLV SEPA EDF\";45,10;;\n",
        lines: &[
            ("2026-03-26", "1210.00", "", "", "ACME INV-2026-0001"),
            ("2026-03-27", "-45.10", "", "", "EDF"),
        ],
    },
    Case {
        bank: "BNP Paribas (France)",
        csv: "Date operation;Libelle court;Type operation;Libelle operation;Montant operation\n28/03/2026;VIR SEPA RECU;Virement;DE: ACME MOTIF: INV-2026-0004;200,00\n",
        lines: &[("2026-03-28", "200.00", "", "", "INV-2026-0004")],
    },
    Case {
        bank: "Société Générale",
        csv: "=\"0123456789012\";01/03/2026;31/03/2026;\n\nDate de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise\n29/03/2026;VIR RECU;DE ACME REF INV-2026-0006;-1.234,56;EUR\n",
        lines: &[("2026-03-29", "-1234.56", "EUR", "", "INV-2026-0006")],
    },
    Case {
        bank: "LCL",
        csv: "Date;Montant;Libellé\n30/03/2026;-.05;AGIOS\n",
        lines: &[("2026-03-30", "-0.05", "", "", "AGIOS")],
    },
    Case {
        bank: "Boursorama / BoursoBank",
        csv: "dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;accountbalance\n2026-03-31;2026-03-31;\"VIR ACME\";\"Virements\";\"Virements\";\"acme\";1210,00;\"INV-2026-0001\";00012345678;\"Compte\";2000,00\n",
        lines: &[("2026-03-31", "1210.00", "", "", "INV-2026-0001")],
    },
    Case {
        bank: "La Banque Postale",
        csv: "Numéro Compte;0123456A020\nType;CCP\nCompte tenu en;euros\nDate;Libellé;Montant(EUROS)\n01/04/2026;\"VIREMENT DE ACME\";1210,00\n",
        lines: &[("2026-04-01", "1210.00", "", "", "VIREMENT DE ACME")],
    },
    Case {
        bank: "Sparkasse",
        csv: "\"Auftragskonto\";\"Buchungstag\";\"Valutadatum\";\"Buchungstext\";\"Verwendungszweck\";\"Glaeubiger ID\";\"Mandatsreferenz\";\"Kundenreferenz (End-to-End)\";\"Sammlerreferenz\";\"Lastschrift Ursprungsbetrag\";\"Auslagenersatz Ruecklastschrift\";\"Beguenstigter/Zahlungspflichtiger\";\"Kontonummer/IBAN\";\"BIC (SWIFT-Code)\";\"Betrag\";\"Waehrung\";\"Info\"\n\"DE89370400440532013000\";\"28.03.18\";\"28.03.18\";\"GUTSCHRIFT\";\"RE 2018-17\";\"\";\"\";\"\";\"\";\"\";\"\";\"Acme GmbH\";\"DE02120300000000202051\";\"BYLADEM1001\";\"1.210,00\";\"EUR\";\"Umsatz gebucht\"\n",
        lines: &[("2018-03-28", "1210.00", "EUR", "Acme GmbH", "RE 2018-17")],
    },
    Case {
        bank: "ING Deutschland",
        csv: "Umsatzanzeige;Datei erstellt am: 02.04.2026\n\nIBAN;DE12 5001 0517 0123 4567 89\nKontoname;Girokonto\n\nBuchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung\n02.04.2026;02.04.2026;Acme GmbH;Gutschrift;RE 2026-1;2.000,00;EUR;1.210,00;EUR\n",
        lines: &[("2026-04-02", "1210.00", "EUR", "Acme GmbH", "RE 2026-1")],
    },
    Case {
        bank: "Deutsche Bank",
        csv: "Umsätze Girokonto;Zeitraum: 01.04.2026 - 30.04.2026\nBuchungstag;Wert;Umsatzart;Begünstigter / Auftraggeber;Verwendungszweck;IBAN;BIC;Kundenreferenz;Mandatsreferenz ;Gläubiger ID;Fremde Gebühren;Betrag;Abweichender Empfänger;Anzahl der Aufträge;Anzahl der Schecks;Soll;Haben;Währung\n03.04.2026;03.04.2026;SEPA-Überweisung;Papier AG;RE 77;DE02120300000000202051;BYLADEM1001;;;;;;;;;-89,90;;EUR\nKontostand;30.04.2026;;;1.000,00;EUR\n",
        lines: &[("2026-04-03", "-89.90", "EUR", "Papier AG", "RE 77")],
    },
    Case {
        bank: "Commerzbank",
        csv: "Buchungstag;Wertstellung;Umsatzart;Buchungstext;Betrag;Währung;Auftraggeberkonto;Bankleitzahl Auftraggeberkonto;IBAN Auftraggeberkonto;Kategorie\n04.04.2026;04.04.2026;Gutschrift;Acme GmbH RE 2026-2;500,00;EUR;0123456789;20040000;DE89370400440532013000;Einnahmen\n",
        lines: &[("2026-04-04", "500.00", "EUR", "", "RE 2026-2")],
    },
    Case {
        bank: "DKB",
        csv: "\"Girokonto\";\"DE12120300001234567890\"\n\"\"\n\"Kontostand vom 05.04.2026:\";\"1.000,00 €\"\n\"\"\n\"Buchungsdatum\";\"Wertstellung\";\"Status\";\"Zahlungspflichtige*r\";\"Zahlungsempfänger*in\";\"Verwendungszweck\";\"Umsatztyp\";\"IBAN\";\"Betrag (€)\";\"Gläubiger-ID\";\"Mandatsreferenz\";\"Kundenreferenz\"\n\"05.04.26\";\"05.04.26\";\"Gebucht\";\"Mein Name\";\"Papier AG\";\"RE 78\";\"Ausgang\";\"DE02120300000000202051\";\"-12,34\";\"\";\"\";\"\"\n",
        lines: &[("2026-04-05", "-12.34", "", "Papier AG", "RE 78")],
    },
    Case {
        bank: "Revolut",
        csv: "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance\nTRANSFER,Current,2026-04-06 10:01:02,2026-04-06 10:05:00,Payment from Acme,1210.00,0.00,EUR,COMPLETED,3210.00\nCARD_PAYMENT,Current,2026-04-07 09:00:00,2026-04-08 09:00:00,Printer shop,-1234.50,0.00,GBP,COMPLETED,100.00\n",
        lines: &[
            ("2026-04-06", "1210.00", "EUR", "", "Payment from Acme"),
            ("2026-04-08", "-1234.50", "GBP", "", "Printer shop"),
        ],
    },
    Case {
        bank: "Wise",
        csv: "\"TransferWise ID\",\"Date\",\"Amount\",\"Currency\",\"Description\",\"Payment Reference\",\"Running Balance\",\"Exchange From\",\"Exchange To\",\"Exchange Rate\",\"Payer Name\",\"Payee Name\",\"Payee Account Number\",\"Merchant\",\"Card Last Four Digits\",\"Card Holder Full Name\",\"Attachment\",\"Note\",\"Total fees\"\n\"TRANSFER-101\",\"09-04-2026\",\"1,210.00\",\"USD\",\"Received money from Acme Inc\",\"INV-2026-0001\",\"2000.00\",\"\",\"\",\"\",\"Acme Inc\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"0.00\"\n\"TRANSFER-102\",\"10-04-2026\",\"-50.00\",\"USD\",\"Sent money to Printer\",\"FA-9\",\"1950.00\",\"\",\"\",\"\",\"\",\"Printer Ltd\",\"GB33BUKB20201555555555\",\"\",\"\",\"\",\"\",\"\",\"0.00\"\n",
        lines: &[
            ("2026-04-09", "1210.00", "USD", "Acme Inc", "INV-2026-0001"),
            ("2026-04-10", "-50.00", "USD", "Printer Ltd", "FA-9"),
        ],
    },
    Case {
        bank: "PayPal",
        csv: "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"From Email Address\",\"To Email Address\",\"Transaction ID\",\"Shipping Address\",\"Address Status\",\"Item Title\",\"Item ID\",\"Shipping and Handling Amount\",\"Insurance Amount\",\"Sales Tax\",\"Option 1 Name\",\"Option 1 Value\",\"Option 2 Name\",\"Option 2 Value\",\"Reference Txn ID\",\"Invoice Number\",\"Custom Number\",\"Quantity\",\"Receipt ID\",\"Balance\",\"Subject\",\"Note\"\n\"11/04/2026\",\"10:00:00\",\"CET\",\"Acme Ltd\",\"Payment Received\",\"Completed\",\"EUR\",\"1.250,00\",\"-40,00\",\"1.210,00\",\"a@acme.example\",\"me@example.com\",\"7AB12345CD678901E\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"INV-2026-0001\",\"\",\"1\",\"\",\"1.210,00\",\"\",\"\"\n",
        lines: &[("2026-04-11", "1210.00", "EUR", "Acme Ltd", "INV-2026-0001")],
    },
    Case {
        bank: "Stripe",
        csv: "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\ntxn_1Abc,charge,ch_1Abc,121.00,3.81,117.19,eur,2026-04-12 08:30,2026-04-19 00:00,Invoice INV-2026-0010\n",
        lines: &[("2026-04-12", "117.19", "EUR", "", "INV-2026-0010")],
    },
];

#[test]
fn every_bank_of_the_table_is_read_without_rules() {
    let mut problems = Vec::new();
    for case in CASES {
        let read = match read(
            case.csv.as_bytes(),
            Path::new("s.csv"),
            &BankRules::default(),
        ) {
            Ok(read) => read,
            Err(errors) => {
                problems.push(format!("{}: {errors:?}", case.bank));
                continue;
            }
        };
        let noted = read.notes.iter().any(|n| n.contains(case.bank));
        if !noted {
            problems.push(format!("{}: recognised as {:?}", case.bank, read.notes));
        }
        let got: Vec<(String, String, String, String, String)> = read
            .lines
            .iter()
            .map(|l| {
                (
                    l.date.to_string(),
                    crate::money::format_amount(l.amount),
                    l.currency.map(|c| c.to_string()).unwrap_or_default(),
                    l.counterparty.clone(),
                    l.communication.clone(),
                )
            })
            .collect();
        if got.len() != case.lines.len() {
            problems.push(format!(
                "{}: {} line(s) read: {got:?}",
                case.bank,
                got.len()
            ));
            continue;
        }
        for (line, want) in got.iter().zip(case.lines) {
            let same = line.0 == want.0
                && line.1 == want.1
                && line.2 == want.2
                && line.3 == want.3
                && line.4.contains(want.4);
            if !same {
                problems.push(format!("{}: read {line:?}, expected {want:?}", case.bank));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
