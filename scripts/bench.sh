#!/usr/bin/env bash
# Benchmarks, with the peer measured in the same run. Figures go to docs/benchmarks.md.
#   scripts/bench.sh            # every benchmark below, with its peer
#   pipeline: plinth parse+design+emit of 1,000 entities, and @dbml/core on the same schema
#   draft:    plinth draft of a 2,000-word description
#   import:   SQL import (MusicBrainz, 1,000-table dump) and live inspection of
#             1,000 tables, with pg_dump --schema-only on the same database
#   lint:     migration lint of the crates.io migrations and a 20,000-statement file,
#             with squawk-cli on the same files
#   locks:    lock safety under load, naive ALTER vs plinth's plan (scripts/bench-locks.sh)
#   SKIP_PEER=1 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== plinth: parse + design + emit (release) =="
cargo bench -p plinth-cli --bench pipeline 2>/dev/null | grep -v '^$'

if [ -z "${SKIP_PEER:-}" ]; then
  peer=target/bench/peer
  if [ ! -d "$peer/node_modules/@dbml/core" ]; then
    mkdir -p "$peer"
    (cd "$peer" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund @dbml/core@10 >/dev/null)
  fi
  cp scripts/bench/dbml-peer.js "$peer/"
  echo "== peer: @dbml/core $(grep -m1 '"version"' $peer/node_modules/@dbml/core/package.json | tr -dc '0-9.') exporter.export(dbml, 'postgres') on the same 1,100 tables =="
  (cd "$peer" && node dbml-peer.js ../schema-1000.dbml 7)
fi

echo "== plinth draft: 2,000-word description (release) =="
cargo bench -p plinth-prose --bench draft 2>/dev/null | grep -v '^$'

echo "== plinth import / inspect (release), pg_dump --schema-only as the peer =="
cargo bench -p plinth-postgres --features live --bench import_inspect 2>/dev/null | grep -v '^$'

echo "== plinth migration lint (release), squawk-cli as the peer, same inputs =="
# shellcheck source=/dev/null
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
source scripts/test-deps/squawk.sh
cargo bench -p plinth-lint --bench migrations 2>/dev/null | grep -v '^$'

echo "== lock safety under load: naive ALTER vs plinth's plan on 1,000,000 rows (debug build; server waits) =="
scripts/bench-locks.sh

echo "== plinth diff + plan of two 1,000-table schemas (release), migra on the same pair as two live databases =="
if [ -z "${SKIP_PEER:-}" ]; then
  if ! PYTHONPATH=target/migra target/migra/bin/migra --help >/dev/null 2>&1; then
    pip=$(command -v pip3 || command -v pip)
    "$pip" install --quiet --disable-pip-version-check --no-warn-script-location \
      --target target/migra "migra==3.0.1663481299" "psycopg2-binary>=2.9,<3" >&2
  fi
  PLINTH_MIGRA="$PWD/target/migra/bin/migra" PYTHONPATH="$PWD/target/migra" \
    cargo bench -p plinth-diff --bench diff 2>/dev/null | grep -v '^$'
else
  cargo bench -p plinth-diff --bench diff 2>/dev/null | grep -v '^$'
fi
