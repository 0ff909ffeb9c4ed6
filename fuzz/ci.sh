#!/usr/bin/env bash
# Builds every fuzz target and replays each committed corpus once (no fuzzing): a crash that was
# fixed stays fixed. Called by .ci/run; docs/reliability.md says how to fuzz for real.
#
# By default the targets are built on stable as plain binaries (libFuzzer's driver, no
# AddressSanitizer, no coverage feedback), in the main crate's target folder: fuzz/Cargo.lock
# pins the main crate's versions and fuzz/Cargo.toml its dev profile, so the dependencies that
# `cargo test` compiled are reused and the build takes seconds instead of the quarter of an hour
# a sanitized build of everything takes on two cores. That is enough to replay the corpus.
#
# FUZZ_SANITIZE=1 builds them as `cargo fuzz` does (nightly, AddressSanitizer) instead.
set -euo pipefail
cd "$(dirname "$0")"

targets=$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' Cargo.toml | grep -v '^folio-fuzz$')
if [[ "${FUZZ_SANITIZE:-0}" == 1 ]]; then
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked --quiet
  fi
  echo "cargo-fuzz $(cargo fuzz --version | cut -d' ' -f2) on $(rustup run nightly rustc --version)"
  cargo +nightly fuzz build
  bin=target/x86_64-unknown-linux-gnu/release
else
  echo "building the fuzz targets on stable, without sanitizers (FUZZ_SANITIZE=1 for cargo fuzz)"
  CARGO_TARGET_DIR=../target cargo build --locked --bins
  bin=../target/debug
fi
for target in $targets; do
  count=$(find "corpus/$target" -type f | wc -l)
  printf '%-16s replaying %4d inputs... ' "$target" "$count"
  # -runs=0: run every corpus input once, mutate nothing. Output only on failure.
  if ! log=$("$bin/$target" -runs=0 -timeout=30 "corpus/$target" 2>&1); then
    echo "FAILED"
    printf '%s\n' "$log" | tail -n 60
    exit 1
  fi
  runs=$(printf '%s\n' "$log" | sed -n 's/^Done \([0-9]*\) runs.*/\1/p')
  echo "ok (${runs:-?} runs)"
done
