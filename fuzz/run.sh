#!/usr/bin/env bash
# Fuzzes plinth_postgres::lint_ops::migration_file + every migration rule +
# the importer, seeded with the crates.io migrations. Needs a nightly
# toolchain and cargo-fuzz (installed when missing).
#   fuzz/run.sh [seconds]   (default 600)
set -euo pipefail
cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
seeds=corpus/migration_file
mkdir -p "$seeds"
corpus=$(cd .. && for d in shared/corpus ../shared/corpus; do [ -d "$d" ] && { cd "$d" && pwd; break; }; done)
if [ -n "$corpus" ]; then
  i=0
  for f in "$corpus"/migrations/crates-io/*/up.sql; do cp "$f" "$seeds/crates-io-$i.sql"; i=$((i + 1)); done
fi
cargo +nightly fuzz run --target-dir ../target/fuzz migration_file "$seeds" -- \
  -max_total_time="${1:-600}" -max_len=8192 -rss_limit_mb=2048 -dict=sql.dict
