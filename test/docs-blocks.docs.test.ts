/**
 * Every ```ts block in docs/*.md and README.md is a program a user could paste
 * (test/support/docs-blocks.ts writes them out; test/types.typecheck.test.ts typechecks them): this
 * suite runs each against the emulator (SYNTHETIC_BASE_URL / SYNTHETIC_API_KEY set) and checks
 * what it printed and sent. Blocks run one after another inside this worker
 * (test/support/run-in-process.ts) against the shared emulator, reset between blocks, so Mastra
 * and the AI SDK load once. A block that uses `node:test` runs as its own process (its tests end
 * after its module does), started first against an emulator of its own and run alongside.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EmulatorReplySource,
  type RecordedRequest,
  type SyntheticEmulator,
  startSyntheticEmulator,
} from "../src/testing";
import { extractBlocks, type WrittenBlock, writeDocsBlocks } from "./support/docs-blocks";
import { useEmulator } from "./support/emulator";
import { describeRun, runInProcess } from "./support/run-in-process";
import { runTsx } from "./support/run-tsx";

const written = writeDocsBlocks("docs-blocks");
const { blocks } = written;
afterAll(() => written.remove());

/** Replies the emulator gives a block's model calls, where the default echo would not show the point. */
const replies: Record<string, EmulatorReplySource[]> = {
  "reasoning-read": [{ content: "Paris.", reasoning: "The capital of France is Paris." }],
  "tools-mastra-1x": [{ toolCalls: [{ name: "weather", arguments: { city: "Lisbon" } }] }, { content: "Sunny, 24°C." }],
  "tools-mastra-024": [
    { toolCalls: [{ name: "weather", arguments: { city: "Lisbon" } }] },
    { content: "Sunny, 24°C." },
  ],
  "tools-ai-sdk": [{ toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }] }, { content: "Cold, -3°C." }],
  "reasoning-replay": [
    { reasoning: "I need the weather first.", toolCalls: [{ name: "weather", arguments: { city: "Rome" } }] },
    { content: "Warm, 28°C.", reasoning: "The tool answered." },
  ],
  "structured-ai-sdk": [{ content: '{"name":"Ada Lovelace","born":1815,"fields":["mathematics","computing"]}' }],
  "structured-mastra-1x": [{ content: '{"city":"Lisbon","country":"Portugal","population":545000}' }],
  "structured-mastra-024": [{ content: '{"city":"Lisbon","country":"Portugal","population":545000}' }],
  "structured-json-mode": [{ content: '{"language":"TypeScript","paradigms":["functional","object-oriented"]}' }],
  "troubleshooting-api-errors": [{ status: 402 }],
  "web-search-mastra": [
    { toolCalls: [{ name: "webSearch", arguments: { query: "Node.js LTS" } }] },
    { content: "Node.js 24 is the active LTS (https://example.com/node-js-lts/1)." },
  ],
  "web-search-ai-sdk": [
    { toolCalls: [{ name: "webSearch", arguments: { query: "Mastra maintainers" } }] },
    { content: "Mastra is maintained by the Mastra team (https://example.com/mastra-maintainers/1)." },
  ],
  "troubleshooting-context": [
    { status: 400, error: "The input (200000 tokens) is longer than the model's context length (131072 tokens)." },
  ],
};

type Outcome = { requests: RecordedRequest[]; stdout: string };
const chat = (requests: RecordedRequest[]) => requests.filter((r) => r.path.endsWith("/chat/completions"));
const bodyOf = (request: RecordedRequest | undefined) => request?.body as Record<string, unknown> | undefined;

/** Blocks that must fail before any request: the emulator sees nothing. */
const noRequests = ({ requests }: Outcome) => expect(requests.map((r) => r.path)).toEqual([]);

