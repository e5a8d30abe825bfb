#!/usr/bin/env bash
# The whole test suite on Node 22, next to the machine's Node 20. Node 22 comes from the npm
# registry's `node` package, installed into a throwaway prefix (never a project dependency: its
# bin would shadow the machine's node in every npm script). The installed node_modules are
# shared: the suite's native-free dependencies run on both. Child processes the suite spawns
# (docs blocks, examples, tsc) find Node 22 first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX="${NODE22_PREFIX:-.tmp/node22}"
SPEC="${NODE22_SPEC:-node@22}"

if [ ! -x "$PREFIX/node_modules/.bin/node" ]; then
  echo "installing $SPEC into $PREFIX"
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$SPEC"
fi
NODE_BIN="$(cd "$PREFIX/node_modules/node/bin" && pwd)"
NODE22="$NODE_BIN/node"

version="$("$NODE22" --version)"
case "$version" in
  v22.*) echo "Node $version at $NODE22" ;;
  *) echo "expected Node 22, got $version" >&2; exit 1 ;;
esac

PATH="$NODE_BIN:$PATH" "$NODE22" node_modules/vitest/vitest.mjs run "$@"
