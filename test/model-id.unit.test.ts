import { describe, expect, it } from "vitest";
import { listModels } from "../src/catalog";
import { SyntheticConfigurationError } from "../src/errors";
import { normalizeModelId, suggestModelIds } from "../src/model-id";

describe("model ids", () => {
  it("accepts hf:, syn: and synthetic/-prefixed ids", () => {
    expect(normalizeModelId("hf:MiniMaxAI/MiniMax-M2")).toBe("hf:MiniMaxAI/MiniMax-M2");
    expect(normalizeModelId("synthetic/hf:zai-org/GLM-4.6")).toBe("hf:zai-org/GLM-4.6");
    expect(normalizeModelId("syn:large:text")).toBe("syn:large:text");
    expect(normalizeModelId("synthetic/syn:large:text")).toBe("syn:large:text");
  });

  it("accepts syn/alias, Mastra 0.24's spelling of an alias (its router splits synthetic/syn/alias into syn + alias)", () => {
    expect(normalizeModelId("synthetic/syn/large:text")).toBe("syn:large:text");
    expect(normalizeModelId("syn/large:text")).toBe("syn:large:text");
    expect(normalizeModelId("syn/a/b")).toBe("syn:a/b");
    expect(() => normalizeModelId("syn/")).toThrow(/not a Synthetic model id/);
    expect(() => normalizeModelId("synthetic/syn")).toThrow(/not a Synthetic model id/);
  });

  it("uses the catalog's casing", () => {
    expect(normalizeModelId("hf:zai-org/glm-4.6")).toBe("hf:zai-org/GLM-4.6");
  });

  it("passes well-formed ids outside the catalog through (on-demand models)", () => {
    expect(normalizeModelId("hf:someone/brand-new-model")).toBe("hf:someone/brand-new-model");
  });

  it("rejects an id without hf:/syn: and suggests the closest catalog ids", () => {
    let error: unknown;
    try {
      normalizeModelId("MiniMaxAI/MiniMax-M2");
    } catch (e) {
      error = e;
    }
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect((error as SyntheticConfigurationError).code).toBe("invalid-model-id");
    // The model it names is retired: said so, with its current successor as the suggestion.
    expect((error as Error).message).toContain(
      "hf:MiniMaxAI/MiniMax-M2 was retired by Synthetic (recorded 2026-06-23); use syn:large:text (currently hf:zai-org/GLM-5.3-Flash). " +
        'Did you mean "syn:large:text"?',
    );
  });

  it("names a retired model as retired for Mastra's synthetic/Name spelling too, suggesting current models only", () => {
    const message = (() => {
      try {
        return normalizeModelId("synthetic/MiniMax-M2");
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/hf:MiniMaxAI\/MiniMax-M2 was retired by Synthetic .*; use syn:large:text/);
    const suggested = [...(/Did you mean (.*?)\?/.exec(message)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(suggested).toEqual(["syn:large:text"]);
    const retired = new Set(listModels({ retired: true }).map((m) => m.id));
    for (const input of ["MiniMax-M2", "glm-4.6", "Kimi-K2-Thinking", "llama-3.3-70b", "deepseek-v3"]) {
      expect(
        suggestModelIds(input).filter((id) => retired.has(id)),
        input,
      ).toEqual([]);
    }
  });

  it("suggests for near misses and typos", () => {
    expect(suggestModelIds("glm-5.2")[0]).toBe("hf:zai-org/GLM-5.2");
    expect(suggestModelIds("hf:moonshotai/Kimi-K2.")[0]).toBe("hf:moonshotai/Kimi-K2.6");
    expect(() => normalizeModelId("")).toThrow(/empty/);
    expect(() => normalizeModelId("hf:no-slash")).toThrow(/not a Synthetic model id/);
  });
});
