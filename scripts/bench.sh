#!/usr/bin/env bash
# Benchmarks, with the peer measured in the same run. Figures go to docs/benchmarks.md.
#   scripts/bench.sh            # plinth pipeline (1,000 entities) + @dbml/core on the same schema
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
