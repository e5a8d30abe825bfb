/**
 * `npm run models:sync`: models.json refreshed from a saved `/models` response (and from a live
 * one on the emulator), run on temporary copies so the repository's models.json is never touched.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { renderModelIds, renderReadmeTable } from "../scripts/generate-models";
import { syncModels } from "../scripts/sync-models";
import { type ModelsFile, modelsFileSchema } from "../src/catalog-schema";
import { startSyntheticEmulator } from "../src/testing";

const root = fileURLToPath(new URL("..", import.meta.url));
const realModelsPath = join(root, "models.json");
const fixturePath = join(root, "test/fixtures/models-response.json");
const fixture: unknown = JSON.parse(readFileSync(fixturePath, "utf8"));
const realModelsText = readFileSync(realModelsPath, "utf8");
const tmp = mkdtempSync(join(tmpdir(), "models-sync-"));
let modelsPath: string;
let run = 0;

beforeEach(() => {
  modelsPath = join(tmp, `models-${++run}.json`);
  copyFileSync(realModelsPath, modelsPath);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  // The sync under test never wrote to the real file.
  expect(readFileSync(realModelsPath, "utf8")).toBe(realModelsText);
});

const read = (path = modelsPath): ModelsFile => modelsFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
const entry = (file: ModelsFile, id: string) => file.models.find((model) => model.id === id);

describe("syncModels from a saved /models response", () => {
  it("adds new models, updates changed ones, deprecates missing ones, skips unusable entries", () => {
    const report = syncModels({ response: fixture, modelsPath });
    expect(report.added.sort()).toEqual(
      [
        "hf:deepseek-ai/DeepSeek-V3.2",
        "hf:nvidia/Llama-3.3-Nemotron-Super-49B-v1.5",
        "hf:Qwen/Qwen3-VL-235B-A22B-Instruct",
        "hf:zai-org/GLM-4.7",
        "syn:large:text",
      ].sort(),
    );
    expect(report.updated).toEqual(["hf:deepseek-ai/DeepSeek-V3"]);
    expect(report.deprecated).toEqual(["hf:meta-llama/Llama-3.1-405B-Instruct"]);
    expect(report.skipped).toEqual([{ id: "hf:example-org/No-Context-Yet", reason: "no context_length" }]);
    expect(report.changed).toBe(true);
  });

  it("keeps a model that disappeared, whole, with deprecated: true", () => {
    const before = entry(read(), "hf:meta-llama/Llama-3.1-405B-Instruct");
    syncModels({ response: fixture, modelsPath });
    expect(entry(read(), "hf:meta-llama/Llama-3.1-405B-Instruct")).toEqual({ ...before, deprecated: true });
  });

  it("preserves bundled-only fields (reasoningFormat, reasoningReplay, notes) for ids still listed", () => {
    const before = read();
    syncModels({ response: fixture, modelsPath });
    const after = read();
    for (const id of ["hf:MiniMaxAI/MiniMax-M2", "hf:moonshotai/Kimi-K2-Thinking", "hf:openai/gpt-oss-120b"]) {
      const { reasoningFormat, reasoningReplay, notes } = entry(before, id) ?? {};
      expect(entry(after, id)).toMatchObject({ reasoningFormat, reasoningReplay, notes });
    }
    // Partner-backend entry without max_output_length / supported_features keeps bundled capabilities.
    expect(entry(after, "hf:moonshotai/Kimi-K2-Thinking")).toEqual(entry(before, "hf:moonshotai/Kimi-K2-Thinking"));
    expect(entry(after, "hf:deepseek-ai/DeepSeek-V3")?.cost).toEqual({ input: 0.49, output: 0.89 });
    expect(entry(after, "syn:large:text")?.aliasOf).toBe("hf:zai-org/GLM-4.7");
  });

  it("writes a file in the catalog's order and formatting, and is idempotent", () => {
    syncModels({ response: fixture, modelsPath });
    const first = readFileSync(modelsPath, "utf8");
    const ids = read().models.map((model) => model.id);
    expect(ids.at(-1)).toBe("hf:nomic-ai/nomic-embed-text-v1.5");
    expect(ids.indexOf("hf:deepseek-ai/DeepSeek-V3.2")).toBe(ids.indexOf("hf:deepseek-ai/DeepSeek-V3.1-Terminus") + 1);
    expect(first.endsWith("}\n")).toBe(true);
    const again = syncModels({ response: fixture, modelsPath });
    expect(again).toMatchObject({ added: [], updated: [], deprecated: [], restored: [], changed: false });
    expect(readFileSync(modelsPath, "utf8")).toBe(first);
  });

  it("drops the deprecated flag when a model is listed again", () => {
    syncModels({ response: fixture, modelsPath });
    const bundled = JSON.parse(realModelsText) as ModelsFile;
    const llama = bundled.models.find((m) => m.id === "hf:meta-llama/Llama-3.1-405B-Instruct");
    const relisted = {
      data: [
        ...(fixture as { data: unknown[] }).data,
        {
          id: llama?.id,
          context_length: llama?.contextWindow,
          max_output_length: llama?.maxOutputTokens,
          input_modalities: ["text"],
          pricing: { prompt: "$0.000003", completion: "$0.000003" },
          supported_features: ["tools", "json_mode", "structured_outputs"],
        },
      ],
    };
    const report = syncModels({ response: relisted, modelsPath });
    expect(report.restored).toEqual(["hf:meta-llama/Llama-3.1-405B-Instruct"]);
    expect(entry(read(), "hf:meta-llama/Llama-3.1-405B-Instruct")).toEqual(llama);
  });

  it("feeds the generator: the id type and README table pick up new models and drop deprecated ones", () => {
    syncModels({ response: fixture, modelsPath });
    const { models } = read();
    const ids = renderModelIds(models);
    expect(ids).toContain('| "hf:zai-org/GLM-4.7"');
    expect(ids).toContain('| "syn:large:text"');
    const readme = renderReadmeTable(models);
    expect(readme).toContain("| `synthetic/hf:zai-org/GLM-4.7` | 203K | yes | yes | — | $0.55 | $2.19 |");
    expect(readme).toContain("`synthetic/hf:Qwen/Qwen3-VL-235B-A22B-Instruct` | 262K | yes | — | yes |");
    expect(readme).not.toContain("Llama-3.1-405B-Instruct");
  });

  it("writes to another path when asked, leaving the input alone; dry runs write nothing", () => {
    const out = join(tmp, "out.json");
    syncModels({ response: fixture, modelsPath, outputPath: out });
    expect(readFileSync(modelsPath, "utf8")).toBe(realModelsText);
    expect(entry(read(out), "hf:zai-org/GLM-4.7")).toBeDefined();
    const dry = syncModels({ response: fixture, modelsPath, dryRun: true });
    expect(dry.changed).toBe(true);
    expect(readFileSync(modelsPath, "utf8")).toBe(realModelsText);
  });

  it("refuses a response with no usable models instead of deprecating everything", () => {
    expect(() => syncModels({ response: { data: [] }, modelsPath })).toThrow(/no usable models/);
    expect(readFileSync(modelsPath, "utf8")).toBe(realModelsText);
  });
});

describe("scripts/sync-models.ts as a process", () => {
  const exec = promisify(execFile);
  const script = (...args: string[]) =>
    exec(process.execPath, ["--import", "tsx", "scripts/sync-models.ts", ...args], { cwd: root });

  it("syncs from --from-file into --models", async () => {
    const { stdout, stderr } = await script("--from-file", fixturePath, "--models", modelsPath);
    expect(stdout).toContain("added: ");
    expect(stdout).toContain("deprecated (no longer listed): hf:meta-llama/Llama-3.1-405B-Instruct");
    expect(stdout).toContain(`wrote ${modelsPath}`);
    // A copy elsewhere is not what the generator renders, so it is not run.
    expect(stdout).not.toContain("regenerated");
    expect(stderr).toContain("skipped hf:example-org/No-Context-Yet: no context_length");
    expect(entry(read(), "syn:large:text")).toBeDefined();
  });

  it("syncs from --from-url: the emulator's /models of the bundled catalog round-trips byte for byte", async () => {
    const emulator = await startSyntheticEmulator();
    try {
      const { stdout } = await script("--from-url", emulator.url, "--models", modelsPath);
      expect(stdout).toContain("up to date");
      expect(readFileSync(modelsPath, "utf8")).toBe(realModelsText);
      expect(emulator.lastRequest()?.path).toBe("/openai/v1/models");
    } finally {
      await emulator.close();
    }
  });

  it("exits 1 with a one-line error for an unreadable file", async () => {
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, "not json");
    const error = await script("--from-file", bad, "--models", modelsPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/^error: /);
    expect((error as { stderr: string }).stderr).not.toContain("    at ");
  });
});
