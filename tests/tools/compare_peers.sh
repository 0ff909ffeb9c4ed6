#!/usr/bin/env bash
# Compares `folio balance` per contact with what ledger, hledger and beancount compute from
# `folio export entries --format ledger|beancount`, on the demo book at several dates.
# Each tool that is not installed is skipped with a note (a failure under FOLIO_REQUIRE_TOOLS=1);
# any difference fails (exit 1).
#
#   tests/tools/compare_peers.sh [BOOK] [FOLIO]     # default: examples/demo, target/debug/folio
set -euo pipefail
cd "$(dirname "$0")/../.."
BOOK=${1:-examples/demo}
FOLIO=${2:-target/debug/folio}
[ -x "$FOLIO" ] || cargo build --quiet --locked
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
status=0

# folio balance as "contact currency amount" lines, payables negated (a liability is negative).
folio_balances() { # as_of side
  local flag=""
  [ "$2" = payables ] && flag=--payables
  "$FOLIO" --book "$BOOK" balance $flag --as-of "$1" --format json | python3 -c '
import json, sys
side = sys.argv[1]
for r in json.load(sys.stdin):
    if r["balance"] == "0.00":
        continue
    b = r["balance"]
    if side == "payables":
        b = b[1:] if b.startswith("-") else "-" + b
    print(r["contact"], r["currency"], b)' "$2" | sort
}

canonical='
import sys
from decimal import Decimal
for line in sys.stdin:
    contact, currency, amount = line.split()
    value = Decimal(amount.replace(",", ""))
    if value != 0:
        print(contact, currency, f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else str(value.normalize()))'

ledger_balances() { # file parent
  ledger -f "$1" bal --flat --no-total "$2" | python3 -c '
import sys
pending = []
for line in sys.stdin:
    t = line.split()
    if len(t) >= 2 and t[0] != "0":
        pending.append((t[0], t[1]))
    if t and ":" in t[-1]:
        contact = t[-1].rsplit(":", 1)[1]
        for amount, commodity in pending:
            print(contact, commodity, amount)
        pending = []' | python3 -c "$canonical" | sort
}

hledger_balances() { # file parent
  hledger -f "$1" bal "$2" -O csv --no-total --layout=bare | tail -n +2 | tr -d '"' |
    awk -F, '{ n = split($1, a, ":"); print a[n], $2, $3 }' | python3 -c "$canonical" | sort
}

bean_balances() { # file parent
  bean-query -f csv "$1" "SELECT account, currency, sum(number) AS total WHERE account ~ '^$2:' GROUP BY account, currency" |
    tail -n +2 | python3 -c '
import sys
for line in sys.stdin:
    account, currency, total = [c.strip() for c in line.split(",")]
    component = account.rsplit(":", 1)[1]
    contact = "".join(("." if c == "D" else "_" if c == "U" else c.lower()) if i else c.lower() for i, c in enumerate(component))
    print(contact, currency, total)' | python3 -c "$canonical" | sort
}

compare() { # what expected actual
  if diff -u "$2" "$3" >"$WORK/diff"; then
    echo "ok: $1"
  else
    echo "DIFFERENT: $1"; cat "$WORK/diff"; status=1
  fi
}

# A missing tool is skipped with a note, or fails under FOLIO_REQUIRE_TOOLS=1 (set by .ci/run).
have() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "${FOLIO_REQUIRE_TOOLS:-0}" = 1 ]; then
    echo "$1 is not installed, and FOLIO_REQUIRE_TOOLS=1 says every tool must be there" >&2
    exit 1
  fi
  echo "note: $1 is not installed; skipped"
  return 1
}

for as_of in 2026-03-31 2026-11-25 2027-12-31; do
  "$FOLIO" --book "$BOOK" export entries --format ledger --as-of "$as_of" >"$WORK/book.ledger"
  "$FOLIO" --book "$BOOK" export entries --format beancount --as-of "$as_of" >"$WORK/book.beancount"
  folio_balances "$as_of" receivables | python3 -c "$canonical" | sort >"$WORK/folio-r"
  folio_balances "$as_of" payables | python3 -c "$canonical" | sort >"$WORK/folio-p"
  if [ ! -s "$WORK/folio-r" ] || [ ! -s "$WORK/folio-p" ]; then
    echo "no balances from folio for $as_of: nothing to compare"; status=1
  fi
  if have ledger; then
    ledger_balances "$WORK/book.ledger" Receivables >"$WORK/ledger-r"
    ledger_balances "$WORK/book.ledger" Payables >"$WORK/ledger-p"
    compare "ledger receivables $as_of" "$WORK/folio-r" "$WORK/ledger-r"
    compare "ledger payables $as_of" "$WORK/folio-p" "$WORK/ledger-p"
  fi
  if have hledger; then
    hledger_balances "$WORK/book.ledger" Receivables >"$WORK/hledger-r"
    hledger_balances "$WORK/book.ledger" Payables >"$WORK/hledger-p"
    compare "hledger receivables $as_of" "$WORK/folio-r" "$WORK/hledger-r"
    compare "hledger payables $as_of" "$WORK/folio-p" "$WORK/hledger-p"
  fi
  if have bean-check; then
    if bean-check "$WORK/book.beancount"; then echo "ok: bean-check $as_of"; else echo "bean-check failed"; status=1; fi
  fi
  if have bean-query; then
    bean_balances "$WORK/book.beancount" Assets:Receivables >"$WORK/bean-r"
    bean_balances "$WORK/book.beancount" Liabilities:Payables >"$WORK/bean-p"
    compare "beancount receivables $as_of" "$WORK/folio-r" "$WORK/bean-r"
    compare "beancount payables $as_of" "$WORK/folio-p" "$WORK/bean-p"
  fi
done
exit $status
