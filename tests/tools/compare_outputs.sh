#!/usr/bin/env bash
# Records what folio prints, so that a change meant to keep every output (a refactoring) can show
# it did: the stdout, stderr and exit code of every read-only command and subcommand in every
# format it has (tables piped at full width, at COLUMNS=100 and, on the demo, with --color
# always), the files commands write outside the book (report html, render --out, letters, man
# pages), help, manual pages and completions, and a fixed sequence of writing commands.
#
#   tests/tools/compare_outputs.sh snapshot DIR [FOLIO]     # FOLIO: default target/debug/folio
#   tests/tools/compare_outputs.sh compare [--allow GLOB]... BEFORE AFTER
#   tests/tools/compare_outputs.sh run [--allow GLOB]... OLD_FOLIO NEW_FOLIO [DIR]
#
# A snapshot holds one file per command and format (DIR/demo/aging-detail.json,
# DIR/book-100k/balance.table-w100 ...): the command line, `exit N`, then stdout and stderr with
# their sizes (a missing last line break is shown). Binary stdout (PDF) is kept beside it as
# LABEL.stdout, with its text from pdftotext when that is installed; files a command wrote are in
# LABEL.files/. `compare` exits 1 when any command's output differs, is missing or is new, and
# prints the start of each difference (DIFF_LINES, default 20) and how many commands gave the
# same output. `--allow GLOB` (matched against paths like demo/contact-show-hudson-loft.json)
# lists those differences as expected instead of failing on them. `run` takes both snapshots
# into DIR/before and DIR/after (default: a new temporary directory, kept) and compares them.
#
# Sets of commands (SETS="cli demo" picks some), each on a fresh copy of its book in a scratch
# directory that is the working directory, so printed paths (`demo/journal/2026.journal:3:1`)
# are the same in every snapshot:
#   cli            help (`--help`, `-h` and `folio help` of every command, every help topic),
#                  man pages, completions; commands are read from the binary's own help.
#   demo           examples/demo as git tracks it (an untracked alerts.state is left out): every
#                  report, documents in every format, bank statements and imports without
#                  --apply, usage errors.
#   demo-warnings, demo-errors   the demo with lines that raise warnings, then errors.
#   demo-writes    the demo through a fixed sequence of writes, then a diff of what they changed.
#   book-100k      examples/gen.rs --contacts 5000 --entries 100000 --seed 42 (bench/compare.sh's
#                  100k book) with the demo's segment rules, a [company] (the sender of letters)
#                  and contracts on every 40th contact added, generated once into $FOLIO_COMPARE_CACHE (default
#                  ~/.cache/folio-compare-outputs) and reused, so both snapshots read the same
#                  book even if gen.rs changes in between: every report.
# Every date is given (--as-of, --to, --date, --since ...); `contacts --segment`, which has no
# date flag, is only run on segments whose rule reads contact fields alone. The environment is
# emptied (env -i) but for PATH, HOME (a scratch directory), TZ=UTC, LC_ALL=C.UTF-8, NO_COLOR=1
# and FOLIO_CONFIG= (no user config). books.sha256 holds the books' checksums and
# environment.txt the fonts a PDF can be set in, so snapshots of different books or fonts
# differ visibly; META (binary, version, time per set) is not compared.
#
# Nothing is normalised: the HTML report, PDFs and man pages hold no time stamp, and letters take
# their Date header from --as-of. Should folio ever print the scratch directory's absolute path,
# it is replaced by <work> so snapshots stay comparable. After each read-only command the book's
# files (names, sizes, modification times) are compared with the fresh copy's; a command that
# changed them gets a line saying so in its record, and the copy is restored for the next one.
#
#   TIMEOUT=300    seconds a command may take before it is killed (exit 124 in its record)
set -euo pipefail
SELF=$(realpath "$0")
REPO=$(cd "$(dirname "$SELF")/../.." && pwd)
CACHE=${FOLIO_COMPARE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/folio-compare-outputs}
SETS=${SETS:-"cli demo demo-warnings demo-errors demo-writes book-100k"}
TIMEOUT=${TIMEOUT:-300}
DIFF_LINES=${DIFF_LINES:-20}

die() { echo "compare_outputs: $*" >&2; exit 2; }

