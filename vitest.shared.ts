/** What both vitest configs share: the version define, timeouts, and the per-file isolation setup. */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { ViteUserConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

/**
 * The longest files start first even in a fresh clone: vitest orders by the durations of earlier
 * runs, or by file size when it has none, and a one-file tsc started last would set the wall time.
 */
const FIRST = ["test/types.typecheck.test.ts", "test/docs-blocks.docs.test.ts"];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = FIRST.findIndex((path) => file.moduleId.endsWith(path));
      return at === -1 ? FIRST.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export const shared = {
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One worker more than the cores (vitest's default is one less: one on CI's two), as many
    // suites wait on sockets and timers and types.typecheck.test.ts waits on tsc (measured on two cores:
    // 3 workers 31 s, 2 workers 34 s for the slowest eight files, same CPU). Test files share their
    // worker's module cache, so Mastra, the AI SDK and src/ load once per worker instead of once per
    // file (the suite's largest cost); test/support/file-isolation.ts gives each file a clean
    // environment instead.
    pool: "forks",
    maxWorkers: availableParallelism() + 1,
    isolate: false,
    setupFiles: ["test/support/file-isolation.ts"],
    sequence: { sequencer: LongestFirst },
  },
} satisfies ViteUserConfig;
