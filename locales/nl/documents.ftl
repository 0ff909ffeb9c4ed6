# De woorden van facturen, creditnota's en offertes in het Nederlands (syntaxis van Project Fluent:
# https://projectfluent.org/fluent/guide/). Om er enkele te wijzigen, zet u alleen die berichten
# in templates/documents.nl.ftl van het boek.

invoice = Factuur
credit-note = Creditnota
debit-note = Debetnota
quote = Offerte
seller = Leverancier
buyer = Klant
vat_id = Btw-nummer
company_id = Ondernemingsnummer
number = Nummer
date = Datum
due = Vervaldatum
valid_until = Geldig tot
reference = Betreft factuur
buyer_reference = Uw referentie
description = Omschrijving
quantity = Aantal
unit = Eenh.
price = Eenheidsprijs
vat = Btw
amount = Bedrag
discount = korting { $rate }%
discount_detail = { $discount }: { $gross } − { $amount }
subtotal = Subtotaal
document_discount = Korting { $rate }%
net = Totaal excl. btw
vat_line = Btw { $rate }% op { $base }
exempt_line = Zonder btw ({ $category ->
        [AE] btw verlegd
        [K] intracommunautaire levering
        [G] uitvoer
        [O] niet onderworpen
        [Z] nultarief
       *[other] vrijgesteld
    }) op { $base }
total = Totaal incl. btw
total_credit = Totaal gecrediteerd
pay = Gelieve { $amount } uiterlijk op { $due } te betalen.
pay_to = Bankrekening (IBAN): { $iban }
bic = BIC: { $bic }
communication = Gestructureerde mededeling: { $communication }
credited = Deze creditnota vermindert factuur { $reference } met { $amount }.
valid = Deze offerte is geldig tot { $date }.
accepted = Aanvaard op { $date }: factuur { $invoice }.
exemption = Vrijstelling van btw: { $text }
notes = Opmerkingen
page = Pagina { $page } van { $pages }

## Ontvangstbewijzen (`folio render PAY-...`): wat een ontvangen betaling vereffende en wat op rekening bleef.
receipt = Ontvangstbewijs
received_from = Ontvangen van
received = Ontvangen bedrag
settles = Vereffent
applied_to = Toegewezen aan
paid = Betaald ({ $currency })
applied = Toegewezen
open_after = Nog open
on_account = Op rekening
receipt_thanks = Met dank ontvangen: { $amount } op { $date }.
receipt_settles = Deze betaling van { $paid } vereffent { $settled }.
receipt_on_account = { $amount } blijft op uw rekening en wordt met uw volgende facturen verrekend.

## De eenheden die folio kent, in de meervoudsvorm van de hoeveelheid (CLDR: `1 dag`, `1,5 dagen`).
unit-hur = u
unit-day = { $quantity ->
    [one] dag
   *[other] dagen
}
unit-min = min
unit-wee = { $quantity ->
    [one] week
   *[other] weken
}
unit-mon = { $quantity ->
    [one] maand
   *[other] mnd.
}
unit-ann = jaar
unit-h87 = { $quantity ->
    [one] stuk
   *[other] stuks
}

## Debit notes (`folio interest --issue`, booked reminder fees): the text of their lines.
charge-interest = Verwijlinterest op factuur { $invoice }, van { $from } tot { $to }
charge-compensation = Vergoeding voor invorderingskosten, factuur { $invoice }
charge-fee = Aanmaningskosten, factuur { $invoice }
charge-outside-vat = Buiten het toepassingsgebied van de btw: verwijlinterest en vergoeding zijn geen levering of dienst.