usage() {
  grep '^#   tests/tools/compare_outputs.sh' "$SELF" | sed 's/^# *//' >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------
# Running one command and recording what it did

# The environment of every folio run, plus what a caller puts in EXTRA_ENV (e.g. COLUMNS=100).
base_env() {
  BASE_ENV=(PATH=/usr/local/bin:/usr/bin:/bin HOME="$WORK/home" TZ=UTC LC_ALL=C.UTF-8
    LANG=C.UTF-8 NO_COLOR=1 FOLIO_CONFIG=)
}
EXTRA_ENV=()

# The book's files as "path size mtime" lines, and its directories' names: a command that writes
# changes them. (A directory's own size depends on how it was filled, not on what it holds.)
book_listing() { # book-directory
  (cd "$1" && find . \( -type f -printf '%p %s %T@\n' \) -o \( ! -type f -printf '%p %y\n' \) | LC_ALL=C sort)
}

# Runs folio in $RUN with ARGS and writes $SET_DIR/LABEL: the command line, the exit code,
# stdout and stderr (with their sizes, so a missing final line break is visible). Binary stdout
# goes to LABEL.stdout instead; files the command wrote into $RUN (--out out/...) go to
# LABEL.files/.
capture() { # LABEL ARGS...
  local label=$1
  shift
  local record=$SET_DIR/$label
  [[ ! -e $record ]] || die "two commands are both labelled $SET/$label"
  rm -rf "$RUN/out"
  mkdir -p "$RUN/out"
  local rc=0
  (cd "$RUN" && env -i "${BASE_ENV[@]}" "${EXTRA_ENV[@]}" timeout "$TIMEOUT" "$FOLIO" "$@" \
    </dev/null >"$WORK/stdout" 2>"$WORK/stderr") || rc=$?
  {
    printf '$ %sfolio' "${EXTRA_ENV[*]:+${EXTRA_ENV[*]} }"
    shown_words "$@"
    echo
    printf 'exit %s\n' "$rc"
    write_stream stdout "$record.stdout"
    write_stream stderr
  } >"$record"
  if [[ $(find "$RUN/out" -mindepth 1 -print -quit) ]]; then
    cp -r "$RUN/out" "$record.files"
  fi
  collect_strays "$record"
  if [[ -n ${BOOK:-} && -z ${WRITES_EXPECTED:-} ]] && ! book_listing "$RUN/$BOOK" | cmp -s - "$WORK/listing.$BOOK"; then
    {
      echo "!!! this command changed the book; it was restored before the next command:"
      book_listing "$RUN/$BOOK" | diff "$WORK/listing.$BOOK" - | grep '^[<>]' || true
    } >>"$record"
    restore_book
  fi
  if grep -qF "$WORK" "$record"; then
    sed -i "s|$WORK|<work>|g" "$record"
  fi
  COUNT=$((COUNT + 1))
}

# The words of a command line, an argument with spaces in single quotes.
shown_words() { # ARGS...
  local word
  for word in "$@"; do
    if [[ $word == *[[:space:]]* ]]; then printf " '%s'" "$word"; else printf ' %s' "$word"; fi
  done
}

write_stream() { # stdout|stderr [where binary stdout goes]
  local file=$WORK/$1 size
  size=$(stat -c %s "$file")
  if [[ $1 == stdout ]] && ! is_text "$file"; then
    cp "$file" "$2"
    printf -- '--- stdout: %s bytes, binary, in %s (sha256 %s)\n' \
      "$size" "${2##*/}" "$(sha256sum <"$file" | cut -d' ' -f1)"
    if [[ $(head -c5 "$file") == %PDF- ]] && command -v pdftotext >/dev/null; then
      echo "--- its text (pdftotext -layout), to read a difference by:"
      pdftotext -layout "$file" - 2>&1
    fi
    return
  fi
  printf -- '--- %s: %s bytes\n' "$1" "$size"
  cat "$file"
  if [[ $size -gt 0 && $(tail -c1 "$file" | od -An -c | tr -d ' ') != '\n' ]]; then
    printf '\n\\ no line break at the end of %s\n' "$1"
  fi
}

is_text() { # file: valid UTF-8 without NUL
  iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 && ! grep -qaP '\x00' "$1"
}

# Files a command left in its working directory (e.g. report html's default folio-report/).
collect_strays() { # record
  local stray
  for stray in "$RUN"/* "$RUN"/.[!.]*; do
    [[ -e $stray ]] || continue
    case ${stray##*/} in out | inputs | "${BOOK:-}") continue ;; esac
    mkdir -p "$1.files"
    mv "$stray" "$1.files/"
  done
}

restore_book() {
  rm -rf "${RUN:?}/$BOOK"
  cp -a "$WORK/pristine/$BOOK" "$RUN/$BOOK"
}

# `folio --book BOOK ARGS` as LABEL.
f() { # LABEL ARGS...
  local label=$1
  shift
  capture "$label" --book "$BOOK" "$@"
}

