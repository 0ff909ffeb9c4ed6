#!/usr/bin/env bash
# Times folio's commands on generated books of 10k, 100k and 1M entries, beside ledger, hledger,
# a read-only floor (cat of the same files) and issue 4's floor program (examples/floor.rs: reads
# the contacts with toml+serde and sums the journal per contact), and writes bench/RESULTS.md
# with each command's ratio to balance and to the floor program, its growth from size to size,
# and the issues' targets as ratios that do not depend on the machine.
#
#   bench/compare.sh            # all sizes; peers only if installed
#   bench/compare.sh --install  # first apt-get install hyperfine ledger hledger (Debian)
#   SIZES="10000:2000" bench/compare.sh   # a subset: entries:contacts pairs
#   RUNS=5 PEER_RUNS=1 bench/compare.sh    # fewer runs (peers take tens of seconds each)
#   ROUNDS=4 bench/compare.sh              # the rounds each command's RUNS are split over
#   BENCH_NOTE="..." bench/compare.sh      # a note on the conditions, printed under the tables
#
# Times come from hyperfine (files in the page cache after a warm-up run; commands without shell
# syntax are started directly, `--shell=none`); peak memory from /usr/bin/time -v (GNU time).
# Each command's RUNS are taken in ROUNDS rounds over all the commands of a size, every other
# round in reverse order, and its median is over all of them: a machine that slows down for a
# minute then slows every command a little, rather than one command a lot and its ratios with
# it.
# Every command must succeed: a folio command that exits non-zero stops the run with its error.
# The recording command (`folio invoice`) appends to a copy of the book made once per size, one
# invoice per run, so the reports are measured on the generated book as it was generated; it is
# dated AS_OF, on or after the book's last entry, so its number keeps its sequence's date order.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--install" ]]; then
  apt-get update -qq && apt-get install -y -qq hyperfine ledger hledger time >/dev/null
fi
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine (or --install)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }

SIZES=${SIZES:-"10000:2000 100000:5000 1000000:20000"}
OUT=bench/out
RUNS=${RUNS:-10}
ROUNDS=${ROUNDS:-4}
(( ROUNDS <= RUNS )) || ROUNDS=$RUNS
AS_OF=2026-12-31
mkdir -p "$OUT"

cargo build --release --quiet
cargo build --release --quiet --example gen --example floor
FOLIO=target/release/folio

results=$OUT/results.tsv
: > "$results"

time_runs() { # "command line" runs warm-up-runs times-file: appends each run's seconds
  local command=$1 runs=$2 warmup=$3 file=$4
  local json=$OUT/hf.json
  local shell=()
  # Without a shell when the command needs none: hyperfine's correction for the shell's start-up
  # is noisy at the 10k book's few milliseconds.
  [[ $command == *[\>\|\;\&\$]* ]] || shell=(--shell=none)
  if ! hyperfine "${shell[@]}" --warmup "$warmup" --runs "$runs" --export-json "$json" \
      --style none "$command" >/dev/null; then
    echo "compare.sh: failed: $command" >&2
    exit 1
  fi
  python3 -c 'import json,sys; print(*json.load(open(sys.argv[1]))["results"][0]["times"], sep="\n")' \
    "$json" >> "$file"
}

record() { # label size "command line" times-file: the median of the times, and the peak memory
  local label=$1 size=$2 command=$3 file=$4
  local median peak
  median=$(python3 -c 'import statistics,sys; print("%.4f" % statistics.median(map(float, open(sys.argv[1]))))' "$file")
  if ! /usr/bin/time -v -o "$OUT/time.txt" sh -c "$command" >/dev/null 2>"$OUT/stderr.txt"; then
    echo "compare.sh: failed under /usr/bin/time: $command" >&2
    cat "$OUT/stderr.txt" >&2
    exit 1
  fi
  peak=$(awk '/Maximum resident/ {print $6}' "$OUT/time.txt")
  printf '%s\t%s\t%s\t%s\n' "$size" "$label" "$median" "$((peak / 1024))" >> "$results"
  printf '%-10s %-28s %8s s %6s MiB\n' "$size" "$label" "$median" "$((peak / 1024))"
}

measure() { # label size "command line": RUNS runs at once (the peers, which take long)
  local file=$OUT/times.txt
  : > "$file"
  time_runs "$3" "$RUNS" "${WARMUP:-2}" "$file"
  record "$1" "$2" "$3" "$file"
}

