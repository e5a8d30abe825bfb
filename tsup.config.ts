import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const shared = {
  sourcemap: true,
  // Edge runtimes and bundlers run the library too; the CLI is the only Node-only entry.
  target: "es2022",
  splitting: false,
  treeshake: true,
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
} as const;

// The library entries. `ai-v5`/`ai-v6`/`ai-v7` are the per-AI-SDK-major faces: importing one
// must not load another's code, which esbuild's splitting guarantees (a chunk holds code shared
// by exactly the entries that reach it; the core is shared, a face's own code never is).
const library = {
  index: "src/index.ts",
  testing: "src/testing/index.ts",
  "ai-v5": "src/ai-v5.ts",
  "ai-v6": "src/ai-v6.ts",
  "ai-v7": "src/ai-v7.ts",
};

export default defineConfig([
  {
    // ESM shares the core between entries in chunks, so one app importing two entries has one
    // catalog and one core, not a copy per entry.
    ...shared,
    entry: library,
    format: ["esm"],
    splitting: true,
    dts: true,
    clean: true,
  },
  {
    // CommonJS: one self-contained file per entry (esbuild splits ESM only).
    ...shared,
    entry: library,
    format: ["cjs"],
    dts: true,
    clean: false,
  },
  {
    // The `mastra-synthetic` bin: ESM only, no types; src/cli.ts carries the shebang.
    ...shared,
    entry: { cli: "src/cli/index.ts" },
    format: ["esm"],
    platform: "node",
    sourcemap: false,
    dts: false,
    clean: false,
  },
]);
