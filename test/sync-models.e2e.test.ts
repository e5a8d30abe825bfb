/**
 * `npm run models:sync`: models.json refreshed from a `/models` response (saved, or live from the
 * emulator), run on temporary copies so the repository's models.json is never touched.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { renderModelIds, renderReadmeTable } from "../scripts/generate-models";
import { main, syncModels } from "../scripts/sync-models";
import { listModels } from "../src/catalog";
import { type ModelsFile, modelsFileSchema, type SyntheticModelInfo } from "../src/catalog-schema";
import { startSyntheticEmulator } from "../src/testing";

const root = fileURLToPath(new URL("..", import.meta.url));
const realModelsPath = join(root, "models.json");
const realModelsText = readFileSync(realModelsPath, "utf8");
const tmp = mkdtempSync(join(tmpdir(), "models-sync-"));
const URL_READ = "https://api.synthetic.new/openai/v1/models";
const DATE = "2026-12-01";
let modelsPath: string;
let run = 0;

// The one process (tsx compiles the script first: seconds) starts now and runs while the
// in-process tests do; its test at the end awaits it.
const processTarget = join(tmp, "process-target.json");
let failedProcess: Promise<{ code: number; stderr: string }>;
beforeAll(() => {
  const bad = join(tmp, "bad.json");
  writeFileSync(bad, "not json");
  copyFileSync(realModelsPath, processTarget);
  failedProcess = promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "scripts/sync-models.ts", "--from-file", bad, "--models", processTarget],
    { cwd: root },
  ).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );
});
beforeEach(() => {
  modelsPath = join(tmp, `models-${++run}.json`);
  copyFileSync(realModelsPath, modelsPath);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  // The sync under test never wrote to the real file.
  expect(readFileSync(realModelsPath, "utf8")).toBe(realModelsText);
});

const read = (path = modelsPath): ModelsFile => modelsFileSchema().parse(JSON.parse(readFileSync(path, "utf8")));
const entry = (file: ModelsFile, id: string) => file.models.find((model) => model.id === id);
const perToken = (usdPerMillion: number) =>
  usdPerMillion === 0 ? "0" : `$${(usdPerMillion / 1e6).toFixed(12).replace(/0+$/, "")}`;

/** A `/models` entry in Synthetic's shape for a catalog entry. */
function liveEntry(model: SyntheticModelInfo): Record<string, unknown> {
  return {
    id: model.id,
    ...(model.aliasOf ? { hugging_face_id: model.aliasOf.replace(/^hf:/, "") } : {}),
    input_modalities: model.input,
    output_modalities: [model.kind === "embedding" ? "embedding" : "text"],
    context_length: model.contextWindow,
    ...(model.maxOutputTokens ? { max_output_length: model.maxOutputTokens } : {}),
    ...(model.cost
      ? {
          pricing: {
            prompt: perToken(model.cost.input),
            completion: perToken(model.cost.output),
            input_cache_reads: perToken(model.cost.cacheRead ?? model.cost.input),
          },
        }
      : {}),
    supported_features:
      model.kind === "embedding"
        ? []
        : [
            ...(model.tools ? ["tools"] : []),
            ...(model.structuredOutputs ? ["structured_outputs"] : []),
            ...(model.reasoning ? ["reasoning"] : []),
          ],
    ...(model.reasoningEfforts ? { reasoning_parameters: { efforts: model.reasoningEfforts } } : {}),
  };
}

// Today's live list: every current bundled model, as recorded...
const current = listModels({ retired: false });
// ...with one gone, one new, one re-priced, one odd entry and one unusable.
const response = {
  data: [
    ...current
      .filter((m) => m.id !== "hf:zai-org/GLM-5.1")
      .map((m) =>
        m.id === "hf:zai-org/GLM-4.7-Flash"
          ? {
              ...liveEntry(m),
              pricing: { prompt: "$0.00000008", completion: "$0.0000004", input_cache_reads: "$0.00000002" },
            }
          : m.id === "hf:moonshotai/Kimi-K3"
            ? { ...liveEntry(m), pricing: { prompt: "8", completion: "$0.000015", input_cache_reads: "$0.00000045" } }
            : liveEntry(m),
      ),
    {
      id: "hf:newlab/Fresh-1",
      hugging_face_id: "newlab/Fresh-1",
      input_modalities: ["text"],
      context_length: 131072,
      pricing: { prompt: "$0.0000004", completion: "$0.0000016" },
      supported_features: ["tools", "reasoning"],
      reasoning_parameters: { efforts: ["low", "high"] },
    },
    { id: "hf:newlab/No-Context-Yet", supported_features: ["tools"] },
  ],
};
const sync = (options: Partial<Parameters<typeof syncModels>[0]> = {}) =>
  syncModels({ response, modelsPath, url: URL_READ, date: DATE, ...options });

