#!/usr/bin/env bash
# Measures the peak memory (maximum resident set size, from GNU time) of every read-only command
# on one book, and writes it into bench/RESULTS.md under "Peak memory per command", with each
# command's ratio to `balance` on the same book. A second run on another book adds its own table;
# a run on the same book replaces that book's table.
#
#   bench/memory.sh BOOK_DIR                  # e.g. bench/out/book-1000000
#   AS_OF=2026-12-31 bench/memory.sh BOOK_DIR  # the date reports are run as of (default as here)
#   FOLIO=path/to/folio bench/memory.sh DIR    # another binary (default: a fresh release build)
#
# Generate a book with the project's generator, e.g.
#   cargo run --release --example gen -- --contacts 20000 --entries 1000000 --seed 42 --out DIR
# The statement, explain and contact commands are run on the customer with the most receivables
# lines (the largest statement) and on its first invoice.
set -euo pipefail
cd "$(dirname "$0")/.."

book=${1:?usage: bench/memory.sh BOOK_DIR}
[[ -f $book/folio.toml ]] || { echo "no folio.toml in $book" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
AS_OF=${AS_OF:-2026-12-31}
if [[ -z ${FOLIO:-} ]]; then
  cargo build --release --quiet
  FOLIO=target/release/folio
fi
OUT=bench/out
mkdir -p "$OUT"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The busiest customer and its first invoice, read from the journal lines
# (`DATE KIND DOC CONTACT AMOUNT ...`).
read -r contact document < <(find "$book/journal" -name '*.journal' -exec cat {} + |
  awk '/^[0-9]/ && $2 ~ /^(invoice|payment|credit|refund)$/ {
         n[$4]++; if ($2 == "invoice" && !($4 in first)) first[$4] = $3 }
       END { for (c in n) if (n[c] > best) { best = n[c]; top = c }; print top, first[top] }')
entries=$(find "$book/journal" -name '*.journal' -exec cat {} + | grep -c '^[0-9]' || true)
contacts=$(find "$book/contacts" -name '*.toml' | wc -l)
journal_mb=$(find "$book/journal" -name '*.journal' -exec cat {} + | wc -c | awk '{printf "%.0f", $1 / 1e6}')
export entries=$entries contacts=$contacts journal_mb=$journal_mb
echo "book $book: $entries entries, $contacts contacts, $journal_mb MB of journal; statement of $contact, explain $document"

printf 'date,kind,id,contact,amount\n%s,invoice,MEM-1,%s,10.00\n' "$AS_OF" "$contact" > "$scratch/import.csv"

results=$OUT/memory.tsv
: > "$results"
measure() { # "label" folio-arguments...
  local label=$1; shift
  local status=0
  /usr/bin/time -f '%M %e' -o "$scratch/time" "$FOLIO" --book "$book" --quiet "$@" \
    > /dev/null 2> "$scratch/stderr" || status=$?
  local peak seconds
  read -r peak seconds < <(tail -n 1 "$scratch/time")
  # 0 is success and 1 a condition a report may raise (a credit hold, an alert); another status
  # is shown beside the figure, which is then that of a command that stopped early.
  if (( status > 1 )); then
    echo "$label: exit $status: $(head -n 3 "$scratch/stderr")" >&2
  fi
  printf '%s\t%s\t%s\t%s\n' "$label" "$((peak / 1024))" "$seconds" "$status" >> "$results"
  printf '%-44s %7s MiB %7s s  exit %s\n' "$label" "$((peak / 1024))" "$seconds" "$status"
}

measure "balance" balance --as-of "$AS_OF"
measure "check" check
measure "fmt --check" fmt --check
measure "aging" aging --as-of "$AS_OF"
measure "aging --detail" aging --detail --as-of "$AS_OF"
measure "aging --detail --format csv" aging --detail --as-of "$AS_OF" --format csv
measure "aging --detail --format json" aging --detail --as-of "$AS_OF" --format json
measure "overdue" overdue --as-of "$AS_OF"
measure "overdue --format csv" overdue --as-of "$AS_OF" --format csv
measure "overdue --format json" overdue --as-of "$AS_OF" --format json
measure "statement CONTACT" statement "$contact" --to "$AS_OF"
measure "statement CONTACT --format csv" statement "$contact" --to "$AS_OF" --format csv
measure "statement CONTACT --format json" statement "$contact" --to "$AS_OF" --format json
measure "statement CONTACT --letter" statement "$contact" --to "$AS_OF" --letter
measure "explain DOC" explain "$document" --as-of "$AS_OF"
measure "credit --all" credit --all --as-of "$AS_OF"
measure "credit score" credit score --as-of "$AS_OF"
measure "credit check CONTACT 100" credit check "$contact" 100 --as-of "$AS_OF"
measure "contact show CONTACT" contact show "$contact" --as-of "$AS_OF"
measure "contact search" contact search "$contact"
measure "contacts" contacts
measure "contracts" contracts --as-of "$AS_OF"
measure "remind" remind --as-of "$AS_OF"
measure "remind --dry-run" remind --dry-run --as-of "$AS_OF"
measure "metrics" metrics --as-of "$AS_OF"
measure "segments" segments --as-of "$AS_OF"
measure "segment rfm:champions" segment rfm:champions --as-of "$AS_OF"
measure "mailing rfm:champions" mailing rfm:champions --as-of "$AS_OF"
measure "alerts --dry-run" alerts --dry-run --as-of "$AS_OF"
measure "report contribution" report contribution --to "$AS_OF"
measure "report clv" report clv --to "$AS_OF"
measure "report collection" report collection --to "$AS_OF"
measure "report html" report html --as-of "$AS_OF" --out "$scratch/html"
measure "export entries --format csv" export entries --as-of "$AS_OF" --format csv
measure "export entries --format json" export entries --as-of "$AS_OF" --format json
measure "export entries --format ledger" export entries --as-of "$AS_OF" --format ledger
measure "export entries --format beancount" export entries --as-of "$AS_OF" --format beancount
measure "export contacts --format csv" export contacts --format csv
measure "export contacts --format json" export contacts --format json
measure "export contacts --format vcard" export contacts --format vcard
measure "import entries --dry-run" import entries "$scratch/import.csv" --dry-run
measure "reconcile (no --apply)" reconcile examples/bank/belgian.csv --rules examples/bank/belgian.toml --as-of "$AS_OF"

python3 - "$results" <<'PY'
import datetime, os, re, sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
balance = next(int(peak) for label, peak, *_ in rows if label == "balance")
entries, contacts, journal_mb = (int(os.environ[k]) for k in ("entries", "contacts", "journal_mb"))
title = f"### {entries:,} entries, {contacts:,} contact{'s' if contacts != 1 else ''} ({journal_mb} MB of journal)"
lines = [title, "",
         f"Measured {datetime.date.today().isoformat()}; statement, explain and contact on the busiest "
         "customer (the most receivables lines) and its first invoice.", "",
         "| command | peak memory (MiB) | vs balance | seconds (one run) | exit |",
         "|---|---:|---:|---:|---:|"]
for label, peak, seconds, status in rows:
    lines.append(f"| {label} | {int(peak):,} | {int(peak) / balance:.2f}x | {float(seconds):.2f} | {status} |")
worst = max(rows, key=lambda r: int(r[1]))
lines += ["", f"Largest: {worst[0]}, {int(worst[1]) / balance:.2f}x balance's {balance:,} MiB.", ""]
table = "\n".join(lines)

path = "bench/RESULTS.md"
text = open(path).read()
heading = "## Peak memory per command"
intro = (f"{heading}\n\nProduced by `bench/memory.sh BOOK` (GNU time's maximum resident set size, "
         "one run per command, output to /dev/null) on books of `examples/gen.rs` (seed 42) and of "
         "`bench/one-customer.sh` (one customer's unpaid invoices, 32 bytes a line: a statement line "
         "and an overdue item per journal line). Every command should stay within a small multiple "
         "of `balance`'s peak on the same book. An exit other than 0 or 1 means the command stopped "
         "early and its figure is the peak until then: on the one-customer books, letters listing a "
         "million lines run out of template fuel (exit 65).\n\n")
start = text.find(heading)
if start < 0:
    text = text.rstrip("\n") + "\n\n" + intro
    start = text.find(heading)
after = text.find("\n## ", start + 1)
section, rest = (text[start:], "") if after < 0 else (text[start:after + 1], text[after + 1:])
# One table per book: a run on a book of the same size replaces its table.
tables = re.split(r"(?m)^(?=### )", section)
kept = [t for t in tables[1:] if not t.startswith(title.split(" (")[0] + " ")]
kept.append(table + "\n")
kept.sort(key=lambda t: int(re.match(r"### ([\d,]+)", t).group(1).replace(",", "")))
section = intro + "".join(t.rstrip("\n") + "\n\n" for t in kept)
open(path, "w").write(text[:start] + section.rstrip("\n") + "\n" + ("\n" + rest if rest else ""))
print(f"wrote {heading!r} for {entries:,} entries into {path}")
PY