/** What the emulator must have seen and the block printed. Replaces the generic "made requests" check. */
const checks: Record<string, (outcome: Outcome) => void> = {
  "headers-per-provider": ({ requests }) => {
    expect(chat(requests).map((r) => r.headers["x-team"])).toEqual(["search", "search"]);
  },
  "headers-per-agent": ({ requests }) => {
    expect(chat(requests)[0]?.headers["x-agent"]).toBe("billing");
  },
  "headers-per-call-ai-sdk": ({ requests }) => {
    expect(chat(requests)[0]?.headers["x-request-id"]).toBe("req-123");
  },
  "headers-per-call-mastra-1x": ({ requests }) => {
    expect(chat(requests).map((r) => r.headers["x-request-id"])).toEqual(["req-1", "req-2"]);
  },
  "headers-per-call-mastra-024": ({ requests }) => {
    expect(chat(requests)[0]?.headers["x-request-id"]).toBe("req-024");
  },
  "dynamic-per-call-headers": ({ requests }) => {
    expect(chat(requests).map((r) => [bodyOf(r)?.model, r.headers["x-tenant"]])).toEqual([
      ["hf:zai-org/GLM-5.2", "acme"],
      ["hf:zai-org/GLM-4.7-Flash", "globex"],
    ]);
  },
  "reasoning-read": ({ stdout }) => {
    expect(stdout).toContain("reasoning: The capital of France is Paris.\nanswer: Paris.\n");
    expect(stdout).toMatch(/^\[r\] /m);
    expect(stdout).not.toContain("<think>");
  },
  "reasoning-effort": ({ requests }) => {
    expect(chat(requests).map((r) => bodyOf(r)?.reasoning_effort)).toEqual(["high", "low"]);
  },
  "reasoning-replay": ({ requests }) => {
    const messages = bodyOf(chat(requests)[1])?.messages as Record<string, unknown>[];
    expect(messages.find((m) => m.role === "assistant")).toMatchObject({
      reasoning_content: "I need the weather first.",
    });
  },
  "tools-mastra-1x": ({ requests, stdout }) => {
    expect(chat(requests)).toHaveLength(2);
    expect(stdout).toContain("[ 'weather' ] Sunny, 24°C.");
  },
  "tools-mastra-024": ({ requests, stdout }) => {
    expect(chat(requests)).toHaveLength(2);
    expect(stdout).toContain("Sunny, 24°C.");
  },
  "tools-ai-sdk": ({ stdout }) => expect(stdout).toContain("2 steps: Cold, -3°C."),
  "reasoning-unsupported-image": noRequests,
  "web-search-mastra": ({ requests, stdout }) => {
    expect(requests.filter((r) => r.path === "/v2/search").map((r) => r.body)).toEqual([{ query: "Node.js LTS" }]);
    expect(stdout).toContain("Node.js 24 is the active LTS");
  },
  "web-search-ai-sdk": ({ requests, stdout }) => {
    expect(requests.filter((r) => r.path === "/v2/search")).toHaveLength(1);
    expect(JSON.stringify(bodyOf(chat(requests)[1])?.messages)).toContain("https://example.com/mastra-maintainers/1");
    expect(stdout).toContain("Mastra is maintained by the Mastra team");
  },
  "search-web": ({ requests, stdout }) => {
    expect(requests.map((r) => r.path)).toEqual(["/v2/search"]);
    expect(stdout).toContain("https://example.com/open-weight-models-with-tool-calling/1");
  },
  "search-emulator": ({ stdout }) => expect(stdout).toContain("A page"),
  "structured-ai-sdk": ({ requests, stdout }) => {
    expect(bodyOf(chat(requests)[0])?.response_format).toMatchObject({ type: "json_schema" });
    expect(stdout).toContain("Ada Lovelace 1815 mathematics, computing");
  },
  "structured-mastra-1x": ({ stdout }) => expect(stdout).toContain("Lisbon Portugal 545000"),
  "structured-mastra-024": ({ stdout }) => expect(stdout).toContain("city: 'Lisbon'"),
  "structured-json-mode": ({ requests }) => {
    expect(bodyOf(chat(requests)[0])?.response_format).toEqual({ type: "json_object" });
  },
  "memory-semantic-recall": ({ requests }) => {
    expect(requests.some((r) => r.path.endsWith("/embeddings"))).toBe(true);
    expect(JSON.stringify(bodyOf(chat(requests).at(-1))?.messages)).toContain("remembered");
  },
  "troubleshooting-missing-key": noRequests,
  "troubleshooting-model-id": noRequests,
  "troubleshooting-image": noRequests,
  "troubleshooting-provider-options": noRequests,
  "troubleshooting-connect": ({ requests, stdout }) => {
    expect(requests).toEqual([]);
    expect(stdout).toMatch(/^Cannot connect to Synthetic: .*\(3 attempts\)\.$/m);
  },
  "troubleshooting-api-errors": ({ requests, stdout }) => {
    expect(chat(requests)).toHaveLength(1); // a 402 is final: no retry
    expect(stdout).toContain("402 false Insufficient credits");
  },
  "troubleshooting-context": ({ stdout }) => expect(stdout).toContain("200000 tokens sent, 131072 allowed"),
};

