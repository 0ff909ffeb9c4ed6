# Les tournures des rappels, avis d’échéance et relevés en français (syntaxe Project Fluent). Les
# formes du pluriel suivent CLDR : `[one]` vaut pour 0 et 1 en français.

days-overdue = { $days ->
    [one] { $days } jour de retard
   *[other] { $days } jours de retard
}
due-today = aujourd’hui