describe("syncModels from a /models response", () => {
  it("adds new models, updates changed ones, retires missing ones, skips and reports unusable data", () => {
    const report = sync();
    expect(report).toMatchObject({
      added: ["hf:newlab/Fresh-1"],
      updated: ["hf:zai-org/GLM-4.7-Flash"],
      retired: ["hf:zai-org/GLM-5.1"],
      restored: [],
      skipped: [
        { id: "hf:newlab/No-Context-Yet", reason: "no usable context_length, and no bundled entry to take it from" },
      ],
      problems: [
        { id: "hf:moonshotai/Kimi-K3", field: "pricing.prompt", reason: expect.stringContaining("implausible") },
      ],
      changed: true,
    });
  });

  it("records the read as the source of changed and new entries; unchanged ones keep their record", () => {
    const before = read();
    sync();
    const after = read();
    expect(entry(after, "hf:zai-org/GLM-4.7-Flash")).toMatchObject({
      cost: { input: 0.08, output: 0.4, cacheRead: 0.02 },
      source: { url: URL_READ },
      date: DATE,
      // Fields /models does not carry stay.
      reasoningFormat: entry(before, "hf:zai-org/GLM-4.7-Flash")?.reasoningFormat,
      notes: entry(before, "hf:zai-org/GLM-4.7-Flash")?.notes,
    });
    expect(entry(after, "hf:newlab/Fresh-1")).toMatchObject({
      source: { url: URL_READ },
      date: DATE,
      cost: { input: 0.4, output: 1.6 },
    });
    for (const id of ["hf:deepseek-ai/DeepSeek-V4.1-Flash", "syn:large:text", "hf:nomic-ai/nomic-embed-text-v1.5"]) {
      expect(entry(after, id), id).toEqual(entry(before, id));
    }
    // An unusable live price keeps the recorded one.
    expect(entry(after, "hf:moonshotai/Kimi-K3")).toEqual(entry(before, "hf:moonshotai/Kimi-K3"));
  });

  it("keeps a model that disappeared, whole, with retired and the date of the read", () => {
    const before = entry(read(), "hf:zai-org/GLM-5.1");
    sync();
    expect(entry(read(), "hf:zai-org/GLM-5.1")).toEqual({
      ...before,
      retired: true,
      retiredOn: DATE,
      deprecated: true,
    });
    // Already retired ones stay as recorded.
    expect(entry(read(), "hf:zai-org/GLM-4.6")?.retiredOn).toBe("2026-06-23");
    expect(readFileSync(modelsPath, "utf8")).not.toContain('"deprecated"');
  });

  it("writes a file in the catalog's order and formatting, and is idempotent", () => {
    sync();
    const first = readFileSync(modelsPath, "utf8");
    const ids = read().models.map((model) => model.id);
    expect(ids.at(-1)).toBe("hf:nomic-ai/nomic-embed-text-v1.5");
    expect(ids.indexOf("hf:newlab/Fresh-1")).toBe(ids.indexOf("hf:nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-NVFP4") - 1);
    expect(first.endsWith("}\n")).toBe(true);
    const again = sync();
    expect(again).toMatchObject({ added: [], updated: [], retired: [], restored: [], changed: false });
    expect(readFileSync(modelsPath, "utf8")).toBe(first);
  });

  it("drops the retired flag when a model is listed again", () => {
    const glm = entry(read(), "hf:zai-org/GLM-4.6") as SyntheticModelInfo;
    const relisted = { data: [...response.data, liveEntry(glm)] };
    const report = sync({ response: relisted });
    expect(report.restored).toEqual(["hf:zai-org/GLM-4.6"]);
    const after = entry(read(), "hf:zai-org/GLM-4.6");
    expect(after?.retired).toBeUndefined();
    expect(after).toMatchObject({ cost: glm.cost, contextWindow: glm.contextWindow, source: glm.source });
  });

  it("feeds the generator: the id type and README table pick up new models and drop retired ones", () => {
    sync();
    const { models } = read();
    const ids = renderModelIds(models);
    expect(ids).toContain('| "hf:newlab/Fresh-1"');
    expect(ids).not.toContain('"hf:zai-org/GLM-5.1"');
    const readme = renderReadmeTable(models);
    expect(readme).toContain("| `synthetic/hf:newlab/Fresh-1` | 131K | yes | yes | — | $0.40 | $1.60 | $0.40 |");
    expect(readme).toContain("| `synthetic/syn:large:text` → `hf:zai-org/GLM-5.3-Flash` |");
    expect(readme).not.toContain("GLM-5.1");
  });

  it("writes to another path when asked, leaving the input alone; dry runs write nothing", () => {
    const out = join(tmp, "out.json");
    sync({ outputPath: out });
    expect(readFileSync(modelsPath, "utf8")).toBe(realModelsText);
    expect(entry(read(out), "hf:newlab/Fresh-1")).toBeDefined();
    expect(sync({ dryRun: true }).changed).toBe(true);
    expect(readFileSync(modelsPath, "utf8")).toBe(realModelsText);
  });

  it("refuses a response with no usable models instead of retiring everything", () => {
    expect(() => sync({ response: { data: [] } })).toThrow(/no usable models/);
    expect(readFileSync(modelsPath, "utf8")).toBe(realModelsText);
  });
});

