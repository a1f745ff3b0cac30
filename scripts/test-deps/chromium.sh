# Sourced by scripts/test.sh: headless Chromium for the report browser test
# (crates/plinth-cli/tests/report_browser.rs). Installs Debian's `chromium`
# when it is missing and exports PLINTH_CHROMIUM for the test to find it.
# shellcheck shell=bash

if [ -z "${PLINTH_CHROMIUM:-}" ] || [ ! -x "${PLINTH_CHROMIUM}" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    echo "chromium not found; installing the Debian package..." >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
  fi
  export PLINTH_CHROMIUM=/usr/bin/chromium
fi
