/** scripts/check-outside-reads.mjs: what it flags, what it lets through, and the repository passing it. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findOutsideReads as check } from "../scripts/check-outside-reads.mjs";
import { ROOT } from "./support/run-tsx";

const repo = mkdtempSync(join(tmpdir(), "outside-reads-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function write(files: Record<string, string>): string[] {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, name)), { recursive: true });
    writeFileSync(join(repo, name), text);
  }
  return Object.keys(files);
}

describe("check-outside-reads", () => {
  it("flags reads that climb above the root, absolute machine paths and escaping links", () => {
    const files = write({
      "test/seed.test.ts": 'const page = readFileSync(new URL("../../shared/seed/page.md", import.meta.url));\n', // outside-reads: allow
      "scripts/up.mjs": 'const up = join(import.meta.dirname, "..", "..");\n', // outside-reads: allow
      "src/design.ts": 'const notes = "/work/shared/DESIGN.md";\n', // outside-reads: allow
      "docs/guide.md": "See [the notes](../../notes/README.md).\n", // outside-reads: allow
    });
    expect(check(repo, files).map(({ file, line }) => `${file}:${line}`)).toEqual([
      "test/seed.test.ts:1",
      "scripts/up.mjs:1",
      "src/design.ts:1",
      "docs/guide.md:1",
    ]);
  });

  it("lets through paths that stay inside, and lines marked as examples", () => {
    const files = write({
      "src/chat/stream.ts": 'import { x } from "../errors";\nimport json from "../../models.json";\n', // outside-reads: allow
      "test/support/root.ts":
        'export const ROOT = new URL("../..", import.meta.url);\nconst up = join(here, "..", "..");\n', // outside-reads: allow
      "docs/page.md": "[README](../README.md)\n`/work/x` is where CI mounts it (outside-reads: allow)\n", // outside-reads: allow
    });
    expect(check(repo, files)).toEqual([]);
  });

  it("passes on this repository", () => {
    const out = execFileSync(process.execPath, [join(ROOT, "scripts/check-outside-reads.mjs")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(out).toMatch(/nothing reaches outside the repository/);
  });
});