/** Blocks whose code calls a model or the API should show up in the emulator's log. */
const CALLS =
  /\.(generate|stream|generateVNext|streamVNext)\(|\b(generateText|streamText|generateObject|streamObject|embed|embedMany|getQuota|embedV2)\(/;

// Retired ids are refused, as Synthetic refuses them: a block naming one fails, as it would for users.
const DOCS_EMULATOR = { retiredModels: "reject" } as const;
const fixture = useEmulator(DOCS_EMULATOR);
const env = (url: string) => ({ SYNTHETIC_BASE_URL: url, SYNTHETIC_API_KEY: "test-key", NO_COLOR: "1" });
const runnable = blocks.filter((b) => !b.file && !b.flags.has("no-run"));
const ownProcess = (block: WrittenBlock) => /from ["']node:test["']/.test(block.code);
type Ran = Outcome & { ok: boolean; report: string };

// Process blocks start before the first test, each against an emulator of its own (the shared one
// is reset between tests), and are awaited by their own test.
const processRuns = new Map<WrittenBlock, Promise<Ran>>();
const processEmulators: SyntheticEmulator[] = [];
beforeAll(async () => {
  for (const block of runnable.filter(ownProcess)) {
    const emulator = await startSyntheticEmulator(DOCS_EMULATOR);
    processEmulators.push(emulator);
    for (const reply of replies[block.id ?? ""] ?? []) emulator.script(reply);
    const run = runTsx(block.path, { ...process.env, ...env(emulator.url) }).then(({ code, stdout, stderr }) => ({
      ok: code === 0,
      report: `exit code ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
      stdout,
      requests: [...emulator.requests],
    }));
    run.catch(() => {}); // reported by its test, never as an unhandled rejection
    processRuns.set(block, run);
  }
});
afterAll(() => Promise.all(processEmulators.map((emulator) => emulator.close())));

async function run(block: WrittenBlock): Promise<Ran> {
  const started = processRuns.get(block);
  if (started) return started;
  for (const reply of replies[block.id ?? ""] ?? []) fixture.emulator.script(reply);
  const result = await runInProcess(block.path, env(fixture.emulator.url));
  return {
    ok: result.error === undefined && !result.exitCode,
    report: describeRun(result),
    stdout: result.stdout,
    requests: [...fixture.emulator.requests],
  };
}

describe("docs code blocks", () => {
  it("finds the guides' blocks, with known ids only", () => {
    const guides = [
      "getting-started",
      "choosing-an-entry-point",
      "base-url-and-headers",
      "reasoning-and-tools",
      "structured-output",
      "embeddings-memory-rag",
      "testing-with-the-emulator",
      "migrating-from-builtin",
      "troubleshooting",
      "reference",
    ];
    for (const guide of guides) {
      expect(
        blocks.some((b) => b.page === `docs/${guide}.md`),
        `docs/${guide}.md has no ts block`,
      ).toBe(true);
    }
    const ids = blocks.flatMap((b) => (b.id ? [b.id] : []));
    expect(new Set(ids).size, "duplicate block id").toBe(ids.length);
    for (const id of [...Object.keys(replies), ...Object.keys(checks)])
      expect(ids, `no block with id=${id}`).toContain(id);
    expect(blocks.filter((b) => b.flags.has("no-run")).map((b) => `${b.page}:${b.line}`)).toEqual([]);
  });

  it("are extracted from indented fences too, and only when marked ts", () => {
    const markdown = ["```sh", "npm test", "```", "1. Step:", "", "   ```ts id=x", "   const a = 1;", "   ```"].join(
      "\n",
    );
    expect(extractBlocks("t.md", markdown)).toEqual([
      { page: "t.md", line: 6, flags: new Set(), id: "x", file: undefined, code: "const a = 1;" },
    ]);
  });

  describe("run against the emulator and exit 0", () => {
    for (const block of runnable) {
      it(`${block.page}:${block.line}${block.id ? ` (${block.id})` : ""}`, async () => {
        const result = await run(block);
        expect(result.ok, result.report).toBe(true);
        const check = checks[block.id ?? ""];
        if (check) check(result);
        else if (CALLS.test(block.code) && !block.code.includes("startSyntheticEmulator")) {
          expect(result.requests.length, "the block made no request to the emulator").toBeGreaterThan(0);
        }
      }, 90_000);
    }
  });
});
