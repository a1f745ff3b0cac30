#!/usr/bin/env bash
# Lock safety under load (issue 7): for each scenario in crates/plinth-bench-locks/scenarios,
# a throwaway PostgreSQL cluster, a table of ROWS rows, a concurrent read/write load, then the
# naive single ALTER on one copy and plinth's plan (plinth migrate's runner) on another; prints
# the longest wait of any application statement, p99 and durations. Figures go to
# docs/benchmarks.md ("Lock safety under load").
#   scripts/bench-locks.sh                     # 1,000,000 rows, every scenario (~3 minutes)
#   ROWS=200000 scripts/bench-locks.sh --scenario int_to_bigint
# Extra arguments go to the binary (--clients N, --think-ms N, --scenario SUBSTRING, --long-tx-ms N,
# --lock-timeout-ms N, --autovacuum-naptime-s N); without any, four last runs repeat SET NOT NULL
# behind a transaction left open for 3 s and int -> bigint with autovacuum busy on the table, each
# with the plan's lock_timeout and with 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debug builds on purpose: both were already built by the test suite, and what is measured is
# the server's lock waits, not client CPU.
cargo build -q -p plinth-cli -p plinth-bench-locks
mkdir -p target/bench
bench=(target/debug/plinth-bench-locks --plinth target/debug/plinth --rows "${ROWS:-1000000}")
"${bench[@]}" --out target/bench/locks.md "$@"
if [ $# -eq 0 ]; then
  # The same plan behind a transaction that stays open 3 s: any ACCESS EXCLUSIVE step waits up
  # to the plan's lock_timeout, and the application queues behind it.
  "${bench[@]}" --out target/bench/locks-long-tx.md --scenario 02_set_not_null --long-tx-ms 3000
  # ... and with the plan's lock_timeout cut to 50 ms (the runner retries with backoff).
  "${bench[@]}" --out target/bench/locks-long-tx-50ms.md --scenario 02_set_not_null --long-tx-ms 3000 \
    --lock-timeout-ms 50
  # int -> bigint with autovacuum_naptime 1 s: autovacuum is busy on the table when the swap step
  # asks for ACCESS EXCLUSIVE; with the plan's lock_timeout and with 50 ms.
  "${bench[@]}" --out target/bench/locks-autovacuum.md --scenario 07_int_to_bigint --autovacuum-naptime-s 1
  "${bench[@]}" --out target/bench/locks-autovacuum-50ms.md --scenario 07_int_to_bigint \
    --autovacuum-naptime-s 1 --lock-timeout-ms 50
fi
