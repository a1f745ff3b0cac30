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


# Further dependencies, one script per component (node packages, browsers,
# other database servers). Each installs what is missing and may export
# variables the tests read; a failed install fails the run.
for dep in scripts/test-deps/*.sh; do
  [ -e "$dep" ] || continue
  # shellcheck source=/dev/null
  source "$dep"
done

clusters_before=$(ls -d /tmp/plinth-* 2>/dev/null | sort || true)

cargo test --workspace --locked --no-fail-fast "$@"

# Every throwaway cluster must be gone: no server process, no temp dir. The
# sandbox's reaper stops a cluster within a second or two of its test process.
for _ in $(seq 1 40); do
  leftover=$(comm -13 <(echo "$clusters_before") <(ls -d /tmp/plinth-* 2>/dev/null | sort || true) | sed '/^$/d')
  [ -z "$leftover" ] && break
  sleep 0.5
done
if [ -n "$leftover" ]; then
  echo "error: throwaway database servers (PostgreSQL, MariaDB) left behind:" >&2
  echo "$leftover" >&2
  exit 1
fi
if pgrep -f -- "-D /tmp/plinth-" >/dev/null 2>&1; then
  echo "error: a throwaway PostgreSQL server is still running:" >&2
  pgrep -af -- "-D /tmp/plinth-" >&2
  exit 1
fi
if pgrep -f -- "--datadir=/tmp/plinth-mariadb-" >/dev/null 2>&1; then
  echo "error: a throwaway MariaDB server is still running:" >&2
  pgrep -af -- "--datadir=/tmp/plinth-mariadb-" >&2
  exit 1
fi
echo "cleanup check: no throwaway server or temp dir left behind"
