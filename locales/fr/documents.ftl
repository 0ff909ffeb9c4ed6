# Les mots des factures, notes de crédit et devis en français (syntaxe Project Fluent). Pour en
# changer quelques-uns, mettez seulement ces messages dans templates/documents.fr.ftl du livre.

invoice = Facture
credit-note = Note de crédit
debit-note = Note de débit
quote = Devis
seller = Émetteur
buyer = Facturé à
vat_id = TVA
company_id = N° d'entreprise
number = Numéro
date = Date
due = Échéance
valid_until = Valable jusqu'au
reference = Corrige la facture
buyer_reference = Votre référence
description = Description
quantity = Qté
unit = Unité
price = Prix unitaire
vat = TVA
amount = Montant
discount = remise { $rate } %
discount_detail = { $discount } : { $gross } − { $amount }
subtotal = Sous-total
document_discount = Remise { $rate } %
net = Total HTVA
vat_line = TVA { $rate } % sur { $base }
exempt_line = Sans TVA ({ $category ->
        [AE] autoliquidation
        [K] livraison intracommunautaire
        [G] exportation
        [O] hors champ de la TVA
        [Z] taux zéro
       *[other] exonération
    }) sur { $base }
total = Total TVAC
total_credit = Total crédité
pay = Merci de payer { $amount } au plus tard le { $due }.
pay_to = Compte bancaire (IBAN) : { $iban }
bic = BIC : { $bic }
communication = Communication : { $communication }
credited = Cette note de crédit réduit la facture { $reference } de { $amount }.
valid = Ce devis est valable jusqu'au { $date }.
accepted = Accepté le { $date } : facture { $invoice }.
exemption = Exonération de TVA : { $text }
notes = Remarques
page = Page { $page } sur { $pages }

## Reçus (`folio render PAY-...`) : ce qu'un paiement reçu a réglé et ce qui reste en compte.
receipt = Reçu
received_from = Reçu de
received = Montant reçu
settles = Règle
applied_to = Imputé sur
paid = Payé ({ $currency })
applied = Imputé
open_after = Reste dû
on_account = En compte
receipt_thanks = Reçu avec nos remerciements : { $amount } le { $date }.
receipt_settles = Ce paiement de { $paid } règle { $settled }.
receipt_on_account = { $amount } reste sur votre compte et sera imputé sur vos prochaines factures.

## Les unités que folio connaît, au pluriel selon la quantité (règles CLDR : `1 jour`, `1,5 jour`, `2 jours`).
unit-hur = h
unit-day = { $quantity ->
    [one] jour
   *[other] jours
}
unit-min = min
unit-wee = sem.
unit-mon = mois
unit-ann = { $quantity ->
    [one] an
   *[other] ans
}
unit-h87 = { $quantity ->
    [one] pce
   *[other] pces
}

## Debit notes (`folio interest --issue`, booked reminder fees): the text of their lines.
charge-interest = Intérêts de retard sur la facture { $invoice }, du { $from } au { $to }
charge-compensation = Indemnité forfaitaire pour frais de recouvrement, facture { $invoice }
charge-fee = Frais de rappel, facture { $invoice }
charge-outside-vat = Hors champ de la TVA : les intérêts de retard et l’indemnité ne sont pas une livraison ni une prestation.
