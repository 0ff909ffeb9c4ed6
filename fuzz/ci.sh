#!/usr/bin/env bash
# Builds every fuzz target, replays each committed corpus once (a crash that was fixed stays
# fixed), then fuzzes each target for FUZZ_SECONDS (default 60) on top of its corpus. Any crash,
# timeout or out-of-memory fails the run, with the input that did it. Called by .ci/run;
# docs/reliability.md says how to fuzz for longer.
#
# By default the targets are built on stable with libFuzzer's coverage instrumentation
# (SanitizerCoverage: edge counters, compare tracing), debug assertions and overflow checks, but
# no AddressSanitizer (folio has no unsafe code of its own; its panics and overflows are what the
# fuzzers look for). The build goes to its own target folder (the flags differ from the test
# build's) and only the target's own code is instrumented, not build scripts.
#
# FUZZ_SANITIZE=1 builds them as `cargo fuzz` does instead (nightly, AddressSanitizer).
# FUZZ_SECONDS=0 only replays the corpora.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${FUZZ_SECONDS:-60}
targets=$(sed -n 's/^name = "\([A-Za-z0-9_-]*\)"$/\1/p' Cargo.toml | grep -v '^folio-fuzz$')
# Every target file must be one of them: a name the pattern missed would go unfuzzed unnoticed.
for file in fuzz_targets/*.rs; do
  name=$(basename "$file" .rs)
  if ! grep -qx "$name" <<<"$targets"; then
    echo "fuzz/$file is not among the targets read from fuzz/Cargo.toml: $(echo $targets)" >&2
    exit 1
  fi
done
if [[ "${FUZZ_SANITIZE:-0}" == 1 ]]; then
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked --quiet
  fi
  echo "cargo-fuzz $(cargo fuzz --version | cut -d' ' -f2) on $(rustup run nightly rustc --version)"
  cargo +nightly fuzz build
  bin=target/x86_64-unknown-linux-gnu/release
else
  host=$(rustc -vV | sed -n 's/^host: //p')
  echo "building the fuzz targets on stable with coverage instrumentation (FUZZ_SANITIZE=1 for cargo fuzz)"
  export CARGO_TARGET_DIR=../target/fuzz
  RUSTFLAGS="--cfg fuzzing -Cdebug-assertions -Coverflow-checks -Cpasses=sancov-module \
-Cllvm-args=-sanitizer-coverage-level=4 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares" \
    cargo build --locked --bins --target "$host"
  bin=$CARGO_TARGET_DIR/$host/debug
fi

# Prints what a failed run left: the end of its log and the input that failed, as hex, so it
# can be rebuilt from the CI log alone.
report_failure() {
  local target=$1 log=$2 artifacts=$3 input=""
  echo "FAILED"
  tail -n 60 "$log"
  for input in "$artifacts"/*; do
    [[ -f "$input" ]] || continue
    echo "--- $input ($(wc -c <"$input") bytes), as hex:"
    od -An -tx1 -v "$input" | head -n 40
  done
  echo "reproduce: $bin/$target $input (copy it into fuzz/corpus/$target/ once fixed)"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for target in $targets; do
  count=$(find "corpus/$target" -type f | wc -l)
  printf '%-16s replaying %4d inputs... ' "$target" "$count"
  mkdir -p "$work/$target/artifacts"
  # -runs=0: run every corpus input once, mutate nothing.
  if ! "$bin/$target" -runs=0 -timeout=30 -rss_limit_mb=2048 \
      -artifact_prefix="$work/$target/artifacts/" "corpus/$target" >"$work/$target.replay" 2>&1; then
    report_failure "$target" "$work/$target.replay" "$work/$target/artifacts"
    exit 1
  fi
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/$target.replay")
  echo "ok (${runs:-?} runs)"
done

[[ "$seconds" -gt 0 ]] || exit 0

# Fuzzing: new inputs go to a scratch folder (the committed corpus is read, never written), two
# targets at a time on two cores.
fuzz_one() {
  local target=$1
  mkdir -p "$work/$target/new"
  RAYON_NUM_THREADS=1 "$bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/$target/artifacts/" \
    "$work/$target/new" "corpus/$target" >"$work/$target.fuzz" 2>&1
}
failed=0
set -- $targets
while [[ $# -gt 0 ]]; do
  pids=()
  names=()
  for _ in 1 2; do
    [[ $# -gt 0 ]] || break
    fuzz_one "$1" &
    pids+=($!)
    names+=("$1")
    shift
  done
  for i in "${!pids[@]}"; do
    target=${names[$i]}
    if wait "${pids[$i]}"; then
      runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.fuzz")
      cov=$(grep -o 'cov: [0-9]*' "$work/$target.fuzz" | tail -n 1)
      printf '%-16s fuzzed %s s: %s runs, %s, no crash\n' "$target" "$seconds" "${runs:-?}" "${cov:-cov: ?}"
    else
      printf '%-16s fuzzing ' "$target"
      report_failure "$target" "$work/$target.fuzz" "$work/$target/artifacts"
      failed=1
    fi
  done
done
exit $failed
