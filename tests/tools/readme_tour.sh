#!/usr/bin/env bash
# Runs every line of README.md that begins with `folio --book examples/demo ` (the code blocks'
# commands; prose that names the book is not a command), as written, on a copy of the demo book,
# with the folio binary given as $1 (default: target/debug/folio). A line fails when it exits
# non-zero; the README shows exit codes with `; echo "exit $?"` where they are the point.
# Called by .ci/run, so the tour cannot drift from the commands.
set -euo pipefail
cd "$(dirname "$0")/../.."
folio=$(realpath "${1:-target/debug/folio}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/examples"
ln -s "$folio" "$work/bin/folio"
cp -r examples/demo "$work/examples/demo"
cp -r examples/bank "$work/examples/bank"   # the statements the reconcile lines read
failed=0
count=0
while IFS= read -r line; do
  count=$((count + 1))
  if ! (cd "$work" && PATH="$work/bin:$PATH" bash -o pipefail -c "$line" >/dev/null 2>"$work/stderr" </dev/null); then
    echo "README line failed: $line" >&2
    sed 's/^/  /' "$work/stderr" >&2
    failed=1
  fi
done < <(grep -E '^folio --book examples/demo ' README.md | sort -u)
echo "$count README commands ran on a copy of examples/demo"
exit "$failed"
