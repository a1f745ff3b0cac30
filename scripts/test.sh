#!/usr/bin/env bash
# Runs the whole plinth test suite against real databases.
# Installs what the suite needs when it is missing (PostgreSQL server binaries).
# Usage: scripts/test.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."

have_postgres() {
  [ -n "${PG_BIN:-}" ] && [ -x "${PG_BIN}/initdb" ] && return 0
  command -v initdb >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: need root to run: $*" >&2; return 1; fi
}

if ! have_postgres; then
  echo "PostgreSQL server binaries not found; installing the Debian package..." >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  # The sandbox runs the server as this unprivileged user (initdb refuses root).
  useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi

cargo test --workspace --locked "$@"
