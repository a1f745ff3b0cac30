# shellcheck shell=bash
# Sourced by scripts/test.sh: Alembic (with SQLAlchemy and psycopg2), which
# loads and runs the revisions `plinth plan --format alembic` writes
# (crates/plinth-cli/tests/plan_formats.rs). Installed into target/python-tools
# (project-local, ignored by git), never globally. Pinned.
ALEMBIC_VERSION=1.16.5
PY_TOOLS_DIR="$PWD/target/python-tools"

if [ -z "${PLINTH_ALEMBIC:-}" ] || [ ! -x "${PLINTH_ALEMBIC}" ]; then
  if ! PYTHONPATH="$PY_TOOLS_DIR" "$PY_TOOLS_DIR/bin/alembic" --version 2>/dev/null | grep -q "$ALEMBIC_VERSION"; then
    if ! command -v pip3 >/dev/null 2>&1 && ! command -v pip >/dev/null 2>&1; then
      echo "pip not found; installing the Debian package..." >&2
      as_root apt-get update -qq
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pip >/dev/null
    fi
    pip=$(command -v pip3 || command -v pip)
    echo "installing alembic $ALEMBIC_VERSION into target/python-tools..." >&2
    rm -rf "$PY_TOOLS_DIR"
    "$pip" install --quiet --disable-pip-version-check --no-warn-script-location \
      --target "$PY_TOOLS_DIR" "alembic==$ALEMBIC_VERSION" "sqlalchemy>=2,<3" "psycopg2-binary>=2.9,<3" >&2 ||
      { echo "error: pip install alembic==$ALEMBIC_VERSION failed" >&2; exit 1; }
  fi
  export PLINTH_ALEMBIC="$PY_TOOLS_DIR/bin/alembic"
  export PLINTH_PYTHONPATH="$PY_TOOLS_DIR"
fi
