/**
 * Each project in examples/ runs as a user would run it (`tsx examples/<name>/index.ts`) with no
 * SYNTHETIC_API_KEY, so against the bundled emulator, and prints what it claims to do. They run
 * one after another inside this worker (test/support/run-in-process.ts): same program, same
 * environment, output captured, without a process start and a Mastra load per example.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeRun, runInProcess } from "./support/run-in-process";
import { ROOT } from "./support/run-tsx";

async function run(entry: string): Promise<string> {
  const result = await runInProcess(join(ROOT, entry), {
    SYNTHETIC_API_KEY: undefined,
    SYNTHETIC_BASE_URL: undefined,
    NO_COLOR: "1",
  });
  expect(result.error === undefined && !result.exitCode, describeRun(result)).toBe(true);
  const { stdout } = result;
  expect(stdout).toMatch(
    /^No SYNTHETIC_API_KEY set: using the bundled Synthetic emulator at http:\/\/127\.0\.0\.1:\d+/,
  );
  return stdout;
}

describe("examples, against the emulator", () => {
  it("every example folder has a README and an index.ts", () => {
    for (const name of ["tool-agent", "rag-agent", "dynamic-routing"]) {
      expect(existsSync(`${ROOT}/examples/${name}/README.md`), `${name}/README.md`).toBe(true);
      expect(existsSync(`${ROOT}/examples/${name}/index.ts`), `${name}/index.ts`).toBe(true);
    }
  });

  it("tool-agent: looks the order up, refunds it, answers, and sums the cost of each model call", async () => {
    const stdout = await run("examples/tool-agent/index.ts");
    expect(stdout).toContain("tool lookupOrder(A-1001) -> delivered");
    expect(stdout).toContain('tool refundOrder(A-1001, "arrived damaged") -> 42.5');
    expect(stdout).toContain("tools called: lookupOrder, refundOrder");
    expect(stdout).toContain("agent: Done: order A-1001 was refunded 42.50 EUR.");
    expect(stdout).toMatch(/model calls: 3, cost: \$0\.0*[1-9]\d*/);
  });

  it("rag-agent: embeds the knowledge base and answers each question from the passage it retrieved", async () => {
    const stdout = await run("examples/rag-agent/index.ts");
    expect(stdout).toContain("indexed 4 chunks (768 dimensions)");
    expect(stdout).toContain(
      "agent: Refunds are issued to the original payment method within 14 days of the return arriving.",
    );
    expect(stdout).toContain("agent: Support is open Monday to Friday, 9:00 to 17:00 CET, by chat and e-mail.");
  });

  it("dynamic-routing: sends each task to its model", async () => {
    const stdout = await run("examples/dynamic-routing/index.ts");
    const routed = [...stdout.matchAll(/^\[(\w+)\] (\S+) \(\$[\d.]+\)$/gm)].map((m) => [m[1], m[2]]);
    expect(routed).toEqual([
      ["code", "hf:Qwen/Qwen3.8-27B"],
      ["reasoning", "hf:zai-org/GLM-5.2"],
      ["chat", "hf:zai-org/GLM-4.7-Flash"],
    ]);
  });

  it("demo: the seed page's three examples", async () => {
    const stdout = await run("examples/demo.ts");
    expect(stdout).toContain("header seen by the server: X-Custom-Header: value");
    expect(stdout).toMatch(/task=complex -> hf:zai-org\/GLM-5\.2/);
    expect(stdout).toMatch(/task=simple {2}-> hf:zai-org\/GLM-5\.3-Flash/);
  });
});
