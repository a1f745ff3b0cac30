# Sourced by scripts/test.sh (which defines as_root): MariaDB server and client
# for the MySQL dialect's round trip (crates/plinth-mysql/tests/roundtrip_mariadb.rs).
# Installs Debian's mariadb-server and mariadb-client when mariadbd is missing
# (the package's own service is not needed: the sandbox starts a throwaway
# server per test, as an unprivileged user, on a socket in a temp dir) and
# exports PLINTH_MARIADB_BIN, the folder holding mariadbd, mariadb-install-db
# and mariadb.
# shellcheck shell=bash

plinth_mariadb_bin() {
  local d
  for d in "${PLINTH_MARIADB_BIN:-}" /usr/sbin /usr/bin /usr/local/mysql/bin; do
    [ -n "$d" ] && [ -x "$d/mariadbd" ] && { echo "$d"; return 0; }
  done
  return 1
}

if ! plinth_mariadb_bin >/dev/null || ! command -v mariadb >/dev/null 2>&1 ||
  ! command -v mariadb-install-db >/dev/null 2>&1; then
  echo "MariaDB not found; installing the Debian packages mariadb-server and mariadb-client..." >&2
  as_root apt-get update -qq
  # policy-rc.d 101: do not start the packaged service (the tests run their own servers).
  policy=/usr/sbin/policy-rc.d
  created_policy=
  if [ ! -e "$policy" ] && [ "$(id -u)" -eq 0 ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq mariadb-server mariadb-client >/dev/null
  if [ -n "$created_policy" ]; then rm -f "$policy"; fi
fi
if ! PLINTH_MARIADB_BIN=$(plinth_mariadb_bin); then
  echo "error: mariadbd still not found after installing mariadb-server" >&2
  exit 1
fi
export PLINTH_MARIADB_BIN
if [ "$(id -u)" -eq 0 ] && ! id mysql >/dev/null 2>&1; then
  # The throwaway server runs as this unprivileged user (mariadbd refuses root).
  useradd --system --no-create-home --shell /usr/sbin/nologin mysql
fi
