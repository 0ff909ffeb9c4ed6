# Die Wörter der Rechnungen, Rechnungskorrekturen und Angebote auf Deutsch (Syntax Project Fluent:
# https://projectfluent.org/fluent/guide/). Um einzelne Wörter zu ändern, legen Sie nur diese
# Nachrichten in templates/documents.de.ftl des Buchs ab; regionale Dateien (de-AT, de-BE)
# überschreiben einzelne Nachrichten.

invoice = Rechnung
# Nicht „Gutschrift“: im deutschen und österreichischen Umsatzsteuerrecht (§ 14 Abs. 2 und Abs. 4
# Nr. 10 UStG, § 11 Abs. 7 UStG 1994) bezeichnet das Wort die vom Leistungsempfänger ausgestellte
# Abrechnung; ein Beleg des Verkäufers, der eine seiner Rechnungen mindert, ist eine
# Rechnungskorrektur.
credit-note = Rechnungskorrektur
debit-note = Belastungsanzeige
quote = Angebot
seller = Absender
buyer = Empfänger
vat_id = USt-IdNr.
company_id = Unternehmensnummer
number = Nummer
date = Datum
due = Fällig am
valid_until = Gültig bis
reference = Ursprungsrechnung
buyer_reference = Ihre Referenz
description = Bezeichnung
quantity = Menge
unit = Einh.
price = Einzelpreis
vat = USt.
amount = Betrag
discount = Rabatt { $rate } %
discount_detail = { $discount }: { $gross } − { $amount }
subtotal = Zwischensumme
document_discount = Rabatt { $rate } %
net = Nettobetrag
vat_line = { $rate } % USt. auf { $base }
exempt_line = Ohne USt. ({ $category ->
        [AE] Übergang der Steuerschuld
        [K] innergemeinschaftliche Lieferung
        [G] Ausfuhr
        [O] nicht steuerbar
        [Z] Nullsatz
       *[other] steuerfrei
    }) auf { $base }
total = Gesamtbetrag
total_credit = Gutschriftsbetrag
pay = Bitte begleichen Sie den Betrag von { $amount } bis zum { $due }.
pay_to = Bankverbindung (IBAN): { $iban }
bic = BIC: { $bic }
communication = Verwendungszweck: { $communication }
credited = Diese Rechnungskorrektur mindert die Rechnung { $reference } um { $amount }.
valid = Dieses Angebot gilt bis zum { $date }.
accepted = Angenommen am { $date }: Rechnung { $invoice }.
exemption = Steuerbefreiung: { $text }
notes = Bemerkungen
page = Seite { $page } von { $pages }

## Quittungen (`folio render PAY-...`): was eine erhaltene Zahlung beglich und was als Guthaben blieb.
receipt = Quittung
received_from = Erhalten von
received = Erhaltener Betrag
settles = Begleicht
applied_to = Verrechnet mit
paid = Bezahlt ({ $currency })
applied = Verrechnet
open_after = Noch offen
on_account = Guthaben
receipt_thanks = Dankend erhalten: { $amount } am { $date }.
receipt_settles = Diese Zahlung von { $paid } begleicht { $settled }.
receipt_on_account = { $amount } bleibt als Guthaben auf Ihrem Konto und wird mit Ihren nächsten Rechnungen verrechnet.

## Die Einheiten, die folio kennt, in der Pluralform der Menge (CLDR: `1 Tag`, `1,5 Tage`).
unit-hur = Std.
unit-day = { $quantity ->
    [one] Tag
   *[other] Tage
}
unit-min = Min.
unit-wee = { $quantity ->
    [one] Woche
   *[other] Wochen
}
unit-mon = { $quantity ->
    [one] Monat
   *[other] Monate
}
unit-ann = { $quantity ->
    [one] Jahr
   *[other] Jahre
}
unit-h87 = Stk.

## Debit notes (`folio interest --issue`, booked reminder fees): the text of their lines.
charge-interest = Verzugszinsen auf Rechnung { $invoice }, { $from } bis { $to }
charge-compensation = Pauschale für Beitreibungskosten, Rechnung { $invoice }
charge-fee = Mahngebühr, Rechnung { $invoice }
charge-outside-vat = Nicht steuerbar: Verzugszinsen und Pauschale sind keine Leistung.
