/**
 * The `mastra-synthetic` CLI against the emulator. Arguments, tables and messages are checked by
 * running `main()` in-process with captured streams; what only a process shows (exit codes,
 * stdout/stderr separation, stdin, a terminal's spinner and colours) is checked by spawning the
 * CLI, bundled once with esbuild as the published bin is, several processes at a time.
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { estimateCost, listModels } from "../src";
import type { SyntheticModelInfo } from "../src/catalog-schema";
import { main } from "../src/cli/index";
import { type SyntheticEmulator, startSyntheticEmulator, todaysPlan } from "../src/testing";
import { bundleCli } from "./support/cli-bundle";

const root = fileURLToPath(new URL("..", import.meta.url));
let bundle: string;
const KEY = "sk-cli-test";
const HOUR = 3_600_000;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `main()` in-process with captured streams; the env is the test's (see `useEnv`). */
async function cli(args: string[], stdin = ""): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: () => stdin,
    env: process.env,
  });
  return { code, stdout, stderr };
}

/** The SYNTHETIC_* variables a run sees; everything else from the outer environment is cleared. */
function useEnv(env: Record<string, string>) {
  for (const name of ["SYNTHETIC_API_KEY", "SYNTHETIC_BASE_URL"]) vi.stubEnv(name, env[name] ?? "");
  vi.stubEnv("NO_COLOR", "1");
}

