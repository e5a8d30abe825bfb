/** `npm test`: every suite at a size that fits a minute on two cores. Long suites: vitest.stress.config.ts. */
import { defineConfig } from "vitest/config";
import { shared } from "./vitest.shared";

export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.stress.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
