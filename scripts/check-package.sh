#!/usr/bin/env bash
# Package correctness, run by CI after `npm run build`:
#   1. publint --strict: package.json fields, exports and files agree with what is packed;
#   2. attw --pack: ESM, CommonJS and their types resolve for every entry (node16 from CJS and
#      ESM, bundler); node10 resolution is ignored, as it predates `exports` subpaths;
#   3. esbuild bundles of the main entry (neutral, browser) and a run inside edge-runtime's EdgeVM;
#   4. the tarball: only what users need, every entry point present, under the size limit.
set -euo pipefail
cd "$(dirname "$0")/.."

# The code and the catalog (the ESM and CJS chunks, their source maps with sources, the CLI bundle), the
# guides in docs/ and two examples the guides link. Measured: 543 kB packed (about half of it source maps).
# Raise it on purpose, with the measured size, when a feature needs it.
MAX_PACKED_KB="${MAX_PACKED_KB:-600}"

if [ ! -f dist/index.js ]; then
  echo "dist/ is missing: run npm run build first" >&2
  exit 1
fi

step() { printf '\n== %s\n' "$1"; }

step "publint --strict"
npx --no-install publint --strict

step "attw --pack (node16 CJS/ESM, bundler)"
npx --no-install attw --pack . --profile node16 --format table-flipped

step "esbuild bundles and edge-runtime"
node scripts/check-bundle-edge.mjs

step "tarball contents and size"
node --input-type=module - "$MAX_PACKED_KB" <<'EOF'
import { execFileSync } from "node:child_process";
const limitKb = Number(process.argv[2]);
const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" }));
const paths = pack.files.map((f) => f.path).sort();
// docs/*.md and the examples they link ship so that the links resolve in node_modules.
const allowed = /^(dist\/[^/]+\.(js|cjs|d\.ts|d\.cts|map)|models\.json|package\.json|README\.md|LICENSE|CHANGELOG\.md|docs\/[^/]+\.md|examples\/mastra-server\/(README\.md|package\.json|src\/mastra\/index\.js)|examples\/web-search-agent\/(README\.md|index\.ts))$/;
const unexpected = paths.filter((p) => !allowed.test(p));
const required = [
  "package.json", "README.md", "LICENSE", "CHANGELOG.md", "models.json", "docs/getting-started.md",
  "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts",
  "dist/testing.js", "dist/testing.cjs", "dist/testing.d.ts", "dist/testing.d.cts",
  ...["ai-v5", "ai-v6", "ai-v7"].flatMap((face) => ["js", "cjs", "d.ts", "d.cts"].map((ext) => `dist/${face}.${ext}`)),
  "dist/cli.js",
];
const missing = required.filter((p) => !paths.includes(p));
const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log(`${pack.filename}: ${paths.length} files, ${kb(pack.size)} kB packed, ${kb(pack.unpackedSize)} kB unpacked (limit ${limitKb} kB packed)`);
for (const f of pack.files.sort((a, b) => b.size - a.size)) console.log(`  ${kb(f.size).padStart(7)} kB  ${f.path}`);
const problems = [
  ...unexpected.map((p) => `not needed by users: ${p}`),
  ...missing.map((p) => `missing: ${p}`),
  ...(pack.size > limitKb * 1024 ? [`packed size ${kb(pack.size)} kB is over ${limitKb} kB`] : []),
];
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
EOF

echo
echo "package checks passed"
