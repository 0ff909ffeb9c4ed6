#!/usr/bin/env bash
# Writes a book whose journal is one customer's unpaid invoices, one short line each
# (`2025-03-14 invoice I0001234 c 1`, 32 bytes): the shape on which a statement has a line per
# journal line and `overdue` an item per line, the worst case for the memory a report keeps per
# line. bench/memory.sh measures it like any other book.
#
#   bench/one-customer.sh 10000000 /tmp/one-customer-10m    # 10M lines, 320 MB of journal
set -euo pipefail

lines=${1:?usage: bench/one-customer.sh LINES DIR}
dir=${2:?usage: bench/one-customer.sh LINES DIR}
[[ -e $dir/folio.toml ]] && { echo "$dir already holds a book" >&2; exit 1; }
mkdir -p "$dir/contacts" "$dir/journal"
printf 'name = "One Customer Benchmark"\ncurrency = "EUR"\nterms = 30\n\n[company]\nemail = "billing@benchmark.example"\n' > "$dir/folio.toml"
printf 'name = "The Customer"\nroles = ["customer"]\nemail = "ap@customer.example"\n' > "$dir/contacts/c.toml"
# Dated over 2024-2026 (28 days a month), ids in date order.
awk -v lines="$lines" 'BEGIN {
  for (i = 0; i < lines; i++) {
    day = int(i * 1008 / lines)
    printf "%04d-%02d-%02d invoice I%07d c 1\n", 2024 + int(day / 336), int(day % 336 / 28) + 1, day % 28 + 1, i
  }
}' > "$dir/journal/invoices.journal"
echo "$dir: 1 customer, $lines invoices, $(du -m "$dir/journal/invoices.journal" | cut -f1) MB of journal"
