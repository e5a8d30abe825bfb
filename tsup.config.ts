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
    // Entries share the core through chunks (CommonJS too, tsup's experimental CJS splitting):
    // one app importing two entries gets one catalog and one core, and the tarball one copy.
    ...shared,
    entry: library,
    format: ["esm", "cjs"],
    splitting: true,
    dts: true,
    clean: true,
    // What loads on first use (provider-utils for /models and quota reads, openai-compatible for
    // embeddings) is `require()`d in the CommonJS build, not `import()`ed: `import()` from CJS
    // loads the ESM copies beside the CJS ones (an APICallError then fails `instanceof` against
    // the CJS class) and fails under Jest without --experimental-vm-modules.
    esbuildOptions(options, { format }) {
      if (format === "cjs") options.supported = { ...options.supported, "dynamic-import": false };
    },
  },
  {
    // The `mastra-synthetic` bin: ESM only, no types; src/cli/index.ts carries the shebang.
    ...shared,
    entry: { cli: "src/cli/index.ts" },
    format: ["esm"],
    platform: "node",
    sourcemap: false,
    dts: false,
    clean: false,
  },
]);
