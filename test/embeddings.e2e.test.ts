/** Embeddings through the AI SDK's embed/embedMany and Mastra's own embed helpers (both lines), with `dimensions`. */

import { embedV2 } from "@mastra/core/vector";
import { embedV2 as embedV2Mastra024 } from "@mastra/core-024/vector";
import { embed, embedMany } from "ai";
import { describe, expect, it } from "vitest";
import { createSynthetic } from "../src";
import { useEmulator } from "./support/emulator";

const MODEL = "hf:nomic-ai/nomic-embed-text-v1.5";
const fixture = useEmulator({ apiKey: "k" });

const provider = () => createSynthetic({ baseURL: fixture.emulator.url, apiKey: "k" });
const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
const embeddingBodies = () =>
  fixture.emulator.requests.filter((r) => r.path.endsWith("/embeddings")).map((r) => r.body as Record<string, unknown>);

describe("AI SDK", () => {
  it("embed: 768 dimensions by default, deterministic per input", async () => {
    const model = provider().textEmbeddingModel(MODEL);
    const first = await embed({ model, value: "sunny day" });
    const again = await embed({ model, value: "sunny day" });
    const other = await embed({ model, value: "rainy night" });
    expect(first.embedding).toHaveLength(768);
    expect(norm(first.embedding)).toBeCloseTo(1, 5);
    expect(again.embedding).toEqual(first.embedding);
    expect(other.embedding).not.toEqual(first.embedding);
    expect(first.usage.tokens).toBeGreaterThan(0);
    expect(embeddingBodies()[0]).toMatchObject({ model: MODEL, input: ["sunny day"] });
  });

  it("embedMany with dimensions from providerOptions.synthetic", async () => {
    const { embeddings } = await embedMany({
      model: provider().embeddingModel(MODEL),
      values: ["a", "b", "c"],
      providerOptions: { synthetic: { dimensions: 256 } },
    });
    expect(embeddings).toHaveLength(3);
    for (const vector of embeddings) expect(vector).toHaveLength(256);
    expect(embeddingBodies()[0]).toMatchObject({ dimensions: 256, input: ["a", "b", "c"] });
  });

  it("surfaces Synthetic's error for a chat model id used as an embedder", async () => {
    const error = await embed({
      model: provider().textEmbeddingModel("hf:zai-org/GLM-5.2"),
      value: "x",
      maxRetries: 0,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((error as Error).message)).toMatch(/embedding/i);
  });
});

describe.each([
  ["1.x", embedV2],
  ["0.24", embedV2Mastra024],
] as const)("Mastra %s embed helper (what Mastra memory and RAG call)", (_line, mastraEmbed) => {
  it("embeds with the Synthetic embedding model", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: Mastra bundles its own copy of the AI SDK types.
    const result = await mastraEmbed({ model: provider().textEmbeddingModel(MODEL) as any, value: "memory" });
    expect(result.embedding).toHaveLength(768);
    expect(embeddingBodies()).toHaveLength(1);
  });
});