/** Spawns the bundled CLI with a clean environment: only what the test sets reaches it. */
function spawnCli(args: string[], env: Record<string, string> = {}, stdin = ""): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("SYNTHETIC_")));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: root, env: { ...base, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** A base URL where nothing listens. */
async function deadBaseURL(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/openai/v1`;
}

const noStack = (run: Run) => expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
const current = listModels({ retired: false });

const liveOnly: SyntheticModelInfo = {
  id: "hf:newlab/Fresh-1",
  name: "Fresh-1",
  kind: "chat",
  contextWindow: 202752,
  maxOutputTokens: 65536,
  tools: true,
  reasoning: true,
  reasoningFormat: "reasoning_content",
  reasoningEfforts: ["low", "medium", "high"],
  reasoningReplay: false,
  input: ["text"],
  structuredOutputs: true,
  cost: { input: 0.6, output: 2.2 },
};

// util-linux `script` runs the CLI on a pseudo-terminal, the only way to see the TTY-only output.
const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Runs the bundled CLI on a pseudo-terminal; resolves with everything the terminal showed. */
function onTty(args: string, env: Record<string, string>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("SYNTHETIC_")));
    const child = spawn("script", ["-qec", `${process.execPath} ${bundle} ${args}`, "/dev/null"], {
      cwd: root,
      env: { ...base, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", () => resolve(output));
  });
}

/**
 * Every process-level behaviour, once each and all at the same time, against an emulator of
 * their own (the shared one is reset per test). Started before the in-process tests and checked
 * after them, so the processes run while those tests do.
 */
async function runProcesses() {
  const own = await startSyntheticEmulator({ apiKey: KEY });
  const env = { SYNTHETIC_BASE_URL: own.url, SYNTHETIC_API_KEY: KEY, NO_COLOR: "1" };
  // Replies by prompt: the processes reach the emulator in any order.
  own.setDefault((request) =>
    String(JSON.stringify(request.body)).includes("from stdin")
      ? { reasoning: "from stdin, thinking", content: "Answer.", usage: { promptTokens: 10, completionTokens: 5 } }
      : { reasoning: "hmm", content: "Plain answer.", delayMs: 300 },
  );
  try {
    const [ok, usage, runtime, chat, colour, plain] = await Promise.all([
      spawnCli(["--version"]),
      spawnCli([]),
      spawnCli(["quota"], { ...env, SYNTHETIC_API_KEY: "sk-wrong" }),
      spawnCli(["chat", "-m", "hf:zai-org/GLM-5.2", "-"], env, "from stdin"),
      hasScript ? onTty("chat hi", { ...env, NO_COLOR: "" }) : undefined,
      hasScript ? onTty("chat hi", env) : undefined,
    ]);
    return { ok, usage, runtime, chat, colour, plain, requests: own.requests };
  } finally {
    await own.close();
  }
}
let processes: ReturnType<typeof runProcesses>;

let emulator: SyntheticEmulator;
let env: Record<string, string>;
let dead: string;
beforeAll(async () => {
  [emulator, dead, bundle] = await Promise.all([
    startSyntheticEmulator({
      apiKey: KEY,
      // Live list: one model more than the bundle, one fewer.
      models: [...current.filter((m) => m.id !== "hf:zai-org/GLM-4.7"), liveOnly],
      quotas: {
        subscription: {
          limit: 135,
          requests: 42,
          renewsAt: new Date(Date.now() + 2 * HOUR + 30 * 60_000).toISOString(),
        },
        search: { hourly: { limit: 250, requests: 250, renewsAt: new Date(Date.now() + 40 * 60_000).toISOString() } },
        freeToolCalls: { limit: 500, requests: 12.5, renewsAt: new Date(Date.now() + 3 * 24 * HOUR).toISOString() },
      },
    }),
    deadBaseURL(),
    bundleCli("mastra-synthetic-cli-test"),
  ]);
  env = { SYNTHETIC_BASE_URL: emulator.url, SYNTHETIC_API_KEY: KEY };
  processes = runProcesses();
  processes.catch(() => {}); // reported by the test that awaits it
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  useEnv(env);
  return () => vi.unstubAllEnvs();
});

describe("usage", () => {
  it("--help prints the commands and exits 0; each command has its own --help", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: mastra-synthetic <command> [options]");
    for (const command of ["models", "quota", "chat", "doctor", "emulator"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
      const own = await cli([command, "--help"]);
      expect(own.code, command).toBe(0);
      expect(own.stdout).toMatch(new RegExp(`^Usage: mastra-synthetic ${command}`));
      expect((await cli(["help", command])).stdout).toBe(own.stdout);
    }
    expect(run.stdout).toContain("Exit codes: 0 ok, 1 runtime or API failure, 2 usage error.");
  });

  it.each([
    [[], "Usage: mastra-synthetic <command>"],
    [["launch"], 'error: unknown command "launch".'],
    [["--live"], 'error: expected a command before "--live".'],
    [["models", "--colour"], "error: Unknown option '--colour'."],
    [["quota", "extra"], 'error: quota takes no arguments (got "extra").'],
    [["chat"], "error: chat needs a prompt"],
    [["chat", "--max-tokens", "lots", "hi"], '--max-tokens must be a positive integer (got "lots")'],
    [["chat", "--model", "gpt-4o", "hi"], '"gpt-4o" is not a Synthetic model id.'],
    [
      ["chat", "--model", "hf:moonshotai/Kimi-K3", "--effort", "extreme", "hi"],
      'does not accept reasoningEffort "extreme"',
    ],
    [["models", "--live", "--base-url", "ftp://example.com"], "error: --base-url must use https:// (got ftp:)."],
  ])("%j is a usage error: exit 2, message on stderr, no stack", async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
    noStack(run);
  });
});

describe("models", () => {
  it("prints the current bundled models with source and aliases, without touching the network", async () => {
    useEnv({ SYNTHETIC_BASE_URL: dead });
    const run = await cli(["models"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^MODEL\s+CONTEXT\s+TOOLS\s+REASONING\s+IMAGE\s+IN \$\/1M\s+OUT \$\/1M\s+SOURCE\s+NOTE$/);
    expect(run.stdout).toMatch(/^hf:moonshotai\/Kimi-K3\s+524K\s+yes\s+yes\s+yes\s+\$3\.00\s+\$15\.00\s+bundled$/m);
    expect(run.stdout).toMatch(/^hf:openai\/gpt-oss-120b\s+131K\s+yes\s+yes\s+no\s+\$0\.10\s+\$0\.10\s+bundled$/m);
    expect(run.stdout).toMatch(
      /^syn:small:text\s+197K\s+yes\s+yes\s+no\s+\$0\.10\s+\$0\.50\s+bundled\s+alias of hf:zai-org\/GLM-4\.7-Flash$/m,
    );
    expect(run.stdout).not.toContain("hf:zai-org/GLM-4.6");
    const retired = listModels({ retired: true }).length;
    expect(run.stdout).toContain(`${current.length} models (bundled catalog`);
    expect(run.stdout).toContain(`${retired} retired models hidden; --all shows them.`);
    expect(run.stdout).not.toContain("\x1b[");
  });

  it("--all shows retired models with their date and successor", async () => {
    useEnv({ SYNTHETIC_BASE_URL: dead });
    const run = await cli(["models", "--all"]);
    expect(run.stdout).toMatch(
      /^hf:zai-org\/GLM-4\.6\s+200K\s+yes\s+yes\s+no\s+\$0\.55\s+\$2\.19\s+bundled\s+retired 2026-06-23, use hf:zai-org\/GLM-5\.3-Flash$/m,
    );
    // GLM-4.5's recorded successor (GLM-4.6) was retired too: the row names the current one.
    expect(run.stdout).toMatch(/^hf:zai-org\/GLM-4\.5 .*retired 2026-02-12, use hf:zai-org\/GLM-5\.3-Flash$/m);
    expect(run.stdout).toContain(`${listModels().length} models (bundled catalog`);
  });

  it("--json prints the entries", async () => {
    useEnv({ SYNTHETIC_BASE_URL: dead });
    expect(JSON.parse((await cli(["models", "--json"])).stdout)).toEqual(current);
    expect(JSON.parse((await cli(["models", "--json", "--all"])).stdout)).toEqual(listModels());
  });

  it("--live reads /models and merges it over the bundle, showing each row's source", async () => {
    const run = await cli(["models", "--live"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^hf:newlab\/Fresh-1\s+203K\s+yes\s+yes\s+no\s+\$0\.60\s+\$2\.20\s+live$/m);
    expect(run.stdout).toMatch(/^hf:zai-org\/GLM-4\.7\s+203K .*\s+bundled$/m);
    expect(run.stdout).toMatch(/^syn:large:text\s.*\s+live\s+alias of hf:zai-org\/GLM-5\.3-Flash$/m);
    expect(run.stdout).toContain("; 1 bundled only, not listed live");
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /openai/v1/models"]);
  });

  it("--live --json, with --base-url overriding SYNTHETIC_BASE_URL", async () => {
    useEnv({ SYNTHETIC_BASE_URL: dead });
    const run = await cli(["models", "--live", "--json", "--base-url", emulator.url]);
    expect(run.code).toBe(0);
    const models = JSON.parse(run.stdout) as SyntheticModelInfo[];
    expect(models.find((m) => m.id === liveOnly.id)).toEqual({
      ...liveOnly,
      source: { url: `${emulator.url}/models` },
      date: expect.any(String),
    });
  });
});

describe("quota", () => {
  it("shows older windows one a line: used of what, and when each resets (local time, relative)", async () => {
    const run = await cli(["quota"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^subscription: 42 of 135 requests used, resets at \d\d:\d\d \(in 2h (29|30)m\)$/m);
    expect(run.stdout).toMatch(
      /^search \(hourly\): 250 of 250 searches used \(limited\), resets at (\S+ )?\d\d:\d\d \(in (39|40)m\)$/m,
    );
    expect(run.stdout).toMatch(
      /^free tool calls: 12\.5 of 500 tool calls used, resets at \d{4}-\d\d-\d\d \d\d:\d\d \(in (2d 23h|3d 0h)\)$/m,
    );
    expect(emulator.lastRequest()).toMatchObject({ path: "/v2/quotas", headers: { authorization: `Bearer ${KEY}` } });
  });

  it("shows today's plan as a person reads it: the 5h requests and the week's credits, with their refills", async () => {
    const plan = todaysPlan(Date.now());
    const today = await startSyntheticEmulator({
      apiKey: KEY,
      quotas: {
        ...plan,
        rollingFiveHourLimit: { ...plan.rollingFiveHourLimit, remaining: 118 },
        weeklyTokenLimit: { ...plan.weeklyTokenLimit, remainingCredits: "$14.76", percentRemaining: 61.5 },
      },
    });
    try {
      useEnv({ SYNTHETIC_BASE_URL: today.url, SYNTHETIC_API_KEY: KEY });
      const run = await cli(["quota"]);
      expect(run.code).toBe(0);
      const clock = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
      const lines = run.stdout.trim().split("\n");
      expect(lines).toEqual([
        expect.stringMatching(/^search \(hourly\): 0 of 250 searches used, resets at /),
        expect.stringContaining(
          `week: $14.76 of $24.00 left (62%), +$0.48 at ${clock(plan.weeklyTokenLimit.nextRegenAt)} (in 3h`,
        ),
        expect.stringContaining(
          `5h: 17 of 135 requests used, +5% at ${clock(plan.rollingFiveHourLimit.nextTickAt)} (in 1`,
        ),
      ]);
      // subscription.requests stays 0 on these plans: not shown beside the 5h window.
      expect(run.stdout).not.toContain("subscription");
    } finally {
      await today.close();
    }
  });

  it("--json prints the /v2/quotas body", async () => {
    const run = await cli(["quota", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      subscription: { limit: 135, requests: 42 },
      freeToolCalls: { requests: 12.5 },
    });
  });

  it("says so when the plan reports no limits ({})", async () => {
    const empty = await startSyntheticEmulator({ apiKey: KEY, quotas: {} });
    try {
      useEnv({ SYNTHETIC_BASE_URL: empty.url, SYNTHETIC_API_KEY: KEY });
      const run = await cli(["quota"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("No usage limits reported for this plan");
    } finally {
      await empty.close();
    }
  });

  it("exits 1 without a key, naming SYNTHETIC_API_KEY", async () => {
    useEnv({ SYNTHETIC_BASE_URL: emulator.url });
    const missing = await cli(["quota"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^error: Synthetic API key is missing\. Set the SYNTHETIC_API_KEY environment variable/,
    );
    noStack(missing);
  });
});

describe("chat", () => {
  const usage = { promptTokens: 1200, completionTokens: 300, cachedTokens: 200 };

  it("streams reasoning (marked) then the answer, then tokens, cost and time to first token", async () => {
    emulator.script({ reasoning: "The user greets.\nGreet back.", content: "Hello there!", usage, delayMs: 300 });
    const run = await cli(["chat", "--model", "hf:moonshotai/Kimi-K3", "Hi", "model"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("│ The user greets.\n│ Greet back.\n\nHello there!\n");
    const cost = estimateCost("hf:moonshotai/Kimi-K3", {
      inputTokens: 1200,
      outputTokens: 300,
      cachedInputTokens: 200,
    });
    // (1000 × 3 + 200 cached × 0.45 + 300 × 15) / 1M, printed to three significant digits.
    expect(cost?.total).toBeCloseTo(0.00759, 9);
    expect(run.stderr).toContain(
      "hf:moonshotai/Kimi-K3 · tokens 1200 in (200 cached) / 300 out · cost $0.00759 · first token ",
    );
    // "373 ms", or "1.29 s" on a slow machine.
    const [, ms, s] = /first token (?:(\d+) ms|([\d.]+) s)/.exec(run.stderr) ?? [];
    expect(ms === undefined ? Number(s) * 1000 : Number(ms)).toBeGreaterThanOrEqual(290);
    expect(run.stderr).toMatch(/ · total (\d+ ms|[\d.]+ s)\n$/);
    for (const sign of ["\r", "⠋", "\x1b["]) expect(run.stderr).not.toContain(sign);
    expect(emulator.lastRequest()?.body).toMatchObject({
      model: "hf:moonshotai/Kimi-K3",
      stream: true,
      messages: [{ role: "user", content: "Hi model" }],
    });
  });

  it("uses the default model (syn:large:text), takes --effort and --max-tokens, and can hide reasoning", async () => {
    emulator.script({ reasoning: "hidden", content: "Short.", usage });
    const run = await cli(["chat", "--hide-reasoning", "--effort", "high", "--max-tokens", "64", "Be brief"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("Short.\n");
    expect(emulator.lastRequest()?.body).toMatchObject({
      model: "syn:large:text",
      reasoning_effort: "high",
      max_tokens: 64,
    });
  });

  it("prints no cost for an on-demand model no catalog prices", async () => {
    emulator.script({ content: "ok", usage });
    const run = await cli(["chat", "-m", "hf:someone/on-demand", "hi"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("cost unknown (no price for this model)");
  });

  it("exits 1 with Synthetic's message on an API error (after the transport's retries)", async () => {
    emulator.setDefault({ status: 429 });
    const run = await cli(["chat", "hi"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: HTTP 429: You've exceeded your subscription rate limits/m);
    noStack(run);
  });

  it("names the successor when the server no longer serves a retired model (404)", async () => {
    emulator.setDefault({ status: 404, error: "Model not found: hf:zai-org/GLM-4.6" });
    const run = await cli(["chat", "-m", "hf:zai-org/GLM-4.6", "hi"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: HTTP 404: Model not found: hf:zai-org\/GLM-4\.6\b/);
    expect(run.stderr).toContain(
      "hf:zai-org/GLM-4.6 was retired by Synthetic (recorded 2026-06-23); use hf:zai-org/GLM-5.3-Flash",
    );
    noStack(run);
  });

  it("exits 1 when the stream breaks mid-answer, keeping what arrived", async () => {
    emulator.script({ content: "Partial answer", streamError: "Backend crashed", reasoning: "" });
    const run = await cli(["chat", "hi"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("Partial answer\n");
    expect(run.stderr).toContain("error: Synthetic stream error: Backend crashed");
    noStack(run);
  });
});

describe("doctor", () => {
  it("passes every check against a working setup", async () => {
    const run = await cli(["doctor"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`base URL ${emulator.url} (SYNTHETIC_BASE_URL)`);
    expect(run.stdout).toMatch(/^✓ API key: SYNTHETIC_API_KEY is set$/m);
    expect(run.stdout).toMatch(
      new RegExp(`^✓ Base URL reachable: GET /models listed ${current.length} models in (\\d+ ms|[\\d.]+ s)$`, "m"),
    );
    // The emulator honours max_tokens: one token, as Synthetic would report.
    expect(run.stdout).toMatch(
      /^✓ One-token request: syn:large:text answered in (\d+ ms|[\d.]+ s) \(1 output token\)$/m,
    );
    expect(run.stdout).toContain("All checks passed.");
    expect(run.stdout).not.toContain(KEY);
    const chat = emulator.requests.find((r) => r.path.endsWith("/chat/completions"));
    expect(chat?.body).toMatchObject({ max_tokens: 1 });
  });

  it("reports a missing key with its fix and skips the request", async () => {
    useEnv({ SYNTHETIC_BASE_URL: emulator.url });
    const run = await cli(["doctor"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^✗ API key: SYNTHETIC_API_KEY is not set\n {2}fix: export SYNTHETIC_API_KEY=<your key>/m,
    );
    expect(run.stdout).toMatch(/^✓ Base URL reachable/m);
    expect(run.stdout).toMatch(/^- One-token request: skipped \(needs SYNTHETIC_API_KEY\)$/m);
    expect(run.stdout).toContain("1 check did not pass.");
    expect(emulator.requests.some((r) => r.path.endsWith("/chat/completions"))).toBe(false);
  });

  // Both wait out the transport's retries of a refused connection, so they wait together.
  it("reports an unreachable base URL: doctor with its fix, models --live with exit 1 (no silent fallback)", async () => {
    useEnv({ SYNTHETIC_BASE_URL: dead, SYNTHETIC_API_KEY: KEY });
    const [run, live] = await Promise.all([cli(["doctor"]), cli(["models", "--live"])]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ Base URL reachable: Cannot connect to .*ECONNREFUSED/m);
    expect(run.stdout).toContain(
      `fix: check SYNTHETIC_BASE_URL (${dead}); unset it to use https://api.synthetic.new/openai/v1`,
    );
    expect(run.stdout).toMatch(/^- One-token request: skipped \(needs a reachable base URL\)$/m);
    noStack(run);
    expect(live.code).toBe(1);
    expect(live.stdout).toBe("");
    expect(live.stderr).toMatch(/^error: could not read the live model list: Cannot connect to .*ECONNREFUSED/);
    expect(live.stderr).toContain("Run without --live for the bundled catalog.");
    noStack(live);
  });

  it("reports a rejected key (401) with its fix", async () => {
    useEnv({ ...env, SYNTHETIC_API_KEY: "sk-revoked" });
    const run = await cli(["doctor"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ One-token request: HTTP 401: Invalid API key/m);
    expect(run.stdout).toContain("fix: the key was rejected: check SYNTHETIC_API_KEY for typos or a revoked key");
    expect(run.stdout).not.toContain("sk-revoked");
  });

  it("reports a wrong base URL path (404) with its fix, and --base-url wins over the env", async () => {
    const run = await cli(["doctor", "--base-url", emulator.origin]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`base URL ${emulator.origin} (--base-url)`);
    expect(run.stdout).toMatch(/^✗ Base URL reachable: HTTP 404/m);
    expect(run.stdout).toContain("fix: the URL is wrong: check --base-url");
    expect(run.stdout).toContain("the base URL ends in /openai/v1");
  });
});

describe("as a process (bundled like the published bin)", () => {
  it("exit codes 0 / 1 / 2, stdout vs stderr, and a prompt from stdin", async () => {
    const { ok, usage, runtime, chat, requests } = await processes;
    expect(ok).toMatchObject({ code: 0, stderr: "" });
    expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe("");
    expect(usage.stderr).toContain("Usage: mastra-synthetic <command>");
    expect(runtime.code).toBe(1);
    expect(runtime.stdout).toBe("");
    expect(runtime.stderr).toMatch(
      /^error: HTTP 401: Invalid API key \(http:\/\/127\.0\.0\.1:\d+\/v2\/quotas\) Check SYNTHETIC_API_KEY\.$/m,
    );
    expect(runtime.stderr).not.toContain("sk-wrong");
    noStack(runtime);
    expect(chat.code).toBe(0);
    expect(chat.stdout).toBe("│ from stdin, thinking\n\nAnswer.\n");
    expect(chat.stderr).toMatch(/^hf:zai-org\/GLM-5.2 · tokens 10 in \/ 5 out · /);
    expect(requests.map((r) => r.body)).toContainEqual(
      expect.objectContaining({ messages: [{ role: "user", content: "from stdin" }] }),
    );
  });

  it.skipIf(!hasScript)(
    "on a terminal: dims the reasoning, shows a spinner and clears it; NO_COLOR turns colour off",
    async () => {
      const { colour, plain } = await processes;
      expect(colour).toContain("\r⠋ waiting for syn:large:text…\x1b[K");
      expect(colour).toContain("\r\x1b[K");
      expect(colour).toContain("\x1b[2m│ hmm\x1b[22m");
      expect(colour).toContain("\r\n\r\nPlain answer.\r\n");
      expect(plain).toContain("│ hmm\r\n\r\nPlain answer.");
      expect(plain).not.toContain("\x1b[2m");
    },
  );
});
