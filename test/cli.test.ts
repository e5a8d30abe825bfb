/**
 * The `mastra-synthetic` CLI, spawned as a real process against the emulator: real stdout,
 * stderr and exit codes (0 ok, 1 runtime/API failure, 2 usage error).
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { estimateCost, listModels } from "../src";
import type { SyntheticModelInfo } from "../src/catalog-schema";
import { type SyntheticEmulator, startSyntheticEmulator } from "../src/testing";

const root = fileURLToPath(new URL("..", import.meta.url));
const KEY = "sk-cli-test";
const HOUR = 3_600_000;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI from source with a clean environment: only what the test sets reaches it. */
function cli(args: string[], env: Record<string, string | undefined> = {}, stdin?: string): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("SYNTHETIC_")));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: root,
      env: { ...base, NO_COLOR: "1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
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

const newModel: SyntheticModelInfo = {
  id: "hf:zai-org/GLM-4.7",
  name: "GLM-4.7",
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

let emulator: SyntheticEmulator;
let env: Record<string, string>;
let dead: string;
beforeAll(async () => {
  emulator = await startSyntheticEmulator({
    apiKey: KEY,
    // Live list: one model more than the bundle, one fewer.
    models: [...listModels().filter((m) => m.id !== "hf:meta-llama/Llama-3.1-8B-Instruct"), newModel],
    quotas: {
      subscription: { limit: 135, requests: 42, renewsAt: new Date(Date.now() + 2 * HOUR + 30 * 60_000).toISOString() },
      search: { hourly: { limit: 250, requests: 250, renewsAt: new Date(Date.now() + 40 * 60_000).toISOString() } },
      freeToolCalls: { limit: 500, requests: 12.5, renewsAt: new Date(Date.now() + 3 * 24 * HOUR).toISOString() },
    },
  });
  env = { SYNTHETIC_BASE_URL: emulator.url, SYNTHETIC_API_KEY: KEY };
  dead = await deadBaseURL();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("usage", () => {
  it("--help prints the commands and exits 0", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: mastra-synthetic <command> [options]");
    for (const command of ["models", "quota", "chat", "doctor"])
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(run.stdout).toContain("Exit codes: 0 ok, 1 runtime or API failure, 2 usage error.");
  });

  it.each(["models", "quota", "chat", "doctor"])(
    "%s --help prints that command's usage and exits 0",
    async (command) => {
      const run = await cli([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: mastra-synthetic ${command}`));
    },
  );

  it("--version prints the version", async () => {
    const run = await cli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [[], "Usage: mastra-synthetic <command>"],
    [["launch"], 'error: unknown command "launch".'],
    [["models", "--colour"], "error: Unknown option '--colour'."],
    [["quota", "extra"], 'error: quota takes no arguments (got "extra").'],
    [["chat"], "error: chat needs a prompt"],
    [["chat", "--max-tokens", "lots", "hi"], '--max-tokens must be a positive integer (got "lots")'],
    [["chat", "--model", "gpt-4o", "hi"], '"gpt-4o" is not a Synthetic model id.'],
    [
      ["chat", "--model", "hf:zai-org/GLM-4.6", "--effort", "extreme", "hi"],
      'does not accept reasoningEffort "extreme"',
    ],
    [["models", "--live", "--base-url", "ftp://example.com"], "error: --base-url must use https:// (got ftp:)."],
  ])("%j is a usage error: exit 2, message on stderr, no stack", async (args, message) => {
    const run = await cli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
    noStack(run);
  });
});

describe("models", () => {
  it("prints the bundled catalog as a table without touching the network", async () => {
    const run = await cli(["models"], { SYNTHETIC_BASE_URL: dead });
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^MODEL\s+CONTEXT\s+TOOLS\s+REASONING\s+IMAGE\s+IN \$\/1M\s+OUT \$\/1M$/);
    expect(run.stdout).toMatch(/^hf:zai-org\/GLM-4\.6\s+200K\s+yes\s+yes\s+no\s+\$0\.55\s+\$2\.19$/m);
    expect(run.stdout).toMatch(
      /^hf:meta-llama\/Llama-4-Maverick-17B-128E-Instruct-FP8\s+524K\s+yes\s+no\s+yes\s+\$0\.22\s+\$0\.88$/m,
    );
    expect(run.stdout).toMatch(/^hf:Qwen\/Qwen2\.5-Coder-32B-Instruct\s+33K\s+no\s+no\s+no\s+\$0\.80\s+\$0\.80$/m);
    expect(run.stdout).toContain(`${listModels().length} models (bundled catalog`);
    expect(run.stdout).not.toContain("\x1b[");
  });

  it("--json prints the catalog entries", async () => {
    const run = await cli(["models", "--json"], { SYNTHETIC_BASE_URL: dead });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(listModels());
  });

  it("--live reads /models and merges it over the bundle, marking bundled-only models", async () => {
    const run = await cli(["models", "--live"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^hf:zai-org\/GLM-4\.7\s+203K\s+yes\s+yes\s+no\s+\$0\.60\s+\$2\.20$/m);
    expect(run.stdout).toMatch(/^hf:meta-llama\/Llama-3\.1-8B-Instruct \*\s+128K/m);
    expect(run.stdout).toContain("* = 1 bundled only, not listed live");
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /openai/v1/models"]);
  });

  it("--live --json, with --base-url overriding SYNTHETIC_BASE_URL", async () => {
    const run = await cli(["models", "--live", "--json", "--base-url", emulator.url], { SYNTHETIC_BASE_URL: dead });
    expect(run.code).toBe(0);
    const models = JSON.parse(run.stdout) as SyntheticModelInfo[];
    expect(models.find((m) => m.id === "hf:zai-org/GLM-4.7")).toEqual(newModel);
  });

  it("--live fails with exit 1 when /models cannot be read (no silent fallback)", async () => {
    const run = await cli(["models", "--live"], { SYNTHETIC_BASE_URL: dead });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error: could not read the live model list: Cannot connect to .*ECONNREFUSED/);
    expect(run.stderr).toContain("Run without --live for the bundled catalog.");
    noStack(run);
  });
});

describe("quota", () => {
  it("shows each limit with a bar, usage, percentage, and relative + absolute reset times", async () => {
    const run = await cli(["quota"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^LIMIT\s+USAGE\s+USED\s+%?\s*RESETS$/m);
    expect(run.stdout).toMatch(
      /^Subscription requests\s+█{6}░{14}\s+42 \/ 135\s+31%\s+in 2h (29|30)m \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/m,
    );
    expect(run.stdout).toMatch(/^Search \(hourly\)\s+█{20}\s+250 \/ 250\s+100%\s+in (39|40)m /m);
    expect(run.stdout).toMatch(/^Free tool calls\s+█?░{19,20}\s+12\.5 \/ 500\s+3%\s+in (2d 23h|3d 0h) /m);
    expect(emulator.lastRequest()).toMatchObject({ path: "/v2/quotas", headers: { authorization: `Bearer ${KEY}` } });
  });

  it("--json prints the /v2/quotas body", async () => {
    const run = await cli(["quota", "--json"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      subscription: { limit: 135, requests: 42 },
      freeToolCalls: { requests: 12.5 },
    });
  });

  it("says so when the plan reports no limits ({})", async () => {
    const empty = await startSyntheticEmulator({ apiKey: KEY, quotas: {} });
    try {
      const run = await cli(["quota"], { SYNTHETIC_BASE_URL: empty.url, SYNTHETIC_API_KEY: KEY });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("No usage limits reported for this plan");
    } finally {
      await empty.close();
    }
  });

  it("exits 1 with Synthetic's message for a rejected key, and without a key", async () => {
    const rejected = await cli(["quota"], { ...env, SYNTHETIC_API_KEY: "sk-wrong" });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(
      /^error: HTTP 401: Invalid API key \(http:\/\/127\.0\.0\.1:\d+\/v2\/quotas\) Check SYNTHETIC_API_KEY\.$/m,
    );
    expect(rejected.stderr).not.toContain("sk-wrong");
    noStack(rejected);
    const missing = await cli(["quota"], { SYNTHETIC_BASE_URL: emulator.url });
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
    const run = await cli(["chat", "--model", "hf:zai-org/GLM-4.6", "Hi", "model"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("│ The user greets.\n│ Greet back.\n\nHello there!\n");
    const cost = estimateCost("hf:zai-org/GLM-4.6", { inputTokens: 1200, outputTokens: 300, cachedInputTokens: 200 });
    // (1000 × 0.55 + 200 cached × 0.55 + 300 × 2.19) / 1M, printed to three significant digits.
    expect(cost?.total).toBeCloseTo(0.001317, 9);
    expect(run.stderr).toContain(
      "hf:zai-org/GLM-4.6 · tokens 1200 in (200 cached) / 300 out · cost $0.00132 · first token ",
    );
    const ttft = Number(/first token (\d+) ms/.exec(run.stderr)?.[1]);
    expect(ttft).toBeGreaterThanOrEqual(300);
    expect(run.stderr).toMatch(/ · total \d+ ms\n$/);
    // Not a terminal: no spinner frames, no colour codes.
    for (const sign of ["\r", "⠋", "\x1b["]) expect(run.stderr).not.toContain(sign);
    expect(emulator.lastRequest()?.body).toMatchObject({
      model: "hf:zai-org/GLM-4.6",
      stream: true,
      messages: [{ role: "user", content: "Hi model" }],
    });
  });

  it("uses the default model, takes --effort and --max-tokens, and can hide reasoning", async () => {
    emulator.script({ reasoning: "hidden", content: "Short.", usage });
    const run = await cli(["chat", "--hide-reasoning", "--effort", "high", "--max-tokens", "64", "Be brief"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("Short.\n");
    expect(emulator.lastRequest()?.body).toMatchObject({
      model: "hf:zai-org/GLM-4.6",
      reasoning_effort: "high",
      max_tokens: 64,
    });
  });

  it("extracts <think> reasoning for models that inline it, and reads the prompt from stdin with -", async () => {
    emulator.script({ reasoning: "inline thoughts", content: "Answer.", usage });
    const run = await cli(["chat", "-m", "hf:MiniMaxAI/MiniMax-M2", "-"], env, "from stdin");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("│ inline thoughts\n\nAnswer.\n");
    expect(emulator.lastRequest()?.body).toMatchObject({ messages: [{ role: "user", content: "from stdin" }] });
  });

  it("prints no cost for an on-demand model the catalog does not price", async () => {
    emulator.script({ content: "ok", usage });
    const run = await cli(["chat", "-m", "hf:someone/on-demand", "hi"], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("cost unknown (model not in the catalog)");
  });

  it("exits 1 with Synthetic's message on an API error (after the transport's retries)", async () => {
    emulator.setDefault({ status: 429 });
    const run = await cli(["chat", "hi"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: HTTP 429: You've exceeded your subscription rate limits/m);
    noStack(run);
  });

  it("exits 1 when the stream breaks mid-answer, keeping what arrived", async () => {
    emulator.script({ content: "Partial answer", streamError: "Backend crashed", reasoning: "" });
    const run = await cli(["chat", "hi"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("Partial answer\n");
    expect(run.stderr).toContain("error: Synthetic stream error: Backend crashed");
    noStack(run);
  });
});

// util-linux `script` runs the CLI on a pseudo-terminal, the only way to see the TTY-only output.
const hasScript = spawnSync("script", ["--version"]).status === 0;
describe.skipIf(!hasScript)("on a terminal", () => {
  const onTty = (args: string, extra: Record<string, string> = {}) =>
    new Promise<string>((resolve, reject) => {
      const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("SYNTHETIC_")));
      const child = spawn("script", ["-qec", `${process.execPath} --import tsx src/cli.ts ${args}`, "/dev/null"], {
        cwd: root,
        env: { ...base, NO_COLOR: "", ...env, ...extra },
      });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.on("error", reject);
      child.on("close", () => resolve(output));
    });

  it("dims the reasoning, shows a spinner while waiting and clears it", async () => {
    emulator.script({ reasoning: "hmm", content: "Plain answer.", delayMs: 300 });
    const output = await onTty("chat hi");
    expect(output).toContain("\r⠋ waiting for hf:zai-org/GLM-4.6…\x1b[K");
    expect(output).toContain("\r\x1b[K");
    expect(output).toContain("\x1b[2m│ hmm\x1b[22m");
    expect(output).toContain("\r\n\r\nPlain answer.\r\n");
  });

  it("prints no colour with NO_COLOR set", async () => {
    emulator.script({ reasoning: "hmm", content: "Plain answer." });
    const output = await onTty("chat hi", { NO_COLOR: "1" });
    expect(output).toContain("│ hmm\r\n\r\nPlain answer.");
    expect(output).not.toContain("\x1b[2m");
  });
});

describe("doctor", () => {
  it("passes every check against a working setup", async () => {
    const run = await cli(["doctor"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`base URL ${emulator.url} (SYNTHETIC_BASE_URL)`);
    expect(run.stdout).toMatch(/^✓ API key: SYNTHETIC_API_KEY is set$/m);
    expect(run.stdout).toMatch(
      new RegExp(`^✓ Base URL reachable: GET /models listed ${listModels().length} models in \\d+ ms$`, "m"),
    );
    expect(run.stdout).toMatch(/^✓ One-token request: hf:zai-org\/GLM-4\.6 answered in \d+ ms/m);
    expect(run.stdout).toContain("All checks passed.");
    expect(run.stdout).not.toContain(KEY);
    const chat = emulator.requests.find((r) => r.path.endsWith("/chat/completions"));
    expect(chat?.body).toMatchObject({ max_tokens: 1 });
  });

  it("reports a missing key with its fix and skips the request", async () => {
    const run = await cli(["doctor"], { SYNTHETIC_BASE_URL: emulator.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^✗ API key: SYNTHETIC_API_KEY is not set\n {2}fix: export SYNTHETIC_API_KEY=<your key>/m,
    );
    expect(run.stdout).toMatch(/^✓ Base URL reachable/m);
    expect(run.stdout).toMatch(/^- One-token request: skipped \(needs SYNTHETIC_API_KEY\)$/m);
    expect(run.stdout).toContain("1 check did not pass.");
    expect(emulator.requests.some((r) => r.path.endsWith("/chat/completions"))).toBe(false);
  });

  it("reports an unreachable base URL with its fix", async () => {
    const run = await cli(["doctor"], { SYNTHETIC_BASE_URL: dead, SYNTHETIC_API_KEY: KEY });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ Base URL reachable: Cannot connect to .*ECONNREFUSED/m);
    expect(run.stdout).toContain(
      `fix: check SYNTHETIC_BASE_URL (${dead}); unset it to use https://api.synthetic.new/openai/v1`,
    );
    expect(run.stdout).toMatch(/^- One-token request: skipped \(needs a reachable base URL\)$/m);
    noStack(run);
  });

  it("reports a rejected key (401) with its fix", async () => {
    const run = await cli(["doctor"], { ...env, SYNTHETIC_API_KEY: "sk-revoked" });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ One-token request: HTTP 401: Invalid API key/m);
    expect(run.stdout).toContain("fix: the key was rejected: check SYNTHETIC_API_KEY for typos or a revoked key");
    expect(run.stdout).not.toContain("sk-revoked");
  });

  it("reports a wrong base URL path (404) with its fix, and --base-url wins over the env", async () => {
    const run = await cli(["doctor", "--base-url", emulator.origin], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`base URL ${emulator.origin} (--base-url)`);
    expect(run.stdout).toMatch(/^✗ Base URL reachable: HTTP 404/m);
    expect(run.stdout).toContain("fix: the URL is wrong: check --base-url");
    expect(run.stdout).toContain("the base URL ends in /openai/v1");
  });
});
