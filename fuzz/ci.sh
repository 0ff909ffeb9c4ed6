#!/usr/bin/env bash
# Builds every fuzz target and replays each committed corpus once (no fuzzing): a crash that was
# fixed stays fixed. Called by .ci/run; docs/reliability.md says how to fuzz for real.
#
# cargo-fuzz needs a nightly toolchain (sanitizer flags). Without one, the targets are built on
# stable as plain binaries (libFuzzer's driver, no AddressSanitizer, no coverage feedback), which
# still replays the corpus.
set -euo pipefail
cd "$(dirname "$0")"

targets=$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' Cargo.toml | grep -v '^folio-fuzz$')
if rustup run nightly rustc --version >/dev/null 2>&1; then
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked --quiet
  fi
  echo "cargo-fuzz $(cargo fuzz --version | cut -d' ' -f2) on $(rustup run nightly rustc --version)"
  cargo +nightly fuzz build
  bin=target/x86_64-unknown-linux-gnu/release
else
  echo "no nightly toolchain: building the fuzz targets on stable, without sanitizers"
  cargo build --release --bins
  bin=target/release
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
  echo "ok"
done
