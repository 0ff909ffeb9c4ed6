# The words of invoices, credit notes and quotes in English (Project Fluent syntax:
# https://projectfluent.org/fluent/guide/). Used by document.txt, document.html and the PDF
# through `t("id", name=value)`. To change a few words, put only those messages in the book's
# templates/documents.en.ftl; to add a language, add templates/documents.<language>.ftl.

invoice = Invoice
credit-note = Credit note
debit-note = Debit note
quote = Quote
seller = From
buyer = Bill to
vat_id = VAT
company_id = Company no.
number = Number
date = Date
due = Due date
valid_until = Valid until
reference = Corrects invoice
buyer_reference = Your reference
description = Description
quantity = Qty
unit = Unit
price = Unit price
vat = VAT
amount = Amount
discount = discount { $rate }%
discount_detail = { $discount }: { $gross } − { $amount }
subtotal = Subtotal
document_discount = Discount { $rate }%
net = Total excl. VAT
vat_line = VAT { $rate }% on { $base }
exempt_line = No VAT ({ $category ->
        [AE] reverse charge
        [K] intra-Community supply
        [G] export
        [O] not subject to VAT
        [Z] zero rate
       *[other] exempt
    }) on { $base }
total = Total
total_credit = Total credited
pay = Please pay { $amount } by { $due }.
pay_to = Bank account (IBAN): { $iban }
bic = BIC: { $bic }
communication = Communication: { $communication }
credited = This credit note reduces invoice { $reference } by { $amount }.
valid = This quote is valid until { $date }.
accepted = Accepted on { $date }: invoice { $invoice }.
exemption = VAT exemption: { $text }
notes = Notes
page = Page { $page } of { $pages }

## Receipts (`folio render PAY-...`): what a payment received paid and what it left on account.
receipt = Receipt
received_from = Received from
received = Amount received
settles = Settles
applied_to = Applied to
paid = Paid ({ $currency })
applied = Applied
open_after = Still open
on_account = On account
receipt_thanks = Received with thanks: { $amount } on { $date }.
receipt_settles = This payment of { $paid } settles { $settled }.
receipt_on_account = { $amount } stays on your account, to be applied to your next invoices.

## Units folio knows, in the plural form of the quantity (CLDR rules: `1 day`, `1.5 days`).
unit-hur = h
unit-day = { $quantity ->
    [one] day
   *[other] days
}
unit-min = min
unit-wee = { $quantity ->
    [one] week
   *[other] weeks
}
unit-mon = { $quantity ->
    [one] month
   *[other] months
}
unit-ann = { $quantity ->
    [one] year
   *[other] years
}
unit-h87 = { $quantity ->
    [one] pc
   *[other] pcs
}

## Debit notes (`folio interest --issue`, booked reminder fees): the text of their lines.
charge-interest = Late-payment interest on invoice { $invoice }, { $from } to { $to }
charge-compensation = Compensation for recovery costs, invoice { $invoice }
charge-fee = Reminder fee, invoice { $invoice }
charge-outside-vat = Not subject to VAT: late-payment interest and compensation are not a supply.
