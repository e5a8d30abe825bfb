/**
 * `mastra-synthetic emulator`: in-process for its arguments and scenarios, and as a real process
 * (the bin bundled as it is published) for what only a process shows: it keeps running, prints
 * the base URL to set, and SIGINT / SIGTERM close it cleanly with exit code 0.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { createSynthetic, listModels } from "../src";
import { main } from "../src/cli/index";
import { bundleCli } from "./support/cli-bundle";
import { type MastraLine, mastraLines } from "./support/mastra-lines";

const root = fileURLToPath(new URL("..", import.meta.url));
const BASE_URL_LINE = /^ {2}SYNTHETIC_BASE_URL=(http:\/\/127\.0\.0\.1:\d+\/openai\/v1)$/m;
const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "Weather in Paris?" }] }];

let bundle: string;
beforeAll(async () => {
  bundle = await bundleCli("mastra-synthetic-cli-emulator-test");
});

/** Runs `main()` in-process until `until(stdout)` holds, then stops it through `io.stop`. */
async function runInProcess(args: string[], until: (stdout: string) => Promise<boolean> | boolean = () => true) {
  let stdout = "";
  let stderr = "";
  const stop = new AbortController();
  const code = main(["emulator", ...args], {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: () => "",
    env: { NO_COLOR: "1" },
    stop: stop.signal,
  });
  let settled: number | undefined;
  code.then((value) => {
    settled = value;
  });
  while (settled === undefined && !BASE_URL_LINE.test(stdout)) await new Promise((r) => setTimeout(r, 10));
  if (settled === undefined) {
    const done = await until(stdout);
    expect(done).toBe(true);
    stop.abort();
  }
  return { code: await code, stdout, stderr };
}

describe("in-process", () => {
  it("serves the scenario asked for until stopped, at the URL it prints: a Mastra agent's tool round trip", async () => {
    const line = mastraLines[0] as MastraLine;
    const createTool = await line.createTool();
    const cities: unknown[] = [];
    const weather = createTool({
      id: "weather",
      description: "Weather for a city.",
      inputSchema: z.object({ city: z.string() }),
      execute: async (input: { city: string } & { context?: { city: string } }) => {
        const city = input.context?.city ?? input.city;
        cities.push(city);
        return { forecast: `Sunny in ${city}` };
      },
    });
    let text = "";
    const run = await runInProcess(["--port", "0", "--scenario", "tool-call"], async (stdout) => {
      const baseURL = BASE_URL_LINE.exec(stdout)?.[1];
      const model = createSynthetic({ baseURL, apiKey: "any" })("hf:zai-org/GLM-5.2");
      const agent = new line.Agent({ name: "agent", instructions: "x", model, tools: { weather } });
      text = (await agent.generate("Weather in Paris?", { maxSteps: 3 })).text;
      return true;
    });
    expect(run.code).toBe(0);
    expect(cities).toEqual(["example"]);
    expect(text).toBe('The tool returned: {"forecast":"Sunny in example"}');
    expect(run.stdout).toMatch(/^Synthetic emulator listening on http:\/\/127\.0\.0\.1:\d+ \(scenario: tool-call\)$/m);
    expect(run.stdout).toContain("  SYNTHETIC_API_KEY=any-non-empty-value\n");
    expect(run.stdout.match(/ POST \/openai\/v1\/chat\/completions hf:zai-org\/GLM-5\.2\n/g)).toHaveLength(2);
    expect(run.stdout).toMatch(/emulator stopped \(stop\); \d+ requests received\.\n$/);
  });

  it("rejects an unknown scenario or a bad port as usage errors (exit 2), naming the choices", async () => {
    const scenario = await runInProcess(["--scenario", "chaos"]);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toContain(
      'error: unknown scenario "chaos": use one of echo, tool-call, reasoning, slow, rate-limit, server-error, context-overflow.',
    );
    const port = await runInProcess(["--port", "http"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port takes a port number from 0 to 65535 (got "http").');
  });

  it("says which port is taken and how to pick another (exit 1)", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      const run = await runInProcess(["--port", String(port)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is in use: pass --port <n> (0 picks a free one).`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("passes --api-key on as the only key accepted, and --serve-retired on", async () => {
    let statuses: number[] = [];
    const run = await runInProcess(["--port", "0", "--api-key", "sk-local", "--serve-retired"], async (stdout) => {
      const url = BASE_URL_LINE.exec(stdout)?.[1];
      const chat = (key: string, model: string) =>
        fetch(`${url}/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
        }).then((r) => r.status);
      statuses = [await chat("sk-other", "hf:zai-org/GLM-5.2"), await chat("sk-local", "hf:MiniMaxAI/MiniMax-M2")];
      return true;
    });
    expect(run.stdout).toContain("  SYNTHETIC_API_KEY=sk-local\n");
    expect(statuses).toEqual([401, 200]);
  });
});

/** Spawns the bundled bin and resolves once it printed the base URL. */
async function spawnEmulator(args: string[]) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [bundle, "emulator", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, NO_COLOR: "1" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  while (!BASE_URL_LINE.test(stdout)) {
    if (child.exitCode !== null) throw new Error(`emulator exited ${child.exitCode}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, url: BASE_URL_LINE.exec(stdout)?.[1] as string, exited, output: () => stdout };
}

describe("as a process", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("runs until %s, then closes cleanly with exit code 0", async (signal) => {
    const running = await spawnEmulator(["--port", "0"]);
    const models = (await (await fetch(`${running.url}/models`)).json()) as { data: unknown[] };
    expect(models.data).toHaveLength(listModels({ retired: false }).length);
    const model = createSynthetic({ baseURL: running.url, apiKey: "any" })("hf:zai-org/GLM-5.2");
    const result = await model.doGenerate({ prompt, maxOutputTokens: 1 });
    expect(result.usage.outputTokens).toBe(1);
    // Still serving after answering: it runs until stopped.
    expect(running.child.exitCode).toBeNull();
    running.child.kill(signal);
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain(`emulator stopped (${signal}); 2 requests received.`);
  });
});