measure_rounds() { # size, then label and command line pairs: RUNS runs each, over ROUNDS rounds
  local size=$1
  shift
  local labels=() commands=() round i
  while (($#)); do
    labels+=("$1")
    commands+=("$2")
    shift 2
  done
  local times=$OUT/times
  rm -rf "$times"
  mkdir -p "$times"
  for ((round = 0; round < ROUNDS; round++)); do
    local runs=$(( RUNS * (round + 1) / ROUNDS - RUNS * round / ROUNDS ))
    local order=("${!commands[@]}")
    if ((round % 2)); then
      order=()
      for ((i = ${#commands[@]} - 1; i >= 0; i--)); do order+=("$i"); done
    fi
    for i in "${order[@]}"; do
      time_runs "${commands[$i]}" "$runs" "${WARMUP:-1}" "$times/$i"
    done
  done
  for i in "${!commands[@]}"; do
    record "${labels[$i]}" "$size" "${commands[$i]}" "$times/$i"
  done
}

# The customer with the most journal lines (`DATE KIND DOC CONTACT AMOUNT ...`): its statement is
# the longest.
busiest_contact() { # book
  find "$1/journal" -name '*.journal' -exec cat {} + |
    awk '/^[0-9]/ && $2 ~ /^(invoice|payment|credit|refund)$/ { n[$4]++ }
         END { for (c in n) if (n[c] > best) { best = n[c]; top = c }; print top }'
}

for pair in $SIZES; do
  entries=${pair%%:*}; contacts=${pair##*:}
  book=$OUT/book-$entries
  if [[ ! -f $book/folio.toml ]]; then
    rm -rf "$book"
    target/release/examples/gen --contacts "$contacts" --entries "$entries" --seed 42 --out "$book" --ledger "$book/ledger.journal" >/dev/null
  fi
  contact=$(busiest_contact "$book")
  recording=$OUT/book-$entries-recording
  rm -rf "$recording"
  cp -r "$book" "$recording"
  measure_rounds "$entries" \
    "cat (read-only floor)" "find $book/journal $book/contacts -type f -exec cat {} + > /dev/null" \
    "floor (toml+serde, sums only)" "target/release/examples/floor $book" \
    "folio balance" "$FOLIO --book $book balance --as-of $AS_OF" \
    "folio aging" "$FOLIO --book $book aging --as-of $AS_OF" \
    "folio credit --all" "$FOLIO --book $book credit --all --as-of $AS_OF" \
    "folio check" "$FOLIO --book $book check" \
    "folio vat" "$FOLIO --book $book vat --as-of $AS_OF" \
    "folio documents" "$FOLIO --book $book documents" \
    "folio entries" "$FOLIO --book $book entries" \
    "folio statement" "$FOLIO --book $book statement $contact --to $AS_OF" \
    "folio overdue" "$FOLIO --book $book overdue --as-of $AS_OF" \
    "folio metrics" "$FOLIO --book $book metrics --as-of $AS_OF" \
    "folio segments" "$FOLIO --book $book segments --as-of $AS_OF" \
    "folio report html" "$FOLIO --book $book report html --as-of $AS_OF --out $OUT/html" \
    "folio invoice (recording)" "$FOLIO --book $recording invoice $contact 10.00 --date $AS_OF"
  rm -rf "$recording"
  if [[ $entries -ge 1000000 ]]; then
    if command -v ledger >/dev/null; then
      RUNS_SAVED=$RUNS; RUNS=${PEER_RUNS:-3}
      WARMUP=0 measure "ledger bal --flat" "$entries" "ledger -f $book/ledger.journal bal --flat"
      RUNS=$RUNS_SAVED
    fi
    if command -v hledger >/dev/null; then
      RUNS_SAVED=$RUNS; RUNS=${PEER_RUNS:-2}
      WARMUP=0 measure "hledger bal" "$entries" "hledger -f $book/ledger.journal bal"
      RUNS=$RUNS_SAVED
    fi
  fi
done

# bench/memory.sh keeps its tables at the end of the file: they stay as they are.
memory=$(sed -n '/^## Peak memory per command/,$p' bench/RESULTS.md 2>/dev/null || true)
python3 bench/report.py "$results" > bench/RESULTS.md
if [[ -n $memory ]]; then
  printf '\n%s\n' "$memory" >> bench/RESULTS.md
fi
echo "wrote bench/RESULTS.md"
