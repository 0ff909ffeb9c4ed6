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

# Subjects of e-mails (and headings of printed letters), per template.
subject-due-soon = Payment due soon – { $company }
subject-reminder-1 = Payment reminder – { $company }
subject-reminder-2 = Second reminder: overdue payment – { $company }
subject-final-notice = Final notice before further action – { $company }
subject-statement = Statement of account { $date } – { $company }