describe("the models:sync command line", () => {
  /** Runs `main()` in-process, capturing what it prints. */
  async function runMain(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line) => void out.push(String(line)));
    const warn = vi.spyOn(console, "warn").mockImplementation((line) => void err.push(String(line)));
    try {
      return { code: await main(args), stdout: out.join("\n"), stderr: err.join("\n") };
    } finally {
      log.mockRestore();
      warn.mockRestore();
    }
  }

  it("syncs from --from-file into --models, reporting each change", async () => {
    const saved = join(tmp, "response.json");
    writeFileSync(saved, JSON.stringify(response));
    const { code, stdout, stderr } = await runMain(["--from-file", saved, "--models", modelsPath]);
    expect(code).toBe(0);
    expect(stdout).toContain("added: hf:newlab/Fresh-1");
    expect(stdout).toContain("retired (no longer listed): hf:zai-org/GLM-5.1");
    expect(stdout).toContain(`wrote ${modelsPath}`);
    // A copy elsewhere is not what the generator renders, so it is not run.
    expect(stdout).not.toContain("regenerated");
    expect(stderr).toContain("skipped hf:newlab/No-Context-Yet: no usable context_length");
    expect(stderr).toContain("kept the recorded pricing.prompt of hf:moonshotai/Kimi-K3");
    expect(entry(read(), "hf:newlab/Fresh-1")?.source).toEqual({ url: `file:${saved}` });
  });

  it("syncs from --from-url: the emulator's /models of the current bundled models changes nothing", async () => {
    const emulator = await startSyntheticEmulator({ models: current });
    try {
      const { code, stdout } = await runMain(["--from-url", emulator.url, "--models", modelsPath]);
      expect(code).toBe(0);
      expect(stdout).toContain("up to date");
      expect(readFileSync(modelsPath, "utf8")).toBe(realModelsText);
      expect(emulator.lastRequest()?.path).toBe("/openai/v1/models");
    } finally {
      await emulator.close();
    }
  });

  it("as a process: exits 1 with a one-line error for an unreadable file", async () => {
    const failed = await failedProcess;
    expect(failed).toMatchObject({ code: 1 });
    expect(failed.stderr).toMatch(/^error: /);
    expect(failed.stderr).not.toContain("    at ");
    expect(readFileSync(processTarget, "utf8")).toBe(realModelsText);
  });
});
