# Wettelijke vermeldingen in het Nederlands (Project Fluent-syntaxis), elk in de bewoording van
# de bron, nooit vrij vertaald: docs/documents.md, "Legal mentions", vermeldt elke bron. Een boek
# wijzigt er een door alleen dat bericht in zijn templates/legal.nl.ftl te zetten.

## Waarom een regel geen btw draagt, per VATEX-code. Richtlijn 2006/112/EG, artikel 226, punten
## 11 en 11 bis: de vermelding "Btw verlegd", of de verwijzing naar de bepaling van de richtlijn
## die de handeling vrijstelt. Bij "Btw verlegd" staat de term van het Belgische btw-recht,
## "verlegging van heffing", die Vlaamse klanten kennen.
vatex-eu-ae = Btw verlegd – verlegging van heffing
vatex-eu-ic = Vrijstelling van btw – intracommunautaire levering van goederen, artikel 138 van Richtlijn 2006/112/EG van de Raad
vatex-eu-g = Vrijstelling van btw – uitvoer buiten de Unie, artikel 146 van Richtlijn 2006/112/EG van de Raad
vatex-eu-o = Handeling niet onderworpen aan btw
vatex-eu-132 = Vrijstelling van btw – artikel 132 van Richtlijn 2006/112/EG van de Raad

## Btw-Wetboek (België), artikel 56bis (sinds 2025 artikel 56ter); koninklijk besluit nr. 19.
exempt-small-business = Bijzondere vrijstellingsregeling kleine ondernemingen

## Richtlijn 2011/7/EU betreffende bestrijding van betalingsachterstand bij handelstransacties,
## artikelen 3 en 6.
late-payment-clause = Overeenkomstig Richtlijn 2011/7/EU betreffende bestrijding van betalingsachterstand bij handelstransacties geeft elke betalingsachterstand recht op interest voor betalingsachterstand en op een vast bedrag van 40 EUR als vergoeding voor invorderingskosten.
