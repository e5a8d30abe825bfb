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

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
  },
  {
    // The `mastra-synthetic` bin: ESM only, no types; src/cli.ts carries the shebang.
    ...shared,
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    platform: "node",
    sourcemap: false,
    dts: false,
    clean: false,
  },
]);
