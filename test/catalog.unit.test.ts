/**
 * The bundled catalog (models.json): schema, recorded sources, the 2025 seed models (figures in
 * test/fixtures/seed-models.json), today's figures pinned to their records, lookups, and the
 * retired-model hint.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generate } from "../scripts/generate-models";
import { getModelInfo, listModels, retiredModelHint } from "../src/catalog";
import { modelsFileSchema, type SyntheticModelInfo } from "../src/catalog-schema";

const raw = JSON.parse(readFileSync(new URL("../models.json", import.meta.url), "utf8"));
type SeedModel = {
  id: string;
  shown: { context: string; input: string; output: string };
  contextWindow: number;
  maxOutputTokens: number;
  cost: { input: number; output: number };
};
const seed: { models: SeedModel[] } = JSON.parse(
  readFileSync(new URL("./fixtures/seed-models.json", import.meta.url), "utf8"),
);
const info = (id: string): SyntheticModelInfo => {
  const found = getModelInfo(id);
  if (!found) throw new Error(`${id} is not in the catalog`);
  return found;
};

describe("models.json", () => {
  it("matches the catalog schema, every entry with a recorded source and date", () => {
    const file = modelsFileSchema().parse(raw);
    for (const model of file.models) {
      expect(model.source, model.id).toBeDefined();
      expect(model.date, model.id).toMatch(/^\d{4}-\d\d-\d\d$/);
      if (model.retired) expect(model.retiredOn, model.id).toMatch(/^\d{4}-\d\d-\d\d$/);
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

  it("lists syn: aliases with targets in the catalog, and successors that lead to a current model", () => {
    const aliases = listModels().filter((m) => m.id.startsWith("syn:"));
    expect(aliases.map((m) => [m.id, m.aliasOf])).toEqual([
      ["syn:large:text", "hf:zai-org/GLM-5.3-Flash"],
      ["syn:large:vision", "hf:moonshotai/Kimi-K3"],
      ["syn:small:text", "hf:zai-org/GLM-4.7-Flash"],
      ["syn:small:vision", "hf:Qwen/Qwen3.8-27B"],
    ]);
    for (const alias of aliases) {
      const target = info(alias.aliasOf as string);
      expect(target.retired, alias.id).toBeFalsy();
      // An alias is priced and limited as its target.
      expect({ ...alias.cost, context: alias.contextWindow }).toEqual({
        ...target.cost,
        context: target.contextWindow,
      });
    }
    for (const model of listModels({ retired: true })) {
      let next: SyntheticModelInfo | undefined = model;
      for (let hops = 0; next?.retired && hops < 5; hops++)
        next = next.successor ? getModelInfo(next.successor) : undefined;
      expect(next !== undefined && !next.retired, `${model.id} leads to a current model`).toBe(true);
    }
  });

  it("keeps the nomic embedding model", () => {
    expect(listModels({ kind: "embedding" }).map((m) => [m.id, m.contextWindow])).toEqual([
      ["hf:nomic-ai/nomic-embed-text-v1.5", 8192],
    ]);
  });

  it("keeps the generated id type and model tables in sync with models.json", () => {
    expect(generate({ check: true })).toEqual([]);
  });
});

describe("the 23 seed models (test/fixtures/seed-models.json)", () => {
  // The page's display rule, checked against the fixture's precise figures first.
  const shownPrice = (usd: number) => (usd < 1 ? `$${usd.toFixed(2)}` : `$${Math.round(usd)}`);
  const shownContext = (tokens: number) => `${Math.round(tokens / 1000)}K`;

  it("holds figures consistent with what the page shows", () => {
    expect(seed.models).toHaveLength(23);
    for (const model of seed.models) {
      expect(
        {
          context: shownContext(model.contextWindow),
          input: shownPrice(model.cost.input),
          output: shownPrice(model.cost.output),
        },
        model.id,
      ).toEqual(model.shown);
    }
  });

  it("are all in the catalog; the retired ones keep the page's context and prices", () => {
    for (const model of seed.models) {
      const entry = info(model.id);
      if (!entry.retired) continue;
      expect({ context: entry.contextWindow, ...entry.cost }, model.id).toEqual({
        context: model.contextWindow,
        ...model.cost,
      });
    }
  });

  it("records which were retired, and when", () => {
    const retired = seed.models.filter((m) => info(m.id).retired).map((m) => m.id);
    expect(retired).toHaveLength(22);
    expect(seed.models.filter((m) => !info(m.id).retired).map((m) => m.id)).toEqual(["hf:openai/gpt-oss-120b"]);
    expect(info("hf:moonshotai/Kimi-K2-Instruct")).toMatchObject({
      retiredOn: "2026-01-04",
      successor: "hf:moonshotai/Kimi-K2-Instruct-0905",
    });
    expect(info("hf:zai-org/GLM-4.5").retiredOn).toBe("2026-02-12");
    expect(info("hf:zai-org/GLM-4.6").retiredOn).toBe("2026-06-23");
  });

  it("the one still served carries newer figures and says which seed figure they replace", () => {
    const gptOss = info("hf:openai/gpt-oss-120b");
    expect(gptOss.contextWindow).toBe(131072);
    expect(gptOss.notes).toContain("the seed page showed 128K");
  });
});

describe("today's figures, pinned to their recorded sources", () => {
  const MODELS_DEV = "anomalyco/models.dev";
  it.each([
    {
      id: "hf:moonshotai/Kimi-K3",
      contextWindow: 524288,
      maxOutputTokens: 65536,
      cost: { input: 3, output: 15, cacheRead: 0.45 },
      reasoningEfforts: ["low", "high", "max"],
      input: ["text", "image"],
      source: { repo: MODELS_DEV, commit: "4c55d4c0dda5c5a2d463aa8194a84a3e882d67dd" },
      date: "2026-07-28",
    },
    {
      id: "hf:deepseek-ai/DeepSeek-V4.1-Flash",
      contextWindow: 524288,
      maxOutputTokens: 65536,
      cost: { input: 0.6, output: 1.2, cacheRead: 0.03 },
      reasoningEfforts: ["none", "low", "high", "xhigh", "max"],
      reasoningFormat: "reasoning",
      source: { repo: MODELS_DEV, commit: "c4ae0c1a3ec79d3b3af3052dc2b6702390388cf0" },
      date: "2026-09-16",
    },
    {
      id: "hf:zai-org/GLM-5.3-Flash",
      cost: { input: 0.15, output: 0.5, cacheRead: 0.04 },
      reasoningEfforts: ["low", "high", "max"],
      source: { repo: MODELS_DEV, path: "providers/synthetic/provider.toml" },
      date: "2026-08-29",
    },
    {
      id: "hf:Qwen/Qwen3.8-27B",
      contextWindow: 262144,
      cost: { input: 0.45, output: 2.2, cacheRead: 0.09 },
      reasoningEfforts: ["low", "medium", "xhigh"],
      source: { repo: "sst/models.dev", commit: "a703564c7ddfb3c6592a5e3e8a8a52909073bab9" },
      date: "2026-08-27",
    },
    {
      id: "hf:nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-NVFP4",
      contextWindow: 262144,
      cost: { input: 0.3, output: 1 }, // cache reads at the input price
      source: { repo: MODELS_DEV, commit: "025cbaeb3297e6ad6f0d503505a6a12df121ace9" },
    },
  ])("$id", ({ id, ...expected }) => {
    expect(getModelInfo(id)).toMatchObject(expected);
  });

  it("GLM-5.2: the newer record's price wins, and the entry names the disagreement", () => {
    const glm = info("hf:zai-org/GLM-5.2");
    expect(glm.cost).toEqual({ input: 1, output: 3, cacheRead: 0.16 });
    expect(glm.notes).toMatch(/\$1\.40 in \/ \$4\.40 out/);
    expect(glm.notes).toMatch(/Newest wins/);
  });

  it("retired since 2026: MiniMax-M3 and Qwen3.6-27B, with successors", () => {
    expect(info("hf:MiniMaxAI/MiniMax-M3")).toMatchObject({ retired: true, retiredOn: "2026-08-27" });
    expect(info("hf:Qwen/Qwen3.6-27B")).toMatchObject({
      retired: true,
      retiredOn: "2026-08-30",
      successor: "hf:Qwen/Qwen3.8-27B",
    });
  });
});

describe("catalog lookups", () => {
  it("finds models by bare id, synthetic/ prefix, and case-insensitively", () => {
    expect(getModelInfo("hf:MiniMaxAI/MiniMax-M2")?.reasoningFormat).toBe("think-tags");
    expect(getModelInfo("synthetic/hf:moonshotai/Kimi-K3")?.contextWindow).toBe(524288);
    expect(getModelInfo("hf:zai-org/glm-5.3-flash")?.id).toBe("hf:zai-org/GLM-5.3-Flash");
    expect(getModelInfo("hf:nobody/unknown")).toBeUndefined();
  });

  it("filters by kind and by retirement; retired entries read as deprecated too (the older name)", () => {
    const chat = listModels({ kind: "chat" });
    const current = listModels({ kind: "chat", retired: false });
    expect(chat.length).toBe(current.length + listModels({ retired: true }).length);
    expect(current.every((m) => !m.retired && !m.deprecated)).toBe(true);
    expect(listModels({ retired: true }).every((m) => m.deprecated === true)).toBe(true);
  });
});

describe("retiredModelHint", () => {
  it("names the record's date and the current successor", () => {
    expect(retiredModelHint("hf:zai-org/GLM-4.6")).toBe(
      "hf:zai-org/GLM-4.6 was retired by Synthetic (recorded 2026-06-23); use hf:zai-org/GLM-5.3-Flash.",
    );
  });

  it("follows successors that were retired in turn", () => {
    // Kimi-K2-Instruct -> Kimi-K2-Instruct-0905 (retired 2026-06-23) -> Kimi-K3.
    expect(retiredModelHint("synthetic/hf:moonshotai/kimi-k2-instruct")).toBe(
      "hf:moonshotai/Kimi-K2-Instruct was retired by Synthetic (recorded 2026-01-04); use hf:moonshotai/Kimi-K3.",
    );
  });

  it("says what an alias successor routes to", () => {
    expect(retiredModelHint("hf:meta-llama/Llama-3.1-8B-Instruct")).toBe(
      "hf:meta-llama/Llama-3.1-8B-Instruct was retired by Synthetic (recorded 2026-06-23); use syn:small:text (currently hf:zai-org/GLM-4.7-Flash).",
    );
  });

  it("is undefined for current and unknown models", () => {
    expect(retiredModelHint("hf:moonshotai/Kimi-K3")).toBeUndefined();
    expect(retiredModelHint("hf:someone/on-demand")).toBeUndefined();
  });
});
