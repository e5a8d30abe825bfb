/**
 * `npm test`: every suite at a size that fits a minute on two cores. Long suites:
 * vitest.stress.config.ts. The type tests (test/**\/*.test-d.ts) are checked by
 * test/types.typecheck.test.ts, in one tsc program with the docs blocks, not by vitest's typecheck mode
 * (a second tsc loading the same types).
 */
import { defineConfig } from "vitest/config";
import { shared } from "./vitest.shared";

/**
 * Files that change the modules they load for whoever loads them next, so they get a module graph
 * of their own (`isolate: true`) instead of sharing their worker's.
 */
const OWN_MODULES = [
  // reachableText() walks into classes (their `prototype`) and util.inspect()s with
  // `showHidden` and `getters`: that runs zod v4's lazy getters on its prototypes, after which
  // every zod schema made in the process fails ("reading 'run'"). Remove once it no longer does.
  "test/reliability-secrets.e2e.test.ts",
];

export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          // Replaces vitest's default exclude: keep node_modules out (test/support/mastra-024-memory has its own).
          exclude: ["**/node_modules/**", "test/**/*.stress.test.ts", ...OWN_MODULES],
        },
      },
      { extends: true, test: { name: "own-modules", include: OWN_MODULES, isolate: true } },
    ],
  },
});
