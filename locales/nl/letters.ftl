# De zinnen van herinneringen, vervalberichten en rekeningoverzichten in het Nederlands (syntaxis
# van Project Fluent). De meervoudsvormen volgen CLDR: `[one]` geldt voor 1, `*[other]` voor de
# rest (ook 0).

# Na een post waarvan de vervaldatum verstreken is: "(3 dagen te laat)".
days-overdue = { $days ->
    [one] { $days } dag te laat
   *[other] { $days } dagen te laat
}
# Een post die vervalt op de dag van de brief: "vervalt vandaag".
due-today = vandaag

# Onderwerpen van de e-mails (en titels van de gedrukte brieven), per sjabloon.
subject-due-soon = Naderende vervaldatum – { $company }
subject-reminder-1 = Betalingsherinnering – { $company }
subject-reminder-2 = Tweede herinnering: achterstallige betaling – { $company }
subject-final-notice = Laatste aanmaning vóór verdere stappen – { $company }
subject-statement = Rekeningoverzicht per { $date } – { $company }
