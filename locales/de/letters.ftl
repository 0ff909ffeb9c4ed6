# Die Wendungen der Zahlungserinnerungen, Mahnungen, Fälligkeitshinweise und Kontoauszüge auf
# Deutsch (Syntax Project Fluent). Die Pluralformen folgen CLDR: `[one]` gilt im Deutschen nur
# für 1.

# Nach einem überfälligen Posten: „(3 Tage überfällig)“.
days-overdue = { $days ->
    [one] { $days } Tag überfällig
   *[other] { $days } Tage überfällig
}
# Ein Posten, der am Tag des Schreibens fällig ist: „fällig heute“.
due-today = heute

# Betreffzeilen der E-Mails (und Überschriften der gedruckten Schreiben), je Vorlage. Die Stufen
# folgen dem deutschen Mahnwesen: Zahlungserinnerung, Mahnung, letzte Mahnung.
subject-due-soon = Hinweis auf bevorstehende Fälligkeit – { $company }
subject-reminder-1 = Zahlungserinnerung – { $company }
subject-reminder-2 = Mahnung: Zahlung überfällig – { $company }
subject-final-notice = Letzte Mahnung vor weiteren Maßnahmen – { $company }
subject-statement = Kontoauszug zum { $date } – { $company }
