/**
 * The type-level half of `npm test`, as one tsc program with the repo's strict tsconfig (Mastra's
 * and the AI SDK's types load once): every docs code block (test/support/docs-blocks.ts; run by
 * test/docs-blocks.docs.test.ts) and the type tests, test/**\/*.test-d.ts (`expectTypeOf`).
 */
import { spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, expect, it } from "vitest";
import { writeDocsBlocks } from "./support/docs-blocks";
import { ROOT } from "./support/run-tsx";

const written = writeDocsBlocks("typecheck");
afterAll(() => written.remove());

const typeTests = readdirSync(join(ROOT, "test"), { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".test-d.ts") && !name.split(/[\\/]/).includes("node_modules"))
  .map((name) => join(ROOT, "test", name));
writeFileSync(
  join(written.dir, "tsconfig.json"),
  JSON.stringify({
    extends: relative(written.dir, join(ROOT, "tsconfig.json")),
    include: ["**/*.ts", ...typeTests.map((path) => relative(written.dir, path))],
    compilerOptions: { noEmit: true },
  }),
);

function tsc(): Promise<{ code: number | null; out: string }> {
  const bin = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "-p", join(written.dir, "tsconfig.json"), "--listFiles"], {
      cwd: ROOT,
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

it("docs blocks and type tests typecheck with the repo's strict tsconfig", async () => {
  const { code, out } = await tsc();
  const lines = out.split("\n").filter(Boolean);
  const listed = new Set(lines.filter((line) => line.startsWith("/")));
  const errors = lines.filter((line) => !listed.has(line)).join("\n");
  expect(errors.replaceAll(`${relative(ROOT, written.dir)}/`, ""), "type errors").toBe("");
  expect(code).toBe(0);
  // Both halves are in the program: every block and every type test.
  expect(typeTests.length).toBeGreaterThan(0);
  for (const path of [...typeTests, ...written.blocks.map((block) => block.path)]) {
    expect(listed, relative(ROOT, path)).toContain(path);
  }
}, 180_000);
