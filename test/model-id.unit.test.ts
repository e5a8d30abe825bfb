import { describe, expect, it } from "vitest";
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
    expect((error as Error).message).toContain('Did you mean "hf:MiniMaxAI/MiniMax-M2"');
  });

  it("suggests for near misses and typos", () => {
    expect(suggestModelIds("glm-4.6")[0]).toBe("hf:zai-org/GLM-4.6");
    expect(suggestModelIds("hf:moonshotai/Kimi-K2-Thinkin")[0]).toBe("hf:moonshotai/Kimi-K2-Thinking");
    expect(() => normalizeModelId("")).toThrow(/empty/);
    expect(() => normalizeModelId("hf:no-slash")).toThrow(/not a Synthetic model id/);
  });
});
