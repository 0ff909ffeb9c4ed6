# Pflichtangaben auf Deutsch (Project-Fluent-Syntax), jede im Wortlaut ihrer Quelle, nie frei
# übersetzt: docs/documents.md, „Legal mentions“, nennt jede Quelle. Ein Buch ändert eine, indem
# es nur diese Nachricht in seine templates/legal.de.ftl schreibt.

## Warum eine Position keine Umsatzsteuer trägt, je VATEX-Code. Richtlinie 2006/112/EG,
## Artikel 226 Nummer 11 und 11a: die Angabe „Steuerschuldnerschaft des Leistungsempfängers“ oder
## der Verweis auf die Bestimmung der Richtlinie, nach der der Umsatz steuerfrei ist.
vatex-eu-ae = Steuerschuldnerschaft des Leistungsempfängers
vatex-eu-ic = Steuerfreie innergemeinschaftliche Lieferung – Artikel 138 der Richtlinie 2006/112/EG des Rates
vatex-eu-g = Steuerfreie Ausfuhrlieferung – Artikel 146 der Richtlinie 2006/112/EG des Rates
vatex-eu-o = Nicht steuerbarer Umsatz
vatex-eu-132 = Steuerfrei nach Artikel 132 der Richtlinie 2006/112/EG des Rates

## Sonderregelung für Kleinunternehmen (Richtlinie 2006/112/EG, Artikel 284 bis 292d; belgisches
## Mehrwertsteuergesetzbuch, Artikel 56bis, seit 2025 56ter).
exempt-small-business = Steuerbefreit nach der Sonderregelung für Kleinunternehmen

## Richtlinie 2011/7/EU zur Bekämpfung von Zahlungsverzug im Geschäftsverkehr, Artikel 3 und 6.
late-payment-clause = Gemäß der Richtlinie 2011/7/EU zur Bekämpfung von Zahlungsverzug im Geschäftsverkehr berechtigt jeder Zahlungsverzug zu Verzugszinsen und zu einem Pauschalbetrag von 40 EUR als Entschädigung für Beitreibungskosten.
