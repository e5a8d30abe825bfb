/**
 * Every ```ts block in docs/*.md and README.md is a program a user could paste: this suite
 * writes each one under .tmp/docs-blocks/, typechecks them all as one tsc program with the repo's
 * tsconfig (a child process, started first so it runs alongside the blocks), and runs each against
 * the emulator (SYNTHETIC_BASE_URL / SYNTHETIC_API_KEY set, reset between blocks). Blocks run one
 * after another inside this worker (test/support/run-in-process.ts), so Mastra and the AI SDK load
 * once; a block that uses `node:test` runs as its own process, since its tests outlive its module.
 *
 * Info-string flags after `ts` (invisible when the Markdown is rendered):
 * - `mastra-0.24`: the block is for Mastra 0.24; `@mastra/core` imports resolve to the 0.24 install.
 * - `file=NAME.ts`: a module other blocks of the same page import as `./NAME`; not run on its own.
 * - `id=NAME`: names the block for the per-block replies and checks below.
 * - `no-run`: typechecked but not run (kept for what truly cannot run here; currently unused).
 * `from "mastra-synthetic"` and `"mastra-synthetic/testing"` resolve to src/, so no build is needed.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorReplySource, RecordedRequest } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { describeRun, runInProcess } from "./support/run-in-process";
import { ROOT, runTsx } from "./support/run-tsx";

// One directory per run: other runs of the suite (a teammate's, CI's) may share the work tree.
const OUT = join(ROOT, ".tmp", "docs-blocks", `run-${process.pid}-${Date.now()}`);

type Block = {
  page: string;
  line: number;
  flags: Set<string>;
  id: string | undefined;
  file: string | undefined;
  code: string;
  path: string;
};

const pages = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`),
];

function extractBlocks(page: string, markdown: string): Omit<Block, "path">[] {
  const blocks: Omit<Block, "path">[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    // Fences may be indented (a block inside a list item); the code is de-indented to match.
    const open = /^( *)```(\S*)\s*(.*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const indent = open[1] ?? "";
    const end = lines.findIndex((text, j) => j > i && text.startsWith(`${indent}\`\`\``));
    if (end === -1) throw new Error(`${page}:${i + 1}: unclosed code fence`);
    if (open[2] === "ts" || open[2] === "typescript") {
      const words = (open[3] ?? "").split(/\s+/).filter(Boolean);
      const value = (key: string) => words.find((w) => w.startsWith(`${key}=`))?.slice(key.length + 1);
      blocks.push({
        page,
        line: i + 1,
        flags: new Set(words.filter((w) => !w.includes("="))),
        id: value("id"),
        file: value("file"),
        code: lines
          .slice(i + 1, end)
          .map((text) => (text.startsWith(indent) ? text.slice(indent.length) : text))
          .join("\n"),
      });
    }
    i = end;
  }
  return blocks;
}

function rewrite(block: Omit<Block, "path">, dir: string): string {
  const src = relative(dir, join(ROOT, "src")).replaceAll("\\", "/");
  const root = relative(dir, ROOT).replaceAll("\\", "/");
  let code = block.code
    .replace(/(["'])mastra-synthetic\/testing\1/g, `"${src}/testing/index"`)
    .replace(/(["'])mastra-synthetic\/models\.json\1/g, `"${root}/models.json"`)
    .replace(/(["'])mastra-synthetic\1/g, `"${src}/index"`);
  if (block.flags.has("mastra-0.24")) code = code.replace(/(["'])@mastra\/core(\/[^"']*)?\1/g, '"@mastra/core-024$2"');
  return `${code}\n`;
}

rmSync(OUT, { recursive: true, force: true });
const blocks: Block[] = pages.flatMap((page) => {
  const dir = join(OUT, page.replace(/\.md$/, "").replace("/", "-"));
  mkdirSync(dir, { recursive: true });
  return extractBlocks(page, readFileSync(join(ROOT, page), "utf8")).map((block, n) => {
    const path = join(dir, block.file ?? `block-${String(n + 1).padStart(2, "0")}-line-${block.line}.ts`);
    writeFileSync(path, rewrite(block, dir));
    return { ...block, path };
  });
});
writeFileSync(
  join(OUT, "tsconfig.json"),
  JSON.stringify({
    extends: relative(OUT, join(ROOT, "tsconfig.json")),
    include: ["**/*.ts"],
    compilerOptions: { noEmit: true },
  }),
);

/** Replies the emulator gives a block's model calls, where the default echo would not show the point. */
const replies: Record<string, EmulatorReplySource[]> = {
  "reasoning-minimax": [{ content: "Paris.", reasoning: "The capital of France is Paris." }],
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
      ["hf:zai-org/GLM-4.6", "acme"],
      ["hf:MiniMaxAI/MiniMax-M2", "globex"],
    ]);
  },
  "reasoning-minimax": ({ stdout }) => {
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
  "reasoning-unsupported-tools": noRequests,
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

const fixture = useEmulator();

/** Runs a block against the shared emulator: in this worker, or as a process for `node:test` blocks. */
async function run(block: Block): Promise<{ ok: boolean; report: string; stdout: string }> {
  const env = { SYNTHETIC_BASE_URL: fixture.emulator.url, SYNTHETIC_API_KEY: "test-key", NO_COLOR: "1" };
  if (/from ["']node:test["']/.test(block.code)) {
    const { code, stdout, stderr } = await runTsx(block.path, { ...process.env, ...env });
    return { ok: code === 0, report: `exit code ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`, stdout };
  }
  const result = await runInProcess(block.path, env);
  return { ok: result.error === undefined && !result.exitCode, report: describeRun(result), stdout: result.stdout };
}

/** One tsc program over every block. */
function typecheck(): Promise<{ code: number | null; out: string }> {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, "-p", join(OUT, "tsconfig.json")], { cwd: ROOT });
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

// Started before the runs so tsc uses the other core meanwhile; its result is asserted last.
let typechecked: ReturnType<typeof typecheck>;
beforeAll(() => {
  typechecked = typecheck();
  typechecked.catch(() => {}); // reported by its test, never as an unhandled rejection
});

afterAll(() => {
  if (!process.env.KEEP_DOCS_BLOCKS) rmSync(OUT, { recursive: true, force: true });
});

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
    for (const block of blocks.filter((b) => !b.file && !b.flags.has("no-run"))) {
      it(`${block.page}:${block.line}${block.id ? ` (${block.id})` : ""}`, async () => {
        for (const reply of replies[block.id ?? ""] ?? []) fixture.emulator.script(reply);
        const result = await run(block);
        expect(result.ok, result.report).toBe(true);
        const outcome = { requests: [...fixture.emulator.requests], stdout: result.stdout };
        const check = checks[block.id ?? ""];
        if (check) check(outcome);
        else if (CALLS.test(block.code) && !block.code.includes("startSyntheticEmulator")) {
          expect(outcome.requests.length, "the block made no request to the emulator").toBeGreaterThan(0);
        }
      }, 90_000);
    }
  });

  it("typecheck with the repo's strict tsconfig", async () => {
    const result = await typechecked;
    expect(result.out.replaceAll(`${OUT}/`, ""), "type errors in docs blocks").toBe("");
    expect(result.code).toBe(0);
  }, 180_000);
});
