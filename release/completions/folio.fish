# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_folio_global_optspecs
    string join \n book= color= pager q/quiet columns= h/help V/version
end

function __fish_folio_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_folio_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_folio_using_subcommand
    set -l cmd (__fish_folio_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c folio -n "__fish_folio_needs_command" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_needs_command" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_needs_command" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_needs_command" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_needs_command" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_needs_command" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_needs_command" -f -a "init" -d 'Create a new, empty book'
complete -c folio -n "__fish_folio_needs_command" -f -a "company" -d 'The company on documents and letters: `company set vat=...`, `company show`'
complete -c folio -n "__fish_folio_needs_command" -f -a "check" -d 'Validate the whole book and list every problem'
complete -c folio -n "__fish_folio_needs_command" -f -a "close" -d 'Close a period (2026-Q3, 2026-09, --to DATE): its entries can no longer change; --list'
complete -c folio -n "__fish_folio_needs_command" -f -a "reopen" -d 'Reopen a closed period, with the reason recorded: --reason TEXT'
complete -c folio -n "__fish_folio_needs_command" -f -a "balance" -d 'Balance per contact and currency: debits, credits, balance, overdue'
complete -c folio -n "__fish_folio_needs_command" -f -a "aging" -d 'Open items by days past due: current, 1-30, 31-60, 61-90, 90+'
complete -c folio -n "__fish_folio_needs_command" -f -a "statement" -d 'Statement of account: opening balance, entries with running balance, open items'
complete -c folio -n "__fish_folio_needs_command" -f -a "explain" -d 'How a document was settled: what was applied to it, or what it paid'
complete -c folio -n "__fish_folio_needs_command" -f -a "forecast" -d 'Open items expected week by week, placed by each contact\'s payment behaviour'
complete -c folio -n "__fish_folio_needs_command" -f -a "interest" -d 'Late-payment interest per invoice; --issue records it as debit notes'
complete -c folio -n "__fish_folio_needs_command" -f -a "overdue" -d 'Overdue items across all contacts, oldest first, with whom to call'
complete -c folio -n "__fish_folio_needs_command" -f -a "entries" -d 'The journal as a filtered list: --from, --to, --contact, --kind, --currency, --ref'
complete -c folio -n "__fish_folio_needs_command" -f -a "documents" -d 'One row per document (invoice, credit, quote, bill, debit) with its status and open amount'
complete -c folio -n "__fish_folio_needs_command" -f -a "credit" -d 'Credit limits: exposure, warnings and holds; `credit check` and `credit score`'
complete -c folio -n "__fish_folio_needs_command" -f -a "contact" -d 'Add, change, show, search, annotate, archive or delete a contact'
complete -c folio -n "__fish_folio_needs_command" -f -a "product" -d 'Add, change, list or show a product of the catalogue (products/CODE.toml)'
complete -c folio -n "__fish_folio_needs_command" -f -a "contacts" -d 'List contacts, filtered by role, tag, industry, country, city or language'
complete -c folio -n "__fish_folio_needs_command" -f -a "invoice" -d 'Record a sales invoice: CONTACT AMOUNT'
complete -c folio -n "__fish_folio_needs_command" -f -a "payment" -d 'Record a payment received: CONTACT AMOUNT [--ref INVOICE]'
complete -c folio -n "__fish_folio_needs_command" -f -a "credit-note" -d 'Record a credit note: CONTACT AMOUNT [--ref INVOICE]'
complete -c folio -n "__fish_folio_needs_command" -f -a "refund" -d 'Record money paid back to a customer: CONTACT AMOUNT [--ref PAYMENT]'
complete -c folio -n "__fish_folio_needs_command" -f -a "bill" -d 'Record a supplier bill: CONTACT AMOUNT'
complete -c folio -n "__fish_folio_needs_command" -f -a "payout" -d 'Record a payment to a supplier: CONTACT AMOUNT [--ref BILL]'
complete -c folio -n "__fish_folio_needs_command" -f -a "debit-note" -d 'Record a debit note (a supplier\'s credit): CONTACT AMOUNT [--ref BILL]'
complete -c folio -n "__fish_folio_needs_command" -f -a "void" -d 'Void an invoice, refund or bill with a credit or debit note for what is still open'
complete -c folio -n "__fish_folio_needs_command" -f -a "dispute" -d 'Record that a customer disputes an item (--reason), or that the dispute is over (--resolved)'
complete -c folio -n "__fish_folio_needs_command" -f -a "promise" -d 'Record a customer\'s promise to pay DOC or CONTACT by --until [--amount]'
complete -c folio -n "__fish_folio_needs_command" -f -a "renumber" -d 'Give the later of two entries with one id (after a merge) the next free number'
complete -c folio -n "__fish_folio_needs_command" -f -a "merge-driver" -d 'The git merge driver of journals and documents (docs/git.md); --install wires it'
complete -c folio -n "__fish_folio_needs_command" -f -a "writeoff" -d 'Write off what will not be paid: CONTACT AMOUNT --reason R [--ref DOC]; --below 1.00'
complete -c folio -n "__fish_folio_needs_command" -f -a "quote" -d 'Make a quote with line items; `quote accept Q-...` turns it into an invoice'
complete -c folio -n "__fish_folio_needs_command" -f -a "recur" -d 'Issue the recurring invoices (`[[recurring]]` in contact files) that have come due; --list'
complete -c folio -n "__fish_folio_needs_command" -f -a "render" -d 'An invoice, credit note or quote as text, HTML, PDF or UBL (Peppol BIS 3.0)'
complete -c folio -n "__fish_folio_needs_command" -f -a "diff" -d 'What a change does to the book (git): documents, entries, contacts, balances before and after'
complete -c folio -n "__fish_folio_needs_command" -f -a "log" -d 'The history of one contact or document from git: who changed what, and when'
complete -c folio -n "__fish_folio_needs_command" -f -a "fmt" -d 'Lay out journal and contact files canonically; --check lists what would change'
complete -c folio -n "__fish_folio_needs_command" -f -a "remind" -d 'Courtesy notices and dunning letters to send today: list, --write DIR, --send'
complete -c folio -n "__fish_folio_needs_command" -f -a "contracts" -d 'Contracts with their notice dates; --expiring 60d'
complete -c folio -n "__fish_folio_needs_command" -f -a "notes" -d 'The notes of every contact (the service log): --open, --kind K, --contact C'
complete -c folio -n "__fish_folio_needs_command" -f -a "metrics" -d 'Customer metrics: revenue, invoices, recency, days to pay, balance, grade, RFM, ABC'
complete -c folio -n "__fish_folio_needs_command" -f -a "segments" -d 'Every segment (rules of folio.toml, RFM, ABC, tiers): members, revenue, share, balance'
complete -c folio -n "__fish_folio_needs_command" -f -a "segment" -d 'The members of one segment, with their metrics'
complete -c folio -n "__fish_folio_needs_command" -f -a "report" -d 'Analytics reports: contribution (Pareto), clv, collection (DSO)'
complete -c folio -n "__fish_folio_needs_command" -f -a "vat" -d 'VAT on sales and purchases for a period, by category and rate, and the balance to pay'
complete -c folio -n "__fish_folio_needs_command" -f -a "mailing" -d 'The recipients of a mailing to a segment, as a table, CSV, JSON or vCard'
complete -c folio -n "__fish_folio_needs_command" -f -a "import" -d 'Import contacts or entries from CSV'
complete -c folio -n "__fish_folio_needs_command" -f -a "rates" -d 'Exchange rates: list the book\'s quotes, show a pair\'s rate on a day, import the ECB\'s CSV'
complete -c folio -n "__fish_folio_needs_command" -f -a "export" -d 'Export contacts (CSV, JSON, vCard) or entries (CSV, JSON, ledger, beancount)'
complete -c folio -n "__fish_folio_needs_command" -f -a "reconcile" -d 'Match bank statement lines to open items; --apply records the payments'
complete -c folio -n "__fish_folio_needs_command" -f -a "alerts" -d 'What needs attention today: credit, collection, anomalies, behaviour, data quality'
complete -c folio -n "__fish_folio_needs_command" -f -a "help" -d 'Help for a command (`folio help credit check`) or a topic (`folio help format`)'
complete -c folio -n "__fish_folio_needs_command" -f -a "completions" -d 'A shell completion script: bash, zsh, fish or powershell'
complete -c folio -n "__fish_folio_needs_command" -f -a "man" -d 'The manual page, in roff: `folio man | man -l -`'
complete -c folio -n "__fish_folio_needs_command" -f -a "__complete" -d 'Lists contact or document ids for the completion scripts'
complete -c folio -n "__fish_folio_using_subcommand init" -l name -d 'The business\'s name (default: the directory\'s name)' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l company-name -d 'The company\'s legal name on documents (default: the business\'s name)' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l street -d 'Street and number' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l postcode -d 'Postal code' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l city -d 'City' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l country -d 'Country: ISO 3166-1 alpha-2 code, e.g. BE' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l vat -d 'VAT number with its country prefix, e.g. BE0403170701' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l company-id -d 'Registration (enterprise) number, e.g. 0403.170.701' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l iban -d 'The bank account customers pay to' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l bic -d 'The BIC of that account' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l email -d 'The From: address of e-mails' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l language -d 'Default language of documents and letters: en, fr, nl, de, zh (default en)' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l currency -d 'Default currency of entries, ISO 4217 (default EUR)' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand init" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand init" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand init" -l no-git -d 'Do not make the book a git repository (.gitattributes and .gitignore are written all the same)'
complete -c folio -n "__fish_folio_using_subcommand init" -l hooks -d 'Add a git pre-commit hook that refuses a commit while `folio check` finds errors'
complete -c folio -n "__fish_folio_using_subcommand init" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand init" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand init" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -f -a "set" -d 'Set keys of [company] in folio.toml, keeping its comments and layout'
complete -c folio -n "__fish_folio_using_subcommand company; and not __fish_seen_subcommand_from set show" -f -a "show" -d 'Show the company, and what an invoice still needs'
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from set" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from set" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from set" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from set" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from set" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from set" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from show" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from show" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from show" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from show" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand company; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand check" -l format -d 'text: each problem on stderr as path:line:column, a summary on stdout; json: every problem on stdout as a JSON array of {file, line, column, severity, code, message}' -r -f -a "text\t'For people and editors'
json\t'For programs'"
complete -c folio -n "__fish_folio_using_subcommand check" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand check" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand check" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand check" -l strict -d 'Fail (exit 1) on warnings too'
complete -c folio -n "__fish_folio_using_subcommand check" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand check" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand check" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand close" -l to -d 'The last day of the period instead of PERIOD: 2026-09-30, or any form of `folio help dates`' -r
complete -c folio -n "__fish_folio_using_subcommand close" -l memo -d 'A note kept with the close (why, what was filed)' -r
complete -c folio -n "__fish_folio_using_subcommand close" -l format -d 'Output format of --list' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand close" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand close" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand close" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand close" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand close" -l list -d 'List the closes instead: date, digest, entries, documents, reopened or not'
complete -c folio -n "__fish_folio_using_subcommand close" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand close" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand close" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand reopen" -l to -d 'The last day of the period instead of PERIOD: 2026-09-30, or any form of `folio help dates`' -r
complete -c folio -n "__fish_folio_using_subcommand reopen" -l reason -d 'Why the period is reopened (kept in closes.journal)' -r
complete -c folio -n "__fish_folio_using_subcommand reopen" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand reopen" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand reopen" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand reopen" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand reopen" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand reopen" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand reopen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand reopen" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand balance" -l contact -d 'Only this contact' -r
complete -c folio -n "__fish_folio_using_subcommand balance" -l currency -d 'Only this currency' -r
complete -c folio -n "__fish_folio_using_subcommand balance" -l segment -d 'Only the members of this segment (`folio segments` lists them)' -r
complete -c folio -n "__fish_folio_using_subcommand balance" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand balance" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand balance" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand balance" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand balance" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand balance" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand balance" -l payables -d 'Report payables (bills, payouts, debit notes) instead of receivables'
complete -c folio -n "__fish_folio_using_subcommand balance" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand balance" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand balance" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand balance" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand balance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand balance" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand aging" -l contact -d 'Only this contact' -r
complete -c folio -n "__fish_folio_using_subcommand aging" -l currency -d 'Only this currency' -r
complete -c folio -n "__fish_folio_using_subcommand aging" -l segment -d 'Only the members of this segment (`folio segments` lists them)' -r
complete -c folio -n "__fish_folio_using_subcommand aging" -l buckets -d 'Upper bounds of the past-due buckets in days (default: [aging] buckets in folio.toml, else 30,60,90)' -r
complete -c folio -n "__fish_folio_using_subcommand aging" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand aging" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand aging" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand aging" -l chart -d 'Draw bar charts under the table: `--chart` (or `auto`) on a terminal only, `always` also into a pipe, `never`. Width: $COLUMNS, else the terminal\'s, else 80' -r -f -a "auto\t'Draw when stdout is a terminal (what a bare `--chart` means)'
always\t'Draw even into a pipe or a file'
never\t'Never draw (the default without `--chart`)'"
complete -c folio -n "__fish_folio_using_subcommand aging" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand aging" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand aging" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand aging" -l payables -d 'Report payables (bills, payouts, debit notes) instead of receivables'
complete -c folio -n "__fish_folio_using_subcommand aging" -l detail -d 'List every open item and unapplied credit instead of one row per contact'
complete -c folio -n "__fish_folio_using_subcommand aging" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand aging" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand aging" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand aging" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand aging" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand aging" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand statement" -l min-balance -d 'With --all: only contacts with a balance above AMOUNT in a currency (default: any non-zero balance)' -r
complete -c folio -n "__fish_folio_using_subcommand statement" -l from -d 'First day of the period (default: from the first entry; the opening balance is then 0)' -r
complete -c folio -n "__fish_folio_using_subcommand statement" -l to -d 'Last day of the period (default: --as-of, else today)' -r
complete -c folio -n "__fish_folio_using_subcommand statement" -l write -d 'With --letter: write it into DIR, as an .eml (contact with e-mail, the letter attached as a PDF) or a .txt letter and its PDF' -r -F
complete -c folio -n "__fish_folio_using_subcommand statement" -l pdf -d 'Write the statement letter (the `statement` template, as --letter prints it) as a PDF into FILE; --letter is implied' -r -F
complete -c folio -n "__fish_folio_using_subcommand statement" -l lock-timeout -d 'Seconds to wait for the book\'s lock when recording (--all with --write or --send)' -r
complete -c folio -n "__fish_folio_using_subcommand statement" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand statement" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand statement" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand statement" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand statement" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand statement" -l all -d 'Every customer (supplier with --payables) with a balance: one statement each'
complete -c folio -n "__fish_folio_using_subcommand statement" -l overdue-only -d 'With --all: only contacts with an item past due'
complete -c folio -n "__fish_folio_using_subcommand statement" -l payables -d 'The supplier\'s statement: bills, payouts and debit notes'
complete -c folio -n "__fish_folio_using_subcommand statement" -l letter -d 'The statement as a letter, through the `statement` template in the contact\'s language'
complete -c folio -n "__fish_folio_using_subcommand statement" -l send -d 'With --all --letter: pipe each e-mail to `[dunning] send_command` and record it'
complete -c folio -n "__fish_folio_using_subcommand statement" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand statement" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand statement" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand statement" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand statement" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand explain" -l as-of -d 'Show the settlement as of this date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand explain" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand explain" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand explain" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand explain" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand explain" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand explain" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand explain" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand forecast" -l weeks -d 'How many weeks, the first being the as-of date\'s week (Monday to Sunday)' -r
complete -c folio -n "__fish_folio_using_subcommand forecast" -l runs -d 'With --backtest: how many past as-of dates (one week apart) to replay' -r
complete -c folio -n "__fish_folio_using_subcommand forecast" -l contact -d 'Only this contact' -r
complete -c folio -n "__fish_folio_using_subcommand forecast" -l currency -d 'Only this currency' -r
complete -c folio -n "__fish_folio_using_subcommand forecast" -l segment -d 'Only the members of this segment (`folio segments` lists them)' -r
complete -c folio -n "__fish_folio_using_subcommand forecast" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand forecast" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand forecast" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand forecast" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand forecast" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand forecast" -l backtest -d 'Replay the book\'s past instead: forecast from each of the last --runs weeks\' as-of dates with only the book as it was then, and compare with what was collected'
complete -c folio -n "__fish_folio_using_subcommand forecast" -l payables -d 'Report payables (bills, payouts, debit notes) instead of receivables'
complete -c folio -n "__fish_folio_using_subcommand forecast" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand forecast" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand forecast" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand forecast" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand forecast" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand interest" -l contact -d 'Only this contact\'s invoices' -r
complete -c folio -n "__fish_folio_using_subcommand interest" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand interest" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand interest" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand interest" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand interest" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand interest" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand interest" -l issue -d 'Record the interest and compensation not charged yet as debit notes dated --as-of'
complete -c folio -n "__fish_folio_using_subcommand interest" -l dry-run -d 'With --issue: show the debit notes that would be recorded, and write nothing'
complete -c folio -n "__fish_folio_using_subcommand interest" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand interest" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand interest" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand interest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand interest" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand overdue" -l min-days -d 'Only items at least this many days past due' -r
complete -c folio -n "__fish_folio_using_subcommand overdue" -l contact -d 'Only this contact' -r
complete -c folio -n "__fish_folio_using_subcommand overdue" -l currency -d 'Only this currency' -r
complete -c folio -n "__fish_folio_using_subcommand overdue" -l segment -d 'Only the members of this segment (`folio segments` lists them)' -r
complete -c folio -n "__fish_folio_using_subcommand overdue" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand overdue" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand overdue" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand overdue" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand overdue" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand overdue" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand overdue" -l payables -d 'Report payables (bills, payouts, debit notes) instead of receivables'
complete -c folio -n "__fish_folio_using_subcommand overdue" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand overdue" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand overdue" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand overdue" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand overdue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand overdue" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand entries" -l from -d 'Only entries dated on or after this date' -r
complete -c folio -n "__fish_folio_using_subcommand entries" -l to -d 'Only entries dated on or before this date' -r
complete -c folio -n "__fish_folio_using_subcommand entries" -l contact -d 'Only this contact\'s entries' -r
complete -c folio -n "__fish_folio_using_subcommand entries" -l kind -d 'Only this kind: invoice, payment, credit, refund, bill, payout, debit; repeat for several' -r
complete -c folio -n "__fish_folio_using_subcommand entries" -l currency -d 'Only this currency' -r
complete -c folio -n "__fish_folio_using_subcommand entries" -l ref -d 'Only the entries applied to this document (their `ref:` names it): its payments, credit notes, refunds...' -r
complete -c folio -n "__fish_folio_using_subcommand entries" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand entries" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand entries" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand entries" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand entries" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand entries" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand entries" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand entries" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand entries" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand documents" -l kind -d 'Only this kind: invoice, credit, quote, bill, debit; repeat for several' -r -f -a "invoice\t'Sales invoices'
credit\t'Credit notes'
quote\t'Quotes'
bill\t'Supplier bills'
debit\t'Supplier debit notes'"
complete -c folio -n "__fish_folio_using_subcommand documents" -l status -d 'Only this status: open (all with something open), partial, paid, overdue, void, accepted, expired; repeat for several' -r -f -a "open\t'Something still open: open, partial or overdue'
partial\t'Part settled, not past due'
paid\t'Settled in full'
overdue\t'Something open after the due date'
void\t'Cancelled by credit or debit notes that refer to it, nothing paid'
written-off\t'Closed by write-offs, nothing paid'
accepted\t'A quote that became an invoice'
expired\t'A quote past its last day'"
complete -c folio -n "__fish_folio_using_subcommand documents" -l from -d 'Only documents dated on or after this date' -r
complete -c folio -n "__fish_folio_using_subcommand documents" -l to -d 'Only documents dated on or before this date' -r
complete -c folio -n "__fish_folio_using_subcommand documents" -l contact -d 'Only this contact\'s documents' -r
complete -c folio -n "__fish_folio_using_subcommand documents" -l currency -d 'Only this currency' -r
complete -c folio -n "__fish_folio_using_subcommand documents" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand documents" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand documents" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand documents" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand documents" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand documents" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand documents" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand documents" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand documents" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand documents" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l fail-on -d 'Exit 1 when any customer with a limit reaches this level (listed or not)' -r -f -a "never\t'Never fail (the default)'
warn\t'A customer in warn or over'
over\t'A customer over its limit'
hold\t'A customer on credit hold'"
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l segment -d 'Only the members of this segment (`folio segments` lists them)' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l all -d 'List every customer with a credit limit, not only those in warn, over or on hold'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -f -a "check" -d 'May this much more be invoiced? Exit 0 when allowed, 1 when refused; one line says why'
complete -c folio -n "__fish_folio_using_subcommand credit; and not __fish_seen_subcommand_from check score" -f -a "score" -d 'Payment scores and grades from the allocation history, with the limit and terms each grade earns'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -l currency -d 'The invoice\'s currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -l as-of -d 'Judge as of this date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "add" -d 'Add a contact; without ID, an id is made from the name (and printed)'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "set" -d 'Set fields: key=value ..., dotted keys for tables (address.city=Gent), an empty value removes the key'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "edit" -d 'Open the contact file in $VISUAL or $EDITOR; it is saved only when valid'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "show" -d 'Fields, balances, overdue, credit status and the last notes'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "search" -d 'Find contacts by name, e-mail, phone, VAT number, city or tag (case and accents ignored)'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "note" -d 'Add a note to the service log (`--open` when something remains to be done), or close one (`--close N`)'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "person" -d 'The people at a contact: `person add ID --name NAME --role billing --email EMAIL`'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "archive" -d 'Archive a contact: it keeps its history but leaves lists and mailings'
complete -c folio -n "__fish_folio_using_subcommand contact; and not __fish_seen_subcommand_from add set edit show search note person archive delete" -f -a "delete" -d 'Delete a contact that has no entries (one with entries can only be archived)'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l name -d 'The name' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l role -d 'customer or supplier; repeat for both (default: customer)' -r -f -a "customer\t'We invoice them'
supplier\t'They bill us'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l email -d 'E-mail address' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l phone -d 'Phone number' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l vat -d 'VAT number with its country prefix, or a Chinese unified social credit code' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l industry -d 'Industry' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l tag -d 'A tag; repeat for several' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l country -d 'Country, ISO 3166-1 alpha-2 (BE, FR, CN...)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l city -d 'City' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l street -d 'Street and number' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l postcode -d 'Postal code' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l language -d 'Language for letters (en, fr, zh...)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l currency -d 'Default currency of its entries, ISO 4217 (EUR, USD, CNY...)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l terms -d 'Payment terms in days' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l credit-limit -d 'Credit limit in the contact\'s currency, e.g. 5000.00' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l since -d 'Customer since (default: not recorded)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l region -d 'Region, state or province of the address' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l iban -d 'IBAN of the contact\'s bank account' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l peppol -d 'Peppol participant id, scheme:identifier (0208:0417497106)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l buyer-reference -d 'The buyer\'s reference (BT-10) their invoices carry by default' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l newsletter -d 'Whether they receive the newsletter (preferences.newsletter): true or false' -r -f -a "true\t''
false\t''"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l custom -d 'A custom field, repeatable: --custom account_manager=Ana (custom.NAME = VALUE)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l archived -d 'Add it archived (archived = true)'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -l format -d 'Output format (table: a readable card)' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -l as-of -d 'Balances as of this date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from search" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from search" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from search" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from search" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from search" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from search" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l kind -d 'call, email, meeting, complaint, inquiry, resolution, ... (a lower-case word)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l date -d 'The date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l state -d 'open or closed' -r -f -a "open\t'Something remains to be done'
closed\t'Dealt with'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l document -d 'The document the note concerns, e.g. INV-2026-0001' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l close -d 'Close note N instead (its number in `folio notes` and `contact show`: 1 for the first note of the contact file)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l open -d 'Something remains to be done: the note is `open` until closed (same as --state open)'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person" -f -a "add" -d 'Add a person; the first one with role `billing` receives documents and reminders'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -l undo -d 'Bring an archived contact back (archived = false)'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -f -a "add" -d 'Add a product: CODE --name TEXT --price P --vat R (or --exempt WHY)'
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -f -a "set" -d 'Set one key: CODE KEY VALUE (name.LANG, unit, price, currency, vat, vat_category, exemption, family, gtin, sku, active); an empty VALUE removes an optional key'
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -f -a "list" -d 'The products, in code order: --family, --all for the inactive ones too'
complete -c folio -n "__fish_folio_using_subcommand product; and not __fish_seen_subcommand_from add set list show" -f -a "show" -d 'One product with every key'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l name -d 'The name: TEXT in the company\'s language, or LANG=TEXT (`--name fr=Conseil`); repeatable, one per language' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l price -d 'Price of one unit before VAT: 95 or 99.50' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l vat -d 'VAT rate in percent: 21, 6, 0 (0 needs --exempt)' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l exempt -d 'No VAT, and why: a VATEX code (VATEX-EU-AE...) or text' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l unit -d 'The unit: h, day, pcs...' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l currency -d 'The price\'s currency (default: the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l vat-category -d 'The VAT category (UNCL5305: S, Z, E, AE, K, G, O); default S above 0 %, else E' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l family -d 'The family reports group products by' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l gtin -d 'The GTIN (8, 12, 13 or 14 digits with its check digit)' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l sku -d 'The seller\'s stock-keeping unit' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from set" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from set" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from set" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from set" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from set" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from set" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -l family -d 'Only the products of this family' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -l format -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -l all -d 'Include inactive products'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from show" -l format -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from show" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from show" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from show" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from show" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand product; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contacts" -l role -d 'Only customers or only suppliers' -r -f -a "customer\t'We invoice them'
supplier\t'They bill us'"
complete -c folio -n "__fish_folio_using_subcommand contacts" -l tag -d 'Only contacts with this tag; repeat to require several' -r
complete -c folio -n "__fish_folio_using_subcommand contacts" -l industry -d 'Only this industry' -r
complete -c folio -n "__fish_folio_using_subcommand contacts" -l country -d 'Only this country (ISO code, e.g. BE)' -r
complete -c folio -n "__fish_folio_using_subcommand contacts" -l city -d 'Only this city' -r
complete -c folio -n "__fish_folio_using_subcommand contacts" -l language -d 'Only this language (en, fr, zh...)' -r
complete -c folio -n "__fish_folio_using_subcommand contacts" -l segment -d 'Only the members of this segment as of today (`folio segments` lists them)' -r
complete -c folio -n "__fish_folio_using_subcommand contacts" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand contacts" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contacts" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contacts" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contacts" -l archived -d 'Include archived contacts'
complete -c folio -n "__fish_folio_using_subcommand contacts" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contacts" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contacts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contacts" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand invoice" -l ref -d 'The invoice or refund a credit note applies to' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l due -d 'Due date (default: date + the contact\'s terms, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l terms -d 'Payment terms in days: due = date + DAYS' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l override-credit -d 'Record an invoice or refund the credit check refuses all the same, with this reason (kept on the line as override-credit:REASON)' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l date -d 'The entry\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l memo -d 'A memo, kept after `;` on the line' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l meta -d 'Free metadata, repeatable: --meta po=4711 (or po:4711)' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l id -d 'The document id (default: the next number of the kind\'s pattern)' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l item -d 'A line item; repeat for more. Its --qty, --unit, --price, --vat, --discount, --exempt follow it.' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l qty -d 'Quantity of the --item before it (default 1).' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l unit -d 'Unit of the --item before it: h, day, pcs, kg, month... (UBL: HUR, DAY, H87...).' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l price -d 'Unit price before VAT of the --item before it: 120 or 99.50.' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l vat -d 'VAT rate in percent of the --item before it: 21, 6, 0. Without any item: the VAT the AMOUNT includes, recorded as vat:RATE on the line (21, or 0/AE with a category).' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l discount -d 'Discount in percent of the --item before it.' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l exempt -d 'No VAT on the --item before it, and why: a VATEX code (VATEX-EU-AE reverse charge, VATEX-EU-IC intra-community, VATEX-EU-G export), small-business (the franchise scheme) or text.' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l items -d 'Read the items from a TOML file ([[items]] tables) or a CSV file (columns description, quantity, unit, price, discount, vat, exemption, product); a row naming a product takes what it leaves out from the catalogue.' -r -F
complete -c folio -n "__fish_folio_using_subcommand invoice" -l note -d 'A note printed on the document; repeatable (in UBL, the notes are joined into the one note Peppol allows).' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l document-discount -d 'A discount in percent of the whole document, taken from each VAT rate (UBL: a document-level allowance).' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l buyer-ref -d 'The buyer\'s reference (BT-10), shown on the document and in UBL; default the contact\'s buyer_reference. Peppol needs it or --order-ref.' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l order-ref -d 'The buyer\'s purchase order number (BT-13, UBL OrderReference).' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l delivery-date -d 'The day of delivery (BT-72); intra-community supplies default to the document\'s date.' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l deliver-to -d 'The country delivered to (BT-80, ISO code such as NL); intra-community supplies default to the buyer\'s.' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand invoice" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand invoice" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand invoice" -l enforce-credit -d 'Refuse an invoice or refund that `folio credit check` would refuse (over the limit or on hold); `[credit] enforce = true` in folio.toml does this for every such entry'
complete -c folio -n "__fish_folio_using_subcommand invoice" -l dry-run -d 'Show the entry as it would be recorded, with its would-be number (an itemised document as its text), and write nothing'
complete -c folio -n "__fish_folio_using_subcommand invoice" -l allow-backdate -d 'Record it even when its date breaks the order of its sequence\'s numbers (before a lower-numbered document): the line is marked backdated:yes'
complete -c folio -n "__fish_folio_using_subcommand invoice" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand invoice" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand invoice" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand invoice" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand payment" -l ref -d 'The document this settles: an invoice or refund for a payment, a payment or credit note for a refund, a bill for a payout (default: the oldest open items)' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l date -d 'The entry\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l memo -d 'A memo, kept after `;` on the line' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l meta -d 'Free metadata, repeatable: --meta po=4711 (or po:4711)' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l id -d 'The document id (default: the next number of the kind\'s pattern)' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l settles -d 'What the payment settles in the currency of the documents it pays, when it was paid in another (recorded as settles:AMOUNT): `--settles 3040.00` with a --ref in that currency, or `--settles 3040.00/USD` without one' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand payment" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand payment" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand payment" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand payment" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand payment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand payment" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l ref -d 'The invoice or refund a credit note applies to' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l due -d 'Due date (default: date + the contact\'s terms, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l terms -d 'Payment terms in days: due = date + DAYS' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l override-credit -d 'Record an invoice or refund the credit check refuses all the same, with this reason (kept on the line as override-credit:REASON)' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l date -d 'The entry\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l memo -d 'A memo, kept after `;` on the line' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l meta -d 'Free metadata, repeatable: --meta po=4711 (or po:4711)' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l id -d 'The document id (default: the next number of the kind\'s pattern)' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l item -d 'A line item; repeat for more. Its --qty, --unit, --price, --vat, --discount, --exempt follow it.' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l qty -d 'Quantity of the --item before it (default 1).' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l unit -d 'Unit of the --item before it: h, day, pcs, kg, month... (UBL: HUR, DAY, H87...).' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l price -d 'Unit price before VAT of the --item before it: 120 or 99.50.' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l vat -d 'VAT rate in percent of the --item before it: 21, 6, 0. Without any item: the VAT the AMOUNT includes, recorded as vat:RATE on the line (21, or 0/AE with a category).' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l discount -d 'Discount in percent of the --item before it.' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l exempt -d 'No VAT on the --item before it, and why: a VATEX code (VATEX-EU-AE reverse charge, VATEX-EU-IC intra-community, VATEX-EU-G export), small-business (the franchise scheme) or text.' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l items -d 'Read the items from a TOML file ([[items]] tables) or a CSV file (columns description, quantity, unit, price, discount, vat, exemption, product); a row naming a product takes what it leaves out from the catalogue.' -r -F
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l note -d 'A note printed on the document; repeatable (in UBL, the notes are joined into the one note Peppol allows).' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l document-discount -d 'A discount in percent of the whole document, taken from each VAT rate (UBL: a document-level allowance).' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l buyer-ref -d 'The buyer\'s reference (BT-10), shown on the document and in UBL; default the contact\'s buyer_reference. Peppol needs it or --order-ref.' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l order-ref -d 'The buyer\'s purchase order number (BT-13, UBL OrderReference).' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l delivery-date -d 'The day of delivery (BT-72); intra-community supplies default to the document\'s date.' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l deliver-to -d 'The country delivered to (BT-80, ISO code such as NL); intra-community supplies default to the buyer\'s.' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l enforce-credit -d 'Refuse an invoice or refund that `folio credit check` would refuse (over the limit or on hold); `[credit] enforce = true` in folio.toml does this for every such entry'
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l dry-run -d 'Show the entry as it would be recorded, with its would-be number (an itemised document as its text), and write nothing'
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l allow-backdate -d 'Record it even when its date breaks the order of its sequence\'s numbers (before a lower-numbered document): the line is marked backdated:yes'
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand credit-note" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand credit-note" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand credit-note" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand refund" -l ref -d 'The document this settles: an invoice or refund for a payment, a payment or credit note for a refund, a bill for a payout (default: the oldest open items)' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l date -d 'The entry\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l memo -d 'A memo, kept after `;` on the line' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l meta -d 'Free metadata, repeatable: --meta po=4711 (or po:4711)' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l id -d 'The document id (default: the next number of the kind\'s pattern)' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l override-credit -d 'Record an invoice or refund the credit check refuses all the same, with this reason (kept on the line as override-credit:REASON)' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand refund" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand refund" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand refund" -l enforce-credit -d 'Refuse an invoice or refund that `folio credit check` would refuse (over the limit or on hold); `[credit] enforce = true` in folio.toml does this for every such entry'
complete -c folio -n "__fish_folio_using_subcommand refund" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand refund" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand refund" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand refund" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand bill" -l due -d 'Due date (default: date + the contact\'s terms, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l terms -d 'Payment terms in days: due = date + DAYS' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l vat -d 'The VAT the AMOUNT includes, recorded as vat:RATE on the line: 21, 6, 0, or 0/AE with a category' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l date -d 'The entry\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l memo -d 'A memo, kept after `;` on the line' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l meta -d 'Free metadata, repeatable: --meta po=4711 (or po:4711)' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l id -d 'The document id (default: the next number of the kind\'s pattern)' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand bill" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand bill" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand bill" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand bill" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand bill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand bill" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand payout" -l ref -d 'The document this settles: an invoice or refund for a payment, a payment or credit note for a refund, a bill for a payout (default: the oldest open items)' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l date -d 'The entry\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l memo -d 'A memo, kept after `;` on the line' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l meta -d 'Free metadata, repeatable: --meta po=4711 (or po:4711)' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l id -d 'The document id (default: the next number of the kind\'s pattern)' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l settles -d 'What the payment settles in the currency of the documents it pays, when it was paid in another (recorded as settles:AMOUNT): `--settles 3040.00` with a --ref in that currency, or `--settles 3040.00/USD` without one' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand payout" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand payout" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand payout" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand payout" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand payout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand payout" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l ref -d 'The bill it applies to (default: the oldest open bills)' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l vat -d 'The VAT the AMOUNT includes, recorded as vat:RATE on the line: 21, 6, 0, or 0/AE with a category' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l date -d 'The entry\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l memo -d 'A memo, kept after `;` on the line' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l meta -d 'Free metadata, repeatable: --meta po=4711 (or po:4711)' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l id -d 'The document id (default: the next number of the kind\'s pattern)' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand debit-note" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand debit-note" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand debit-note" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand void" -l date -d 'The date of the credit or debit note (default: today, or DOC\'s date if later)' -r
complete -c folio -n "__fish_folio_using_subcommand void" -l memo -d 'The memo (default: "void DOC")' -r
complete -c folio -n "__fish_folio_using_subcommand void" -l meta -d 'Free metadata, repeatable: --meta reason=cancelled' -r
complete -c folio -n "__fish_folio_using_subcommand void" -l id -d 'The document id of the note (default: the next number of its pattern)' -r
complete -c folio -n "__fish_folio_using_subcommand void" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand void" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand void" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand void" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand void" -l allow-backdate -d 'Record the credit note even when its date breaks the order of its sequence\'s numbers (before a lower-numbered document): the line is marked backdated:yes'
complete -c folio -n "__fish_folio_using_subcommand void" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand void" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand void" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand void" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand dispute" -l reason -d 'Why the customer disputes it' -r
complete -c folio -n "__fish_folio_using_subcommand dispute" -l date -l as-of -d 'The day of the dispute or of its resolution (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand dispute" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand dispute" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand dispute" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand dispute" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand dispute" -l resolved -d 'The dispute is over: remind of the item again'
complete -c folio -n "__fish_folio_using_subcommand dispute" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand dispute" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand dispute" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand dispute" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand promise" -l until -d 'The last day of the promise' -r
complete -c folio -n "__fish_folio_using_subcommand promise" -l amount -d 'What the customer promised to pay (default: everything open it covers)' -r
complete -c folio -n "__fish_folio_using_subcommand promise" -l note -d 'A note kept on the line (who promised, how)' -r
complete -c folio -n "__fish_folio_using_subcommand promise" -l date -l as-of -d 'The day the promise was made (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand promise" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand promise" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand promise" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand promise" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand promise" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand promise" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand promise" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand promise" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand renumber" -l format -d 'text, or json: {order, dry_run, renumbered: [{old, new, kind, contact, line, kept, refs, document}], files}' -r -f -a "text\t'For people'
json\t'For programs'"
complete -c folio -n "__fish_folio_using_subcommand renumber" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand renumber" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand renumber" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand renumber" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand renumber" -l dry-run -d 'Print the plan (old id -> new id, files touched) and change nothing'
complete -c folio -n "__fish_folio_using_subcommand renumber" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand renumber" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand renumber" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand renumber" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -l install -d 'Wire the driver for this book: .gitattributes, .git/config, the post-merge hook'
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -l post-merge -d 'Commit the documents the last merge renumbered (what the post-merge hook runs)'
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand merge-driver" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l ref -d 'The document it clears: an invoice or refund, a bill with --payables (default: the oldest open items)' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l reason -d 'Why, kept on the line as reason:...: required for one write-off; --below takes rounding unless told otherwise' -r -f -a "bank-charges\t'A bank charge withheld from a payment'
rounding\t'A rounding or small difference'
bad-debt\t'A debt that will not be paid'
other\t'Anything else'"
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l vat -d 'With --reason bad-debt: the VAT the amount includes, to recover (vat:RATE on the line; `folio vat` shows it as bad-debt relief)' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l below -d 'Clear every partly settled open item with less than this amount open' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l as-of -d 'With --below: the date of the open items and of the write-offs (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l format -d 'With --below: the output format of what was written' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l date -d 'The write-off\'s date (default: today; not with --below, which uses --as-of)' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l memo -d 'A memo, kept after `;` on the line' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l meta -d 'Free metadata, repeatable: --meta case=42 (or case:42)' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l id -d 'The document id (default: the next number of `[numbering] writeoff` or `payable_writeoff`)' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l payables -d 'Write off what we owe a supplier (a payable-writeoff) instead of what a customer owes'
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l dry-run -d 'Show what would be written, with the numbers it would get, and write nothing'
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand writeoff" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand writeoff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand writeoff" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l date -d 'The quote\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l valid-until -d 'The last day it can be accepted (default: date + 30 days)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l currency -d 'The currency (default: the contact\'s, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l id -d 'The quote\'s id (default: the next Q-{year}-{seq:04})' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l item -d 'A line item; repeat for more. Its --qty, --unit, --price, --vat, --discount, --exempt follow it.' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l qty -d 'Quantity of the --item before it (default 1).' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l unit -d 'Unit of the --item before it: h, day, pcs, kg, month... (UBL: HUR, DAY, H87...).' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l price -d 'Unit price before VAT of the --item before it: 120 or 99.50.' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l vat -d 'VAT rate in percent of the --item before it: 21, 6, 0. Without any item: the VAT the AMOUNT includes, recorded as vat:RATE on the line (21, or 0/AE with a category).' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l discount -d 'Discount in percent of the --item before it.' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l exempt -d 'No VAT on the --item before it, and why: a VATEX code (VATEX-EU-AE reverse charge, VATEX-EU-IC intra-community, VATEX-EU-G export), small-business (the franchise scheme) or text.' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l items -d 'Read the items from a TOML file ([[items]] tables) or a CSV file (columns description, quantity, unit, price, discount, vat, exemption, product); a row naming a product takes what it leaves out from the catalogue.' -r -F
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l note -d 'A note printed on the document; repeatable (in UBL, the notes are joined into the one note Peppol allows).' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l document-discount -d 'A discount in percent of the whole document, taken from each VAT rate (UBL: a document-level allowance).' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l buyer-ref -d 'The buyer\'s reference (BT-10), shown on the document and in UBL; default the contact\'s buyer_reference. Peppol needs it or --order-ref.' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l order-ref -d 'The buyer\'s purchase order number (BT-13, UBL OrderReference).' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l delivery-date -d 'The day of delivery (BT-72); intra-community supplies default to the document\'s date.' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l deliver-to -d 'The country delivered to (BT-80, ISO code such as NL); intra-community supplies default to the buyer\'s.' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l dry-run -d 'Show the quote as it would be written, with its would-be number, and write nothing'
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -a "accept" -d 'Turn a quote into an invoice: the invoice (document and journal line) is recorded and the quote marked accepted with its id. Prints the invoice\'s id'
complete -c folio -n "__fish_folio_using_subcommand quote; and not __fish_seen_subcommand_from accept list" -a "list" -d 'The quotes, by date: id, date, valid_until, contact, currency, amount, status (open, accepted, expired) and the invoice an accepted one became'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l date -d 'The invoice\'s date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l due -d 'The invoice\'s due date (default: date + the contact\'s terms, else the book\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l terms -d 'Payment terms in days: due = date + DAYS' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l id -d 'The invoice\'s id (default: the next invoice number)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l buyer-ref -d 'The buyer\'s reference (BT-10), when the acceptance brought one (default: the quote\'s, else the contact\'s buyer_reference)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l order-ref -d 'The buyer\'s purchase order number (BT-13), when the acceptance brought one' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l override-credit -d 'Accept it all the same when the credit check refuses, with this reason (kept on the invoice\'s line as override-credit:REASON)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l enforce-credit -d 'Refuse the invoice when `folio credit check` would (over the limit or on hold); `[credit] enforce = true` in folio.toml always does'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l allow-backdate -d 'Record the invoice even when its date breaks the order of its sequence\'s numbers (before a lower-numbered document): the line is marked backdated:yes'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from accept" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l status -d 'Only quotes with this status; repeat for several' -r -f -a "open\t'Can still be accepted'
accepted\t'Became an invoice'
expired\t'Past its last day, never accepted'"
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l contact -d 'Only this contact\'s quotes' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand recur" -l override-credit -d 'Issue invoices the credit check refuses all the same, with this reason (kept on each line as override-credit:REASON)' -r
complete -c folio -n "__fish_folio_using_subcommand recur" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand recur" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand recur" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand recur" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand recur" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand recur" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand recur" -l list -d 'Show each schedule with its next date and amount instead of issuing anything'
complete -c folio -n "__fish_folio_using_subcommand recur" -l dry-run -d 'Show what would be issued, with the numbers it would get; nothing is written'
complete -c folio -n "__fish_folio_using_subcommand recur" -l enforce-credit -d 'Refuse an invoice that `folio credit check` would refuse (also when [credit] enforce is not set)'
complete -c folio -n "__fish_folio_using_subcommand recur" -l allow-backdate -d 'Issue an invoice even when its date is before that of the latest invoice already issued (the line is marked backdated:yes); without it such an invoice is refused and stays due'
complete -c folio -n "__fish_folio_using_subcommand recur" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand recur" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand recur" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand recur" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand recur" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand render" -l format -d 'Output format' -r -f -a "txt\t'Plain text'
html\t'A standalone HTML page'
pdf\t'A PDF (A4), fonts embedded'
ubl\t'UBL 2.1 XML, Peppol BIS Billing 3.0 (invoices and credit notes)'"
complete -c folio -n "__fish_folio_using_subcommand render" -l out -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c folio -n "__fish_folio_using_subcommand render" -l lang -d 'The language (default: the document\'s)' -r
complete -c folio -n "__fish_folio_using_subcommand render" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand render" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand render" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand render" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand render" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand render" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand diff" -l as-of -d 'Balances and overdue amounts on both sides as of this date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand diff" -l format -d 'Output format' -r -f -a "table\t'Sections of lines, for people'
json\t'One object, for programs'"
complete -c folio -n "__fish_folio_using_subcommand diff" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand diff" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand diff" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand diff" -l staged -l cached -d 'Compare with what is staged for the next commit instead of the files on disk'
complete -c folio -n "__fish_folio_using_subcommand diff" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand diff" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand diff" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand log" -l as-of -d 'Balances and overdue amounts before and after each commit as of this date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand log" -l format -d 'Output format' -r -f -a "table\t'A block per commit, for people'
json\t'One object, for programs'"
complete -c folio -n "__fish_folio_using_subcommand log" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand log" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand log" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand log" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand log" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand log" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand fmt" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand fmt" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand fmt" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand fmt" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand fmt" -l check -d 'Change nothing: list the files that would change and exit 1 if there are any'
complete -c folio -n "__fish_folio_using_subcommand fmt" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand fmt" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand fmt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand fmt" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand remind" -l contact -d 'Only this contact' -r
complete -c folio -n "__fish_folio_using_subcommand remind" -l write -d 'Write the messages into DIR (created if needed) and record them' -r -F
complete -c folio -n "__fish_folio_using_subcommand remind" -l lock-timeout -d 'Seconds to wait for the book\'s lock when recording' -r
complete -c folio -n "__fish_folio_using_subcommand remind" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand remind" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand remind" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand remind" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand remind" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand remind" -l send -d 'Pipe each e-mail to the send command and record it once the command succeeds'
complete -c folio -n "__fish_folio_using_subcommand remind" -l dry-run -d 'Show what would be written or sent; write, send and record nothing'
complete -c folio -n "__fish_folio_using_subcommand remind" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand remind" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand remind" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand remind" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand remind" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand contracts" -l expiring -d 'Only contracts that end within this many days of --as-of (and have not ended): `60d`, `8w` or `60`' -r
complete -c folio -n "__fish_folio_using_subcommand contracts" -l contact -d 'Only this contact' -r
complete -c folio -n "__fish_folio_using_subcommand contracts" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand contracts" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand contracts" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand contracts" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand contracts" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand contracts" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand contracts" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand contracts" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand contracts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand contracts" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand notes" -l kind -d 'Only notes of this kind: call, complaint, inquiry, ...' -r
complete -c folio -n "__fish_folio_using_subcommand notes" -l contact -d 'Only this contact' -r
complete -c folio -n "__fish_folio_using_subcommand notes" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand notes" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand notes" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand notes" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand notes" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand notes" -l open -d 'Only open notes (state = "open")'
complete -c folio -n "__fish_folio_using_subcommand notes" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand notes" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand notes" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand notes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand notes" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand metrics" -l window -d 'Look back over `90d`, `12m` or `all` (default: `window` of `[analytics]`, else 365d)' -r
complete -c folio -n "__fish_folio_using_subcommand metrics" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand metrics" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand metrics" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand metrics" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand metrics" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand metrics" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand metrics" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand metrics" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand metrics" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand metrics" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand metrics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand metrics" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand segments" -l window -d 'Look back over `90d`, `12m` or `all` (default: `window` of `[analytics]`, else 365d)' -r
complete -c folio -n "__fish_folio_using_subcommand segments" -l from -d 'With --changes: the first date, as of which members are compared' -r
complete -c folio -n "__fish_folio_using_subcommand segments" -l to -d 'With --changes: the second date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand segments" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand segments" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand segments" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand segments" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand segments" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand segments" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand segments" -l changes -d 'List who entered or left each segment and class between --from and --to'
complete -c folio -n "__fish_folio_using_subcommand segments" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand segments" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand segments" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand segments" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand segments" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand segments" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand segment" -l window -d 'Look back over `90d`, `12m` or `all` (default: `window` of `[analytics]`, else 365d)' -r
complete -c folio -n "__fish_folio_using_subcommand segment" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand segment" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand segment" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand segment" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand segment" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand segment" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand segment" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand segment" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand segment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand segment" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -f -a "contribution" -d 'Revenue per customer, highest first, with share, cumulative share (Pareto) and ABC class'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -f -a "clv" -d 'Customer lifetime value: historical, and predictive from the yearly retention rate'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -f -a "collection" -d 'Per period: billed, collected, collection rate, receivables, DSO, new and returning customers'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -f -a "products" -d 'Net quantity and net amount per product (or family) and currency, credit notes subtracted, with the customers buying it and its share; lines without a product code are `other`'
complete -c folio -n "__fish_folio_using_subcommand report; and not __fish_seen_subcommand_from contribution clv collection products html" -f -a "html" -d 'A self-contained HTML dashboard (inline CSS and SVG charts, no script, no network): writes DIR/index.html'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l from -d 'First day counted (default: see `folio report SUBCOMMAND --help`)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l to -d 'Last day counted (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l top -d 'Only the first N customers of each currency' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from contribution" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l from -d 'First day counted (default: see `folio report SUBCOMMAND --help`)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l to -d 'Last day counted (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l top -d 'Only the first N customers of each currency' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from clv" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l from -d 'First day counted (default: see `folio report SUBCOMMAND --help`)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l to -d 'Last day counted (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l period -d 'Length of each row\'s period' -r -f -a "month\t'Calendar months'
quarter\t'Calendar quarters'
year\t'Calendar years'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l chart -d 'Draw bar charts under the table: `--chart` (or `auto`) on a terminal only, `always` also into a pipe, `never`. Width: $COLUMNS, else the terminal\'s, else 80' -r -f -a "auto\t'Draw when stdout is a terminal (what a bare `--chart` means)'
always\t'Draw even into a pipe or a file'
never\t'Never draw (the default without `--chart`)'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from collection" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l from -d 'First day counted (default: the first entry)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l to -d 'Last day counted (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l contact -d 'Only this customer\'s sales: its mix of products' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l by -d 'Group by product code or by catalogue family' -r -f -a "product\t'One row per product code'
family\t'One row per catalogue family'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -l as-of -d 'Report as of this date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -l out -d 'The directory to write index.html into, created when missing' -r -F
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -l convert -d 'Add every amount converted to this currency at the rate of the as-of date, and the converted total (default: `[reports] convert` in folio.toml; docs/reports.md)' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -l no-convert -d 'Convert nothing, even when folio.toml sets `[reports] convert`'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from html" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l period -d 'A year (2026), a quarter (2026-Q3) or a month (2026-09)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l from -d 'The first day counted (default: the book\'s first entry)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l to -d 'The last day counted (default: the book\'s last entry)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l grid -d 'The boxes of a country\'s periodic VAT return instead of the table: `be` (Belgium)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l rate -d 'Converts CUR: 1 CUR is worth RATE of the currency reported in (the book\'s; EUR for --grid be and the listings). Repeat for several currencies. Without it, the book\'s rates/ convert (at each entry\'s date), else nothing' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand vat; and not __fish_seen_subcommand_from listing" -f -a "listing" -d 'The EC sales list (--intra) or the Belgian annual customer listing (--be)'
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l year -d 'The year of the Belgian listing' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l period -d 'A year (2026), a quarter (2026-Q3) or a month (2026-09)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l from -d 'The first day counted (default: the book\'s first entry)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l to -d 'The last day counted (default: the book\'s last entry)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l rate -d 'Converts CUR: 1 CUR is worth RATE of the currency reported in (the book\'s; EUR for --grid be and the listings). Repeat for several currencies. Without it, the book\'s rates/ convert (at each entry\'s date), else nothing' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l intra -d 'The EC sales list of the period'
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l be -d 'The Belgian annual listing of customers with a Belgian VAT number (needs --year)'
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand vat; and __fish_seen_subcommand_from listing" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand mailing" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'
vcard\t'vCard 4.0 (RFC 6350), one card per recipient'"
complete -c folio -n "__fish_folio_using_subcommand mailing" -l as-of -d 'Membership as of this date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand mailing" -l window -d 'Look back over `90d`, `12m` or `all` (default: `window` of `[analytics]`, else 365d)' -r
complete -c folio -n "__fish_folio_using_subcommand mailing" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand mailing" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand mailing" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand mailing" -l postal -d 'A postal mailing: the members without an e-mail address and with a full postal address'
complete -c folio -n "__fish_folio_using_subcommand mailing" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand mailing" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand mailing" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand mailing" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand mailing" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -f -a "contacts" -d 'Create or update contacts from a CSV file (one row per contact)'
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -f -a "entries" -d 'Add entries from a CSV file; rows whose document id is already in the book are skipped'
complete -c folio -n "__fish_folio_using_subcommand import; and not __fish_seen_subcommand_from contacts entries ubl" -f -a "ubl" -d 'Record supplier invoices and credit notes received as UBL (Peppol BIS 3.0) XML'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l sheet -d 'The sheet of a workbook to read (default: the first)' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l map -d 'Map a column to a field (or to `-` to ignore it); repeatable' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l key -d 'What identifies the contact a row updates' -r -f -a "id\t'The contact id (a row without one is matched on its name)'
vat\t'The VAT number'
email\t'The e-mail address'"
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l delimiter -d 'The delimiter (default: `,` or `;`, detected; `tab` for tabs)' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l dry-run -d 'Check and show what would change; write nothing'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l skip-invalid -d 'Import the valid rows and report the invalid ones (default: nothing is written while any row is invalid)'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from contacts" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l sheet -d 'The sheet of a workbook to read (default: the first)' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l rules -d 'How the file is written: columns, kinds, dates, numbers' -r -F
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l delimiter -d 'The delimiter (default: from the rules, else detected)' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l dry-run -d 'Check and show what would be added; write nothing'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l skip-invalid -d 'Import the valid rows and report the invalid ones'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from entries" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -l dry-run -d 'Check and show what would be recorded; write nothing'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -l create-suppliers -d 'Create a supplier contact for a seller no contact matches (default: refuse the file)'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand import; and __fish_seen_subcommand_from ubl" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l from -d 'Only quotes on or after this day (a month, quarter or year: its first day)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l to -d 'Only quotes on or before this day (a month, quarter or year: its last day)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l currency -d 'Only quotes of or in this currency' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -f -a "list" -d 'List the book\'s quotes: --from, --to, --currency'
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -f -a "show" -d 'The rate of a pair on a day, and how it was found'
complete -c folio -n "__fish_folio_using_subcommand rates; and not __fish_seen_subcommand_from list show import" -f -a "import" -d 'Add quotes from the ECB\'s reference rates CSV, or another CSV with --pair'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l from -d 'Only quotes on or after this day (a month, quarter or year: its first day)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l to -d 'Only quotes on or before this day (a month, quarter or year: its last day)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l currency -d 'Only quotes of or in this currency' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -l date -l as-of -d 'The day (default: today; a month, quarter or year: its last day)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l currencies -d 'Only these currencies of the ECB\'s file (comma-separated): --currencies USD,CNY' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l base -d 'The currency every rate of a per-currency file is of (the ECB\'s: EUR)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l pair -d 'A CSV of one pair: each row\'s rate is what one FROM is worth in TO (--pair USD/EUR)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l date-column -d 'The header of the date column' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l rate-column -d 'The header of the rate column (with --pair)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l date-format -d 'How the dates are written, in chrono\'s syntax (default: detected; %d/%m/%Y, ...)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l decimal -d 'The decimal separator of the rates' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l delimiter -d 'The delimiter (default: detected; `tab` for tabs)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l from -d 'Only days on or after this one' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l to -d 'Only days on or before this one' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l format -d 'The summary\'s format' -r -f -a "table\t'Lines for people'
json\t'One JSON object for programs'"
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l all -d 'Every currency of the ECB\'s file (the default)'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l used -d 'Only the currencies the book uses (folio.toml, `[reports] convert`, contacts, entries)'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l keep-book -d 'Where the file\'s rate differs from the book\'s for the same pair and day, keep the book\'s'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l dry-run -d 'Show what would be added; write nothing'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand rates; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -f -a "contacts" -d 'Every contact, archived ones too'
complete -c folio -n "__fish_folio_using_subcommand export; and not __fish_seen_subcommand_from contacts entries" -f -a "entries" -d 'Every entry dated on or before --as-of, in journal order; --from, --to, --contact, --kind, --currency and --ref filter them as in `folio entries`'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -l format -d 'Output format' -r -f -a "csv\t'CSV with the columns `folio import contacts` reads'
json\t'A JSON array of objects shaped like the contact files'
vcard\t'vCard 4.0, one card per contact'"
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from contacts" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l format -d 'Output format' -r -f -a "csv\t'CSV with the columns `folio import entries` reads'
json\t'A JSON array of objects'
ledger\t'A ledger-cli / hledger journal'
hledger\t'The same journal, by the name hledger users look for: ledger and hledger read one text'
beancount\t'A beancount file'"
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l as-of -d 'Only entries dated on or before this date (default: --to, else today)' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l from -d 'Only entries dated on or after this date' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l to -d 'Only entries dated on or before this date' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l contact -d 'Only this contact\'s entries' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l kind -d 'Only this kind: invoice, payment, credit, refund, bill, payout, debit; repeat for several' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l currency -d 'Only this currency' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l ref -d 'Only the entries applied to this document (their `ref:` names it): its payments, credit notes, refunds...' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l input-format -d 'Read the statement as this format instead of detecting it: csv, camt.052, camt.053, camt.054, coda, mt940, ofx, spreadsheet' -r
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l rules -d 'How the bank writes its CSV: columns, date format, decimal comma, sign, encoding' -r -F
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l as-of -d 'Open items as of this date (default: today)' -r
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l min-confidence -d 'Apply only matches at least this sure (0 to 1)' -r
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l lock-timeout -d 'How long to wait for another folio process writing to the book (exit 75 after that)' -r
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l show-parsed -d 'Show what was read from each transaction (date, amount, currency, counterparty, account, communication, bank id), without matching; no book is needed'
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l apply -d 'Record the matches (payments, payouts, refunds) in the journal'
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand reconcile" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand reconcile" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand reconcile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand reconcile" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand alerts" -l since -d 'Alerts about what happened after this date are new (default: the last recorded run, else 7 days back)' -r
complete -c folio -n "__fish_folio_using_subcommand alerts" -l min-severity -d 'Show only alerts at or above this severity' -r -f -a "info\t'Worth knowing'
warn\t'Needs someone to act'
critical\t'Money at risk now'"
complete -c folio -n "__fish_folio_using_subcommand alerts" -l fail-on -d 'Exit 1 when any alert reaches this severity (shown or not)' -r -f -a "info\t'Worth knowing'
warn\t'Needs someone to act'
critical\t'Money at risk now'"
complete -c folio -n "__fish_folio_using_subcommand alerts" -l explain -d 'Print the rule of a kind (or of a category, or `all`) with the thresholds in force' -r
complete -c folio -n "__fish_folio_using_subcommand alerts" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
csv\t'CSV with a header row'
json\t'A JSON array of objects'"
complete -c folio -n "__fish_folio_using_subcommand alerts" -l as-of -d 'Count only entries dated on or before this date (default: today): 2026-11-25, a month, quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d (`folio help dates`)' -r
complete -c folio -n "__fish_folio_using_subcommand alerts" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand alerts" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand alerts" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand alerts" -l dry-run -d 'Do not record this run in alerts.state'
complete -c folio -n "__fish_folio_using_subcommand alerts" -l raw -d 'Write CSV cells exactly as they are, without neutralising formula-like text'
complete -c folio -n "__fish_folio_using_subcommand alerts" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand alerts" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand alerts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand alerts" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand help" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand help" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand help" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand help" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand help" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand help" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand completions" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand completions" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand completions" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand completions" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand completions" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand completions" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand man" -l out-dir -d 'Write every page, folio.1 and one per command, into this directory instead' -r -F
complete -c folio -n "__fish_folio_using_subcommand man" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand man" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand man" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand man" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand man" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand man" -s V -l version -d 'Print version'
complete -c folio -n "__fish_folio_using_subcommand __complete" -l book -d 'The book\'s directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml, else `book` in the user config)' -r -F
complete -c folio -n "__fish_folio_using_subcommand __complete" -l color -d 'Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c folio -n "__fish_folio_using_subcommand __complete" -l columns -d 'Only these columns of a report (table, CSV or JSON), in this order: `--columns contact,document,open`. A table then never leaves one of them out' -r
complete -c folio -n "__fish_folio_using_subcommand __complete" -l pager -d 'Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal'
complete -c folio -n "__fish_folio_using_subcommand __complete" -s q -l quiet -d 'No progress bars on stderr'
complete -c folio -n "__fish_folio_using_subcommand __complete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c folio -n "__fish_folio_using_subcommand __complete" -s V -l version -d 'Print version'

# Contact and document ids, from the book named on the command line, else $FOLIO_BOOK, else
# the current directory's.
function __fish_folio_ids
    set -l book (commandline -opc | string match -r -- '^--book=.*' | string replace -- '--book=' '')
    set -l words (commandline -opc)
    if set -l i (contains -i -- --book $words)
        set book $words[(math $i + 1)]
    end
    if test -n "$book"
        folio --book $book __complete $argv[1] 2>/dev/null
    else
        folio __complete $argv[1] 2>/dev/null
    end
end
complete -c folio -n "__fish_folio_using_subcommand balance" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand aging" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand statement" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand explain" -f -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand forecast" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand interest" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand overdue" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand entries" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand entries" -l ref -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand documents" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from check" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand credit; and __fish_seen_subcommand_from score" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from set" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from edit" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from show" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -l document -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from note" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from person; and __fish_seen_subcommand_from add" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from archive" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand contact; and __fish_seen_subcommand_from delete" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand invoice" -l ref -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand invoice" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand payment" -l ref -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand payment" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand credit-note" -l ref -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand credit-note" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand refund" -l ref -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand refund" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand bill" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand payout" -l ref -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand payout" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand debit-note" -l ref -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand debit-note" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand void" -f -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand dispute" -f -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand writeoff" -l ref -x -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand writeoff" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand quote; and __fish_seen_subcommand_from list" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand render" -f -a "(__fish_folio_ids documents)"
complete -c folio -n "__fish_folio_using_subcommand remind" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand contracts" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand notes" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand metrics" -f -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand report; and __fish_seen_subcommand_from products" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l contact -x -a "(__fish_folio_ids contacts)"
complete -c folio -n "__fish_folio_using_subcommand export; and __fish_seen_subcommand_from entries" -l ref -x -a "(__fish_folio_ids documents)"
