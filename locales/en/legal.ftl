# Legal mentions in English (Project Fluent syntax), each in the wording of its source, never
# paraphrased: docs/documents.md, "Legal mentions", cites every one. A book changes one by
# putting only that message in its templates/legal.en.ftl.

## Why a line carries no VAT, per VATEX code (EN 16931, CEF VATEX list). Article 226(11) and
## (11a) of Council Directive 2006/112/EC: the mention "Reverse charge", or a reference to the
## provision of the Directive that exempts the supply.
vatex-eu-ae = Reverse charge
vatex-eu-ic = Exempt intra-Community supply of goods – Article 138 of Council Directive 2006/112/EC
vatex-eu-g = Exempt export outside the EU – Article 146 of Council Directive 2006/112/EC
vatex-eu-o = Not subject to VAT
vatex-eu-132 = Exempt based on article 132 of Council Directive 2006/112/EC

## The special scheme for small enterprises (Belgian VAT Code, article 56bis, since 2025
## article 56ter; Directive 2006/112/EC, articles 284 to 292d): the seller charges no VAT.
exempt-small-business = VAT exempt: special scheme for small enterprises

## Reminders to a business: Directive 2011/7/EU on combating late payment in commercial
## transactions, articles 3 (interest for late payment) and 6 (EUR 40 recovery costs).
late-payment-clause = Under Directive 2011/7/EU on combating late payment in commercial transactions, late payment entitles us to interest for late payment and to a fixed sum of EUR 40 as compensation for recovery costs.
