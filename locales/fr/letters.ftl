# Les tournures des rappels, avis d’échéance et relevés en français (syntaxe Project Fluent). Les
# formes du pluriel suivent CLDR : `[one]` vaut pour 0 et 1 en français.

days-overdue = { $days ->
    [one] { $days } jour de retard
   *[other] { $days } jours de retard
}
due-today = aujourd’hui

# Objets des e-mails (et en-têtes des lettres imprimées), par modèle.
subject-due-soon = Échéance prochaine – { $company }
subject-reminder-1 = Rappel de paiement – { $company }
subject-reminder-2 = Deuxième rappel : paiement en retard – { $company }
subject-final-notice = Mise en demeure avant poursuites – { $company }
subject-statement = Relevé de compte au { $date } – { $company }
