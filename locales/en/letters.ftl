# Phrases of reminders, courtesy notices and statement letters in English (Project Fluent syntax:
# https://projectfluent.org/fluent/guide/), used by the letter templates through
# `t("id", name=value)`. Plural forms select on a number: `[one]` and `*[other]` in English.
# To change one, put only that message in the book's templates/letters.en.ftl.

# After an item that is past due: "(3 days overdue)".
days-overdue = { $days ->
    [one] { $days } day overdue
   *[other] { $days } days overdue
}
# An item due on the day of the letter: "due today".
due-today = today
