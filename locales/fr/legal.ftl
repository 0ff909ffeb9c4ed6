# Mentions légales en français (syntaxe Project Fluent), chacune dans les termes de sa source,
# jamais reformulée : docs/documents.md, « Legal mentions », cite chacune. Un livre en change une
# en plaçant ce seul message dans son templates/legal.fr.ftl.

## Pourquoi une ligne est sans TVA, par code VATEX. Directive 2006/112/CE, article 226, points
## 11 et 11 bis : la mention « Autoliquidation », ou la référence à la disposition de la directive
## qui exonère l'opération.
vatex-eu-ae = Autoliquidation
vatex-eu-ic = Exonération de TVA – livraison intracommunautaire de biens, article 138 de la directive 2006/112/CE du Conseil
vatex-eu-g = Exonération de TVA – exportation hors de l’Union, article 146 de la directive 2006/112/CE du Conseil
vatex-eu-o = Opération non soumise à la TVA
vatex-eu-132 = Exonération de TVA – article 132 de la directive 2006/112/CE du Conseil

## Code de la TVA (Belgique), article 56bis (56ter depuis 2025) ; arrêté royal n° 19.
exempt-small-business = Régime particulier de franchise des petites entreprises

## Directive 2011/7/UE concernant la lutte contre le retard de paiement dans les transactions
## commerciales, articles 3 et 6.
late-payment-clause = Conformément à la directive 2011/7/UE concernant la lutte contre le retard de paiement dans les transactions commerciales, tout retard de paiement donne droit à des intérêts pour retard de paiement et à un montant forfaitaire de 40 EUR à titre d’indemnisation pour les frais de recouvrement.
