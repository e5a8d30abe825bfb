import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generate } from "../scripts/generate-models";
import { getModelInfo, listModels } from "../src/catalog";
import { modelsFileSchema } from "../src/catalog-schema";

const raw = JSON.parse(readFileSync(new URL("../models.json", import.meta.url), "utf8"));
const seedPage = readFileSync(new URL("../../shared/seed/mastra-synthetic-provider-page.txt", import.meta.url), "utf8");

describe("models.json", () => {
  it("matches the catalog schema", () => {
    expect(() => modelsFileSchema.parse(raw)).not.toThrow();
  });

  it("lists every model of the seed page, with the context and price the page shows", () => {
    const lines = seedPage.split("\n").filter((line) => line.startsWith("synthetic/hf:"));
    expect(lines).toHaveLength(23);
    // The page shows prices < $1 to the cent and >= $1 rounded to whole dollars.
    const shown = (usd: number) => (usd < 1 ? usd.toFixed(2) : String(Math.round(usd)));
    const chat = listModels({ kind: "chat" });
    for (const line of lines) {
      // Ids run into the context digits on the page ("DeepSeek-R1128K"): take the longest catalog id that prefixes the line.
      const [info] = chat
        .filter((m) => line.startsWith(`synthetic/${m.id}`) && /^\d+K\$/.test(line.slice(`synthetic/${m.id}`.length)))
        .sort((a, b) => b.id.length - a.id.length);
      expect(info, line).toBeDefined();
      if (!info) continue;
      const [, context, input, output] =
        /^(\d+)K\$([\d.]+)\$([\d.]+)$/.exec(line.slice(`synthetic/${info.id}`.length)) ?? [];
      expect(String(Math.round(info.contextWindow / 1000)), info.id).toBe(context);
      expect(shown(info.cost.input), info.id).toBe(input);
      expect(shown(info.cost.output), info.id).toBe(output);
    }
  });

  it("has unique ids and flags that agree (reasoning format only on reasoning models)", () => {
    const ids = listModels().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const model of listModels()) {
      expect(model.reasoningFormat !== null, model.id).toBe(model.reasoning);
      if (model.reasoningEfforts) expect(model.reasoning, model.id).toBe(true);
    }
  });

  it("keeps the generated id type and model tables in sync with models.json", () => {
    expect(generate({ check: true })).toEqual([]);
  });
});

describe("catalog lookups", () => {
  it("finds models by bare id, synthetic/ prefix, and case-insensitively", () => {
    expect(getModelInfo("hf:MiniMaxAI/MiniMax-M2")?.reasoningFormat).toBe("think-tags");
    expect(getModelInfo("synthetic/hf:zai-org/GLM-4.6")?.contextWindow).toBe(200000);
    expect(getModelInfo("hf:minimaxai/minimax-m2")?.id).toBe("hf:MiniMaxAI/MiniMax-M2");
    expect(getModelInfo("hf:nobody/unknown")).toBeUndefined();
  });

  it("filters by kind", () => {
    expect(listModels({ kind: "chat" })).toHaveLength(23);
    expect(listModels({ kind: "embedding" }).map((m) => m.id)).toEqual(["hf:nomic-ai/nomic-embed-text-v1.5"]);
  });
});
