/**
 * Type-level contract of the per-major entries: each face's provider and models are exactly
 * that spec's types (not `any`, not another spec), fit their `ai` major's functions natively,
 * take the main entry's settings and model ids, and fit Mastra's Agent where it speaks the spec.
 */
import type { EmbeddingModelV2, LanguageModelV2, ProviderV2 } from "@ai-sdk/provider";
import type { EmbeddingModelV3, LanguageModelV3, ProviderV3 } from "@ai-sdk/provider-v6";
import type { EmbeddingModelV4, LanguageModelV4, ProviderV4 } from "@ai-sdk/provider-v7";
import type { Agent } from "@mastra/core/agent";
import type { Agent as Agent024 } from "@mastra/core-024";
import type * as ai5 from "ai";
import type * as ai6 from "ai-v6";
import type * as ai7 from "ai-v7";
import { describe, expectTypeOf, it } from "vitest";
import type { SyntheticModelId, SyntheticProviderSettings } from "../src";
import * as v5 from "../src/ai-v5";
import * as v6 from "../src/ai-v6";
import * as v7 from "../src/ai-v7";

type AgentModel = ConstructorParameters<typeof Agent>[0]["model"];
type AgentModel024 = ConstructorParameters<typeof Agent024>[0]["model"];
const CHAT = "hf:zai-org/GLM-4.6";
const EMBED = "hf:nomic-ai/nomic-embed-text-v1.5";

describe("ai-v7 (V4)", () => {
  it("makes LanguageModelV4 and EmbeddingModelV4 and is a ProviderV4", () => {
    expectTypeOf(v7.synthetic(CHAT)).toEqualTypeOf<v7.SyntheticChatLanguageModelV4>();
    expectTypeOf(v7.synthetic(CHAT)).toExtend<LanguageModelV4>();
    expectTypeOf(v7.createSynthetic().chatModel(CHAT)).toExtend<LanguageModelV4>();
    expectTypeOf(v7.synthetic.embeddingModel(EMBED)).toEqualTypeOf<EmbeddingModelV4>();
    expectTypeOf(v7.synthetic).toExtend<ProviderV4>();
    expectTypeOf(v7.synthetic(CHAT).specificationVersion).toEqualTypeOf<"v4">();
    expectTypeOf(v7.synthetic(CHAT)).not.toExtend<LanguageModelV3>();
  });
  it("fits ai@7's functions and its reasoning option", () => {
    expectTypeOf(v7.synthetic(CHAT)).toExtend<ai7.LanguageModel>();
    expectTypeOf(v7.synthetic.embeddingModel(EMBED)).toExtend<ai7.EmbeddingModel>();
    expectTypeOf(v7.synthetic).toExtend<ai7.Provider>();
    expectTypeOf<{ model: LanguageModelV4; prompt: string; reasoning: "high" }>().toExtend<
      Parameters<typeof ai7.generateText>[0]
    >();
  });
  it("fits Mastra 1.x's Agent, whose bundled V4 types predate 'interrupted'", () => {
    expectTypeOf(v7.synthetic(CHAT)).toExtend<AgentModel>();
  });
});

describe("ai-v6 (V3)", () => {
  it("makes LanguageModelV3 and EmbeddingModelV3 and is a ProviderV3", () => {
    expectTypeOf(v6.synthetic(CHAT)).toEqualTypeOf<v6.SyntheticChatLanguageModelV3>();
    expectTypeOf(v6.synthetic(CHAT)).toExtend<LanguageModelV3>();
    expectTypeOf(v6.synthetic.embeddingModel(EMBED)).toEqualTypeOf<EmbeddingModelV3>();
    expectTypeOf(v6.synthetic).toExtend<ProviderV3>();
    expectTypeOf(v6.synthetic(CHAT).specificationVersion).toEqualTypeOf<"v3">();
  });
  it("fits ai@6's functions", () => {
    expectTypeOf(v6.synthetic(CHAT)).toExtend<ai6.LanguageModel>();
    expectTypeOf(v6.synthetic.embeddingModel(EMBED)).toExtend<ai6.EmbeddingModel>();
    expectTypeOf(v6.synthetic).toExtend<ai6.Provider>();
  });
  it("fits Mastra 1.x's Agent", () => {
    expectTypeOf(v6.synthetic(CHAT)).toExtend<AgentModel>();
  });
});

describe("ai-v5 (V2)", () => {
  it("makes LanguageModelV2 and EmbeddingModelV2 and is a ProviderV2", () => {
    expectTypeOf(v5.synthetic(CHAT)).toEqualTypeOf<LanguageModelV2>();
    expectTypeOf(v5.synthetic.embeddingModel(EMBED)).toEqualTypeOf<EmbeddingModelV2<string>>();
    expectTypeOf(v5.synthetic).toExtend<ProviderV2>();
    expectTypeOf(v5.synthetic(CHAT).specificationVersion).toEqualTypeOf<"v2">();
  });
  it("fits ai@5's functions", () => {
    expectTypeOf(v5.synthetic(CHAT)).toExtend<ai5.LanguageModel>();
    expectTypeOf(v5.synthetic.textEmbeddingModel(EMBED)).toExtend<ai5.EmbeddingModel<string>>();
  });
  it("fits the Agent of both Mastra lines", () => {
    expectTypeOf(v5.synthetic(CHAT)).toExtend<AgentModel>();
    expectTypeOf(v5.synthetic(CHAT)).toExtend<AgentModel024>();
  });
});

describe("every face", () => {
  it("takes the main entry's settings and model ids", () => {
    for (const create of [v5.createSynthetic, v6.createSynthetic, v7.createSynthetic]) {
      expectTypeOf(create).parameter(0).toEqualTypeOf<SyntheticProviderSettings | undefined>();
    }
    expectTypeOf(v7.synthetic).parameter(0).toEqualTypeOf<SyntheticModelId>();
    expectTypeOf(v6.synthetic.chatModel).parameter(0).toEqualTypeOf<SyntheticModelId>();
    // @ts-expect-error a model id is a string
    v7.synthetic(42);
  });
});
