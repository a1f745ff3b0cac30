# Sourced by scripts/test.sh: the tools that validate plinth's diagrams
# (crates/plinth-docs/tests/validate_with_node.rs).
# - npm packages `mermaid` and `@dbml/core`, pinned, installed into the
#   project-local target/node-tools (not committed) when missing;
#   exports PLINTH_NODE_TOOLS=<that folder>.
# - Graphviz `dot`, from Debian, when missing.
# mermaid 12 needs Node >= 22; Debian's Node is 20, so mermaid stays on 11.
# shellcheck shell=bash

PLINTH_NODE_PACKAGES=(mermaid@11.17.2 @dbml/core@10.2.0)

plinth_node_tools_ok() {
  local dir=$1 spec name version
  for spec in "${PLINTH_NODE_PACKAGES[@]}"; do
    name=${spec%@*}
    version=${spec##*@}
    [ -f "$dir/node_modules/$name/package.json" ] || return 1
    grep -q "\"version\": \"$version\"" "$dir/node_modules/$name/package.json" || return 1
  done
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node/npm not found; installing Debian's nodejs and npm..." >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
fi

PLINTH_NODE_TOOLS="$(pwd)/target/node-tools"
if ! plinth_node_tools_ok "$PLINTH_NODE_TOOLS"; then
  echo "installing ${PLINTH_NODE_PACKAGES[*]} into target/node-tools..." >&2
  mkdir -p "$PLINTH_NODE_TOOLS"
  [ -f "$PLINTH_NODE_TOOLS/package.json" ] || echo '{"private": true}' >"$PLINTH_NODE_TOOLS/package.json"
  (cd "$PLINTH_NODE_TOOLS" && npm install --no-audit --no-fund --loglevel=error "${PLINTH_NODE_PACKAGES[@]}" >&2)
  plinth_node_tools_ok "$PLINTH_NODE_TOOLS" || { echo "error: npm did not install ${PLINTH_NODE_PACKAGES[*]}" >&2; return 1; }
fi
export PLINTH_NODE_TOOLS

if ! command -v dot >/dev/null 2>&1; then
  echo "Graphviz not found; installing the Debian package..." >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq graphviz >/dev/null
fi
