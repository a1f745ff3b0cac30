# shellcheck shell=bash
# Sourced by scripts/test.sh (and scripts/bench.sh): squawk-cli, the peer the
# migration linter is compared with (crates/plinth-lint/tests/migration_parity.rs)
# and benchmarked against. The PyPI package ships the squawk binary; it goes
# into target/squawk (project-local, ignored by git), never globally.
# Pinned so every run compares against the same rules.
SQUAWK_VERSION=2.70.0
SQUAWK_DIR="$PWD/target/squawk"

if [ -z "${PLINTH_SQUAWK:-}" ] || [ ! -x "${PLINTH_SQUAWK}" ]; then
  if ! "$SQUAWK_DIR/bin/squawk" --version 2>/dev/null | grep -q "$SQUAWK_VERSION"; then
    if ! command -v pip3 >/dev/null 2>&1 && ! command -v pip >/dev/null 2>&1; then
      echo "pip not found; installing the Debian package..." >&2
      as_root apt-get update -qq
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pip >/dev/null
    fi
    pip=$(command -v pip3 || command -v pip)
    echo "installing squawk-cli $SQUAWK_VERSION into target/squawk..." >&2
    rm -rf "$SQUAWK_DIR"
    "$pip" install --quiet --disable-pip-version-check --no-warn-script-location \
      --target "$SQUAWK_DIR" "squawk-cli==$SQUAWK_VERSION" >&2 ||
      { echo "error: pip install squawk-cli==$SQUAWK_VERSION failed" >&2; exit 1; }
  fi
  export PLINTH_SQUAWK="$SQUAWK_DIR/bin/squawk"
fi