# A report in every format: LABEL.table (piped: full width), LABEL.table-w100 (COLUMNS=100),
# LABEL.table-color (--color always, on the demo books), LABEL.csv, LABEL.json, and whatever
# else FORMATS lists (vcard, ledger ...).
report() { # LABEL ARGS...
  local label=$1 format
  shift
  for format in ${FORMATS:-table csv json}; do
    if [[ $format == table ]]; then
      f "$label.table" "$@" --format table
      EXTRA_ENV=(COLUMNS=100)
      f "$label.table-w100" "$@" --format table
      EXTRA_ENV=()
      if [[ $COLOR == yes ]]; then
        f "$label.table-color" --color always "$@" --format table
      fi
    else
      f "$label.$format" "$@" --format "$format"
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# Books

# Copies BOOK's source into the scratch directory, keeps a pristine copy to restore from, and
# records its checksum.
install_book() { # name source-directory
  BOOK=$1
  mkdir -p "$WORK/pristine"
  rm -rf "${WORK:?}/pristine/$BOOK"
  if [[ $2 == "$REPO"/* ]] && git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
    local relative=${2#"$REPO"/}
    mkdir -p "$WORK/pristine/$BOOK"
    (cd "$REPO/$relative" && git ls-files -z . | xargs -0 cp --parents -t "$WORK/pristine/$BOOK")
  else
    cp -a "$2" "$WORK/pristine/$BOOK"
  fi
}

activate_book() { # name
  BOOK=$1
  book_listing "$WORK/pristine/$BOOK" >"$WORK/listing.$BOOK"
  restore_book
  (cd "$WORK/pristine/$BOOK" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum |
    sha256sum | sed "s|-\$|$BOOK|") >>"$SNAP/books.sha256"
}

# The 100k book, generated once into the cache. Its name carries the recipe's revision: change
# the recipe, change the name.
big_book() {
  local book=$CACHE/book-100k-seed42-r3
  if [[ ! -f $book/folio.toml ]]; then
    echo "generating the 100k-entry book into $book" >&2
    (cd "$REPO" && cargo build --quiet --example gen)
    rm -rf "$book.tmp"
    mkdir -p "$CACHE"
    "$REPO/target/debug/examples/gen" --contacts 5000 --entries 100000 --seed 42 --out "$book.tmp" >/dev/null
    # The generated book has no segments, no sender for letters and no contracts; the demo's
    # segment rules, a [company] and contracts make `segment`, `mailing`, letters, reminders and
    # `contracts` run at scale too.
    {
      echo
      sed -n '/^\[segments\./,/^$/p' "$REPO/examples/demo/folio.toml"
      printf '[company]\nname = "Benchmark Trading SRL"\nvat = "BE0456789133"\n'
      printf 'iban = "BE68539007547034"\nemail = "billing@benchmark-trading.example"\n'
      printf '\n[company.address]\nstreet = "Rue Haute 112"\npostcode = "1000"\ncity = "Bruxelles"\ncountry = "BE"\n'
    } >>"$book.tmp/folio.toml"
    add_contracts "$book.tmp"
    mv "$book.tmp" "$book"
  fi
  echo "$book"
}

# A contract on every 40th contact, starting from 2025-01 to 2027-06 and lasting 6 to 29 months,
# so that on the book's dates some are upcoming, active, in their notice window or ended.
add_contracts() { # book-directory
  local i=0 n file start end
  while IFS= read -r file; do
    i=$((i + 1))
    ((i % 40 == 0)) || continue
    n=$((i / 40))
    start=$(date -u -d "2025-01-01 +$((n % 30)) months" +%F)
    end=$(date -u -d "$start +$((6 + n * 7 % 24)) months -1 day" +%F)
    printf '\n[[contracts]]\nname = "Service %d"\nstart = %s\nend = %s\nnotice_days = %d\nvalue = "%d.00"\n' \
      "$n" "$start" "$end" $((30 * (1 + n % 3))) $((100 * n)) >>"$1/contacts/$file"
  done < <(cd "$1/contacts" && find . -name '*.toml' -printf '%P\n' | LC_ALL=C sort)
}

# The demo with lines that `check` warns about (a bill for a customer-only contact, a due date
# before its entry's date, a journal without its last line break).
make_warnings_book() { # directory
  cat >>"$1/journal/2026.journal" <<'EOF'

2026-11-21 bill    BR-2026-001     brasserie-du-sablon       120.00 ; a bill from a customer
2026-11-22 invoice INV-2026-0900   cafe-leopold              250.00 due:2026-11-01
EOF
  printf '2026-11-23 payment PAY-2026-0900   cafe-leopold    250.00 ref:INV-2026-0900' \
    >>"$1/journal/2026.journal"
}

# The demo with errors: unparsable lines, an unknown contact, a duplicate id, a ref to nothing,
# a broken contact file.
make_errors_book() { # directory
  cat >>"$1/journal/2026.journal" <<'EOF'

2026-11-21 invoice INV-2026-0901   cafe-leopold              12,3x
2026-11-21 invoice INV-2026-0902   nobody-at-all             100.00
2026-11-22 invoice INV-2026-0131   cafe-leopold               10.00
2026-11-23 payment PAY-2026-0901   cafe-leopold               10.00 ref:INV-2099-0001
2026-13-01 invoice INV-2026-0903   cafe-leopold               10.00
EOF
  printf 'name = "Broken\nrole = [customer\n' >"$1/contacts/broken-contact.toml"
}

# ---------------------------------------------------------------------------------------------
# What is run

# Every read-only report of a book. Uses AS_OF, MID (an earlier date), LATE (a later one),
# CUSTOMERS, SUPPLIERS, USD_CUSTOMER, DOCS, SEARCHES, SEGMENTS, FIELD_SEGMENT.
reports() {
  local c d s first=${CUSTOMERS%% *}
  report balance balance --as-of "$AS_OF"
  report balance-payables balance --payables --as-of "$AS_OF"
  report balance-mid balance --as-of "$MID"
  report balance-late balance --as-of "$LATE"
  report balance-usd balance --currency USD --as-of "$AS_OF"
  report balance-contact balance --contact "$first" --as-of "$AS_OF"
  report balance-segment balance --segment "${SEGMENTS%% *}" --as-of "$AS_OF"
  f balance-raw.csv balance --as-of "$AS_OF" --format csv --raw

  report aging aging --as-of "$AS_OF"
  report aging-payables aging --payables --as-of "$AS_OF"
  report aging-detail aging --detail --as-of "$AS_OF"
  report aging-detail-payables aging --detail --payables --as-of "$AS_OF"
  report aging-buckets aging --buckets 15,30,60 --as-of "$MID"
  report aging-contact aging --detail --contact "$first" --as-of "$AS_OF"
  FORMATS=table report aging-chart aging --chart always --as-of "$AS_OF"
  f aging-chart-csv.usage-error aging --chart always --format csv --as-of "$AS_OF"

  report overdue overdue --as-of "$AS_OF"
  report overdue-payables overdue --payables --as-of "$AS_OF"
  report overdue-30 overdue --min-days 30 --as-of "$AS_OF"
  report overdue-segment overdue --segment "${SEGMENTS%% *}" --as-of "$AS_OF"

  report credit credit --as-of "$AS_OF"
  report credit-all credit --all --as-of "$AS_OF"
  report credit-all-mid credit --all --as-of "$MID"
  f credit-fail-on-over credit --fail-on over --as-of "$AS_OF"
  f credit-fail-on-warn credit --fail-on warn --format csv --as-of "$MID"
  report credit-score credit score --as-of "$AS_OF"
  report credit-score-contact credit score "$first" --as-of "$MID"
  for c in $CUSTOMERS; do
    f "credit-check-$c-small" credit check "$c" 100.00 --as-of "$AS_OF"
    f "credit-check-$c-large" credit check "$c" 25000.00 --as-of "$AS_OF"
  done
  f credit-check-usd credit check "$USD_CUSTOMER" 800 --currency USD --as-of "$AS_OF"

  for c in $CUSTOMERS; do
    report "statement-$c" statement "$c" --as-of "$AS_OF"
    report "statement-$c-period" statement "$c" --from "$MID" --to "$AS_OF"
    f "statement-$c-letter" statement "$c" --letter --as-of "$AS_OF"
  done
  f "statement-$first-letter-write" statement "$first" --letter --write out/letters --as-of "$AS_OF"
  for c in $SUPPLIERS; do
    report "statement-$c-payables" statement "$c" --payables --as-of "$AS_OF"
  done

  for d in $DOCS; do
    report "explain-$d" explain "$d" --as-of "$LATE"
  done
  report "explain-${DOCS%% *}-mid" explain "${DOCS%% *}" --as-of "$MID"

  for c in $CUSTOMERS $SUPPLIERS; do
    report "contact-show-$c" contact show "$c" --as-of "$AS_OF"
  done
  report "contact-show-$first-mid" contact show "$first" --as-of "$MID"
  for s in "${SEARCHES[@]}"; do
    report "contact-search-${s//\//_}" contact search "$s"
  done

  report contacts contacts
  report contacts-archived contacts --archived
  report contacts-suppliers contacts --role supplier
  report contacts-customers-be contacts --role customer --country BE
  report contacts-tags contacts --tag "$TAG" --language "$LANGUAGE"
  report contacts-industry contacts --industry "$INDUSTRY" --city "$CITY"
  report contacts-segment contacts --segment "$FIELD_SEGMENT"

  report contracts contracts --as-of "$AS_OF"
  report contracts-expiring contracts --expiring 60d --as-of "$AS_OF"
  report contracts-contact contracts --contact "$first" --as-of "$AS_OF"

  report metrics metrics --as-of "$AS_OF"
  report metrics-window-all metrics --window all --as-of "$AS_OF"
  report metrics-contact metrics "$first" --window 90d --as-of "$AS_OF"
  report segments segments --as-of "$AS_OF"
  report segments-12m segments --window 12m --as-of "$MID"
  for s in $SEGMENTS; do
    report "segment-${s/:/-}" segment "$s" --as-of "$AS_OF"
  done
  FORMATS="table csv json vcard" report "mailing-${SEGMENTS%% *}" mailing "${SEGMENTS%% *}" --as-of "$AS_OF"
  FORMATS="table csv json vcard" report mailing-all mailing all --window all --as-of "$AS_OF"

  report alerts alerts --dry-run --as-of "$AS_OF"
  report alerts-since alerts --dry-run --since "$MID" --as-of "$AS_OF"
  report alerts-warn alerts --dry-run --min-severity warn --as-of "$AS_OF"
  f alerts-fail-on-warn alerts --dry-run --fail-on warn --format csv --as-of "$AS_OF"
  f alerts-explain-all alerts --explain all --as-of "$AS_OF"

  report report-contribution report contribution --to "$AS_OF"
  report report-contribution-top report contribution --top 10 --from "$MID" --to "$AS_OF"
  report report-clv report clv --to "$AS_OF"
  report report-clv-top report clv --top 5 --to "$MID"
  report report-collection report collection --to "$AS_OF"
  report report-collection-quarter report collection --period quarter --from "$MID" --to "$AS_OF"
  report report-collection-year report collection --period year --to "$AS_OF"
  FORMATS=table report report-collection-chart report collection --chart always --to "$AS_OF"
  f report-html report html --as-of "$AS_OF" --out out/html
  f report-html-mid report html --as-of "$MID" --out out/html

  report remind remind --as-of "$AS_OF"
  report remind-contact remind --contact "$first" --as-of "$AS_OF"
  f remind-write-dry-run remind --dry-run --write out/outbox --as-of "$AS_OF"

  FORMATS="csv json vcard" report export-contacts export contacts
  f export-contacts-raw.csv export contacts --format csv --raw
  FORMATS="csv json ledger beancount" report export-entries export entries --as-of "$AS_OF"
  FORMATS="csv json ledger beancount" report export-entries-mid export entries --as-of "$MID"

  f check check
  f check-strict check --strict
  f fmt-check fmt --check
  f complete-contacts __complete contacts
  f complete-documents __complete documents
}

# The demo book's dates, contacts (each with a story, README.md of examples/), documents and
# segments.
demo_values() {
  AS_OF=2026-11-25 MID=2026-06-30 LATE=2027-03-31
  CUSTOMERS="brasserie-du-sablon hotel-les-tilleuls hudson-loft creations-helene shanghai-jinghua restaurant-le-phare"
  SUPPLIERS="shenzhen-lianhua transports-peeters"
  USD_CUSTOMER=hudson-loft
  DOCS="INV-2026-0041 INV-2025-0003 PAY-2026-0059 CN-2026-0002 RF-2026-0001 LOY-2025-12 LH-DN-2026-007 PAY-2026-0127 INV-2027-0001 CN-2027-0001"
  SEARCHES=(etienne bruxelles 杭州 "+32" BE0 horeca)
  SEGMENTS="vip be-horeca dormant slow-payers rfm:at-risk rfm:champions abc:a frequency:high amount:low all"
  FIELD_SEGMENT=be-horeca
  TAG=horeca LANGUAGE=fr INDUSTRY=hospitality CITY=Bruxelles
}

# The 100k book's values, picked from its journal so that they do not depend on the binary:
# the customers with the most and the fewest invoices, the first USD customer, the busiest
# supplier, and documents of each kind.
big_values() { # book-directory
  local journal=("$1"/journal/*.journal)
  AS_OF=2026-12-31 MID=2025-06-30 LATE=2027-01-31
  local top bottom usd
  top=$(awk '$2 == "invoice" {print $4}' "${journal[@]}" | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1nr -k2 | awk 'NR <= 2 {print $2}')
  bottom=$(awk '$2 == "invoice" {print $4}' "${journal[@]}" | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1n -k2 | awk 'NR == 1 {print $2}')
  usd=$(awk '$2 == "invoice" && $6 == "USD" {print $4; exit}' "${journal[@]}")
  CUSTOMERS=$(printf '%s\n' "$top" "$bottom" "$usd" | awk 'NF' | awk '!seen[$0]++' | tr '\n' ' ')
  SUPPLIERS=$(awk '$2 == "bill" {print $4}' "${journal[@]}" | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1nr -k2 | awk 'NR == 1 {print $2}')
  USD_CUSTOMER=$usd
  DOCS=$(for kind in invoice payment credit refund bill payout debit; do
    awk -v k="$kind" '$2 == k && / ref:/ {print $3; exit}' "${journal[@]}"
  done | tr '\n' ' ')
  DOCS="$(awk '$2 == "invoice" {print $3; exit}' "${journal[@]}") $DOCS"
  SEARCHES=(maison bordeaux 科技 "+33" FR lejeune)
  SEGMENTS="vip slow-payers rfm:at-risk abc:a frequency:high amount:low"
  FIELD_SEGMENT=all
  TAG=retail LANGUAGE=fr INDUSTRY=hospitality CITY=Bordeaux
}

# Documents (invoices, credit notes, quotes) in every format and a few languages.
documents() {
  local d format
  for d in INV-2027-0001 INV-2027-0002 CN-2027-0001 Q-2027-0001; do
    for format in txt html pdf ubl; do
      f "render-$d.$format" render "$d" --format "$format"
    done
  done
  for lang in en fr zh; do
    f "render-INV-2027-0002-$lang.txt" render INV-2027-0002 --format txt --lang "$lang"
  done
  f render-INV-2027-0001-out.pdf render INV-2027-0001 --format pdf --out out/invoice.pdf
  f render-CN-2027-0001-out.ubl render CN-2027-0001 --format ubl --out out/credit-note.xml
}

# Bank statements and imports, checked without --apply.
demo_inputs() {
  local bank
  for bank in belgian iso; do
    report "reconcile-$bank" reconcile "inputs/$bank.csv" \
      --rules "inputs/$bank.toml" --as-of "$AS_OF"
  done
  report reconcile-iso-guessed reconcile "inputs/iso.csv" --as-of "$AS_OF" --min-confidence 0.5
  f import-contacts-dry-run import contacts inputs/contacts.csv --dry-run
  f import-contacts-key-vat import contacts inputs/contacts.csv --dry-run \
    --map "Account manager"=custom.account_manager --key vat
  f import-entries-dry-run import entries inputs/entries.csv --dry-run
}

# Usage errors and look-ups of what is not there.
demo_errors() {
  f error-unknown-contact statement nobody-at-all --as-of "$AS_OF"
  f error-unknown-document explain INV-2099-0001 --as-of "$AS_OF"
  f error-unknown-segment segment no-such-segment --as-of "$AS_OF"
  f error-bad-date balance --as-of 2026-13-01
  f error-bad-currency balance --currency eur --as-of "$AS_OF"
  f error-bad-window metrics --window 3x --as-of "$AS_OF"
  f error-explain-quote explain Q-2027-0001 --as-of "$LATE"
  f error-credit-check-amount credit check brasserie-du-sablon 12,50 --as-of "$AS_OF"
  f error-unknown-command no-such-command
  capture error-no-book-here --book no-such-book balance --as-of "$AS_OF"
  f statement-letter-ignores-format statement brasserie-du-sablon --letter --format csv --as-of "$AS_OF"
}

# Help, manual pages and completions: every command and subcommand that `folio --help` lists.
cli_outputs() {
  BOOK=
  local topics command
  capture root-help --help
  capture root-h -h
  capture root-version --version
  capture root-no-arguments
  EXTRA_ENV=(COLUMNS=60)
  capture root-help-w60 --help
  EXTRA_ENV=()
  capture help help
  topics=$(env -i "${BASE_ENV[@]}" "$FOLIO" --help | sed -n '/^Help topics/,/^$/p' | awk 'NR > 1 && NF {print $1}')
  for topic in $topics; do
    capture "help-topic-$topic" help "$topic"
  done
  capture help-unknown-topic help no-such-topic
  while read -r command; do
    local slug=${command// /-}
    # shellcheck disable=SC2086 # a command is its words
    {
      capture "usage-$slug.long" $command --help
      capture "usage-$slug.short" $command -h
      capture "help-command-$slug" help $command
      capture "man-$slug" man $command
    }
  done < <(subcommands "")
  capture man man
  capture man-out-dir man --out-dir out/man
  for shell in bash zsh fish powershell; do
    capture "completions-$shell" completions "$shell"
  done
}

# Every command path under PREFIX ("credit", "credit check" ...), from the help's Commands list.
subcommands() { # prefix (words)
  local name
  # shellcheck disable=SC2086
  for name in $(env -i "${BASE_ENV[@]}" "$FOLIO" $1 --help | sed -n '/^Commands:/,/^$/p' |
    awk '/^  [a-z]/ {print $1}'); do
    echo "${1:+$1 }$name"
    subcommands "${1:+$1 }$name"
  done
}

# A fixed sequence of writing commands on a copy of the demo, each recorded, then what the
# book's files became (a diff against the fresh copy). Every step names its date.
writes() {
  local steps=(
    "invoice cafe-leopold 500.00 --date 2027-03-01 --memo lamps"
    # Refused, so it records nothing. --enforce-credit judges as of the later of --date and
    # today: a date far ahead keeps its message the same whatever day the snapshot is taken.
    "invoice hotel-les-tilleuls 9000.00 --date 2030-06-30 --enforce-credit"
    "payment cafe-leopold 500.00 --date 2027-03-05 --ref INV-2027-0003"
    "credit-note brasserie-du-sablon 100.00 --date 2027-03-06 --ref INV-2026-0130"
    "refund creations-helene 50.00 --date 2027-03-07"
    "bill textiles-rousseau 1200.00 --date 2027-03-02 --id FA-27-00001"
    "payout textiles-rousseau 1200.00 --date 2027-03-09 --ref FA-27-00001"
    "debit-note transports-peeters 20.00 --date 2027-03-10"
    "invoice maison-beaumont --date 2027-03-11 --item Lamp --qty 2 --price 120 --vat 21 --item Installation --unit h --qty 3 --price 65 --vat 21 --discount 10 --note 'Delivered in March'"
    "void INV-2027-0004 --date 2027-03-12"
    "quote maison-beaumont --date 2027-03-12 --valid-until 2027-04-12 --item 'Lighting plan' --price 4800 --vat 21"
    "quote accept Q-2027-0002 --date 2027-03-15"
    "contact add --name 'Acme Trading' --role customer --vat BE0403170701 --country BE --since 2027-03-01"
    "contact set cafe-leopold address.city=Ixelles tags=horeca,vip terms=14"
    "contact note cafe-leopold --kind call --date 2027-03-16 'Promised to pay on Friday'"
    "contact archive galerie-delvaux"
    "contact delete acme-trading"
    "import contacts inputs/contacts.csv"
    "import entries inputs/entries.csv"
    "reconcile inputs/belgian.csv --rules inputs/belgian.toml --as-of 2026-11-25 --apply"
    "remind --as-of 2027-03-31 --write out/outbox"
    "remind --as-of 2027-03-31"
    "alerts --as-of 2027-03-31"
    "alerts --as-of 2027-04-02"
    "fmt"
    "fmt --check"
    "check"
    "balance --as-of 2027-12-31"
    "render INV-2027-0005 --format txt"
  )
  local step words n=0
  for step in "${steps[@]}"; do
    n=$((n + 1))
    eval "words=($step)"
    # Labelled by the command and its first argument when that is a name, not a path or flag.
    capture_write "$(printf 'step-%02d-%s' "$n" "$(awk '{l = $1; if ($2 ~ /^[A-Za-z0-9][^\/]*$/) l = l "-" $2; print l}' <<<"$step")")" \
      --book "$BOOK" "${words[@]}"
  done
  # Without the files' times in the headers.
  (cd "$WORK" && diff -ruN "pristine/$BOOK" "run/$BOOK") | sed -E 's/^((---|\+\+\+) [^\t]*)\t.*$/\1/' \
    >"$SET_DIR/book-changes.diff" || true
}

# In the write sequence the book is meant to change: what each step wrote stays for the next.
capture_write() { # LABEL ARGS...
  WRITES_EXPECTED=yes capture "$@"
  book_listing "$RUN/$BOOK" >"$WORK/listing.$BOOK"
}

# ---------------------------------------------------------------------------------------------
# snapshot, compare, run

# What outside folio shapes its output: the fonts a PDF can be set in (src/document/pdf/font.rs looks
# for them under /usr/share/fonts), and whether the PDFs' text can be shown.
environment() {
  echo "fonts:"
  find /usr/share/fonts -type f \( -name '*.ttf' -o -name '*.ttc' -o -name '*.otf' \) -print0 2>/dev/null |
    LC_ALL=C sort -z | xargs -0 -r sha256sum
  echo "pdftotext: $(command -v pdftotext >/dev/null && echo present || echo absent)"
}

snapshot() { # dir folio
  SNAP=$1
  FOLIO=$(realpath "$2")
  [[ -x $FOLIO ]] || die "$2 is not an executable"
  [[ ! -e $SNAP ]] || [[ -z $(ls -A "$SNAP") ]] || die "$SNAP is not empty"
  mkdir -p "$SNAP"
  SNAP=$(realpath "$SNAP")
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  RUN=$WORK/run
  mkdir -p "$RUN" "$WORK/home"
  base_env
  COUNT=0
  : >"$SNAP/books.sha256"
  # The files the commands read, under the same relative path in every snapshot; a few new
  # entries for `import entries`, and one of the demo's own lines (skipped as present).
  mkdir -p "$RUN/inputs"
  cp "$REPO"/examples/bank/{belgian,iso}.{csv,toml} "$REPO/examples/import/contacts.csv" "$RUN/inputs/"
  cat >"$RUN/inputs/entries.csv" <<'EOF'
date,kind,id,contact,amount,currency,ref,memo
2027-03-20,invoice,INV-2027-0100,cafe-leopold,321.00,EUR,,imported
2027-03-21,payment,PAY-2027-0100,cafe-leopold,321.00,EUR,INV-2027-0100,
2026-11-20,invoice,INV-2026-0131,cafe-leopold,441.65,EUR,,already in the book
EOF
  local started set seconds
  {
    echo "folio: $FOLIO"
    echo "version: $("$FOLIO" --version 2>&1)"
  } >"$SNAP/META"
  environment >"$SNAP/environment.txt"
  for set in $SETS; do
    started=$EPOCHREALTIME
    SET=$set
    SET_DIR=$SNAP/$set
    mkdir -p "$SET_DIR"
    COLOR=no
    case $set in
      cli) cli_outputs ;;
      demo)
        install_book demo "$REPO/examples/demo" && activate_book demo
        demo_values
        COLOR=yes
        reports
        documents
        demo_inputs
        demo_errors
        ;;
      demo-warnings | demo-errors)
        install_book "$set" "$REPO/examples/demo"
        "make_${set#demo-}_book" "$WORK/pristine/$set"
        activate_book "$set"
        demo_values
        f check check
        f check-strict check --strict
        f fmt-check fmt --check
        report balance balance --as-of "$AS_OF"
        report aging-detail aging --detail --as-of "$AS_OF"
        f statement-cafe-leopold statement cafe-leopold --as-of "$AS_OF"
        f export-entries.csv export entries --format csv --as-of "$AS_OF"
        ;;
      demo-writes)
        install_book demo-writes "$REPO/examples/demo" && activate_book demo-writes
        writes
        ;;
      book-100k)
        install_book book-100k "$(big_book)" && activate_book book-100k
        big_values "$WORK/pristine/book-100k"
        reports
        ;;
      *) die "unknown set $set (expected: cli demo demo-warnings demo-errors demo-writes book-100k)" ;;
    esac
    rm -rf "${RUN:?}/${BOOK:-none}"
    BOOK=
    seconds=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN {print b - a}')
    printf '%-14s %4d files  %6.1f s\n' "$set" "$(find "$SET_DIR" -maxdepth 1 -type f ! -name '*.stdout' | wc -l)" "$seconds" | tee -a "$SNAP/META"
  done
  echo "$COUNT commands recorded in $SNAP"
}

# The command a snapshot file belongs to: LABEL for LABEL, LABEL.stdout and LABEL.files/...
command_of() {
  sed -E 's#\.files/.*$##; s#\.stdout$##'
}

compare() { # [--allow GLOB]... before after
  local allow=()
  while [[ ${1:-} == --allow ]]; do
    allow+=("$2")
    shift 2
  done
  [[ $# -eq 2 ]] || usage
  local before=$1 after=$2
  [[ -d $before && -d $after ]] || die "both snapshots must be directories"
  local list_before list_after
  list_before=$(cd "$before" && find . -type f ! -name META | LC_ALL=C sort)
  list_after=$(cd "$after" && find . -type f ! -name META | LC_ALL=C sort)
  local file differing=() missing=() added=()
  while IFS= read -r file; do
    [[ -n $file ]] || continue
    if [[ ! -f $after/$file ]]; then
      missing+=("$file")
    elif ! cmp -s "$before/$file" "$after/$file"; then
      differing+=("$file")
    fi
  done <<<"$list_before"
  while IFS= read -r file; do
    [[ -n $file && ! -f $before/$file ]] && added+=("$file")
  done <<<"$list_after"

  declare -A changed=()
  local expected=() failing=() command pattern
  for file in "${differing[@]}" "${missing[@]}" "${added[@]}"; do
    command=$(command_of <<<"${file#./}")
    [[ -z ${changed[$command]:-} ]] || continue
    changed[$command]=1
    local allowed=no
    for pattern in "${allow[@]}"; do
      # shellcheck disable=SC2053 # a glob on purpose
      [[ $command == $pattern ]] && allowed=yes
    done
    if [[ $allowed == yes ]]; then expected+=("$command"); else failing+=("$command"); fi
  done
  local total
  total=$( (echo "$list_before"; echo "$list_after") | sed 's#^\./##' | command_of | LC_ALL=C sort -u | grep -c . || true)

  for file in "${differing[@]}"; do
    echo "=== differs: ${file#./}"
    if is_text "$before/$file" && is_text "$after/$file"; then
      diff -u --label "before/${file#./}" --label "after/${file#./}" "$before/$file" "$after/$file" |
        head -n "$DIFF_LINES" || true
    else
      cmp "$before/$file" "$after/$file" 2>&1 || true
    fi
  done
  for file in "${missing[@]}"; do echo "=== only before: ${file#./}"; done
  for file in "${added[@]}"; do echo "=== only after: ${file#./}"; done
  echo
  echo "$((total - ${#failing[@]} - ${#expected[@]})) of $total records identical (one per command and format, and the books' and fonts' checksums)"
  if [[ ${#expected[@]} -gt 0 ]]; then
    echo "${#expected[@]} differ as allowed (--allow): ${expected[*]}"
  fi
  if [[ ${#failing[@]} -gt 0 ]]; then
    echo "${#failing[@]} differ:"
    printf '  %s\n' "${failing[@]}"
    return 1
  fi
}

main() {
  local mode=${1:-}
  [[ $# -gt 0 ]] && shift
  case $mode in
    snapshot)
      [[ $# -ge 1 && $# -le 2 ]] || usage
      snapshot "$1" "${2:-$REPO/target/debug/folio}"
      ;;
    compare) compare "$@" ;;
    run)
      local allow=()
      while [[ ${1:-} == --allow ]]; do
        allow+=(--allow "$2")
        shift 2
      done
      [[ $# -ge 2 && $# -le 3 ]] || usage
      local dir=${3:-$(mktemp -d)} old new
      old=$(realpath "$1")
      new=$(realpath "$2")
      "$SELF" snapshot "$dir/before" "$old"
      "$SELF" snapshot "$dir/after" "$new"
      echo "snapshots kept in $dir"
      compare "${allow[@]}" "$dir/before" "$dir/after"
      ;;
    *) usage ;;
  esac
}

main "$@"
