#!/usr/bin/env bash
# The test suite on another Node version, next to the machine's own:
#   scripts/test-node.sh 22                       # npm test's suite on the newest Node 22
#   scripts/test-node.sh 20.19.0                  # an exact version (the tested floor in engines)
#   scripts/test-node.sh 24 -c vitest.stress.config.ts   # any vitest arguments after the version
# Node comes from the npm registry's `node` package, installed into a throwaway prefix under .tmp/
# (never a project dependency: its bin would shadow the machine's node in every npm script). The
# installed node_modules are shared: the suite's dependencies are native-free. Child processes the
# suite spawns (the CLI, tsx, tsc) find that Node first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${1:?usage: scripts/test-node.sh <node version, e.g. 22, 24 or 20.19.0> [vitest args...]}"
shift
PREFIX=".tmp/node-$VERSION"

if [ ! -x "$PREFIX/node_modules/node/bin/node" ]; then
  echo "installing node@$VERSION into $PREFIX"
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$VERSION"
fi
NODE_BIN="$(cd "$PREFIX/node_modules/node/bin" && pwd)"

actual="$("$NODE_BIN/node" --version)"
case "$actual" in
  "v$VERSION" | "v$VERSION".*) echo "Node $actual at $NODE_BIN/node" ;;
  *) echo "expected Node $VERSION, got $actual" >&2; exit 1 ;;
esac

PATH="$NODE_BIN:$PATH" "$NODE_BIN/node" node_modules/vitest/vitest.mjs run "$@"
