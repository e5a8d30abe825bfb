/**
 * Type-level contract, checked by `vitest run` in typecheck mode (vitest.config.ts): model ids
 * offer the catalog's literals yet take any string, and the gateway and `dynamicModel` fit where
 * both Mastra lines expect them.
 */
import type { LanguageModelV2 } from "@ai-sdk/provider";
import type { Mastra } from "@mastra/core";
import type { Agent } from "@mastra/core/agent";
import type { MastraModelGatewayInterface } from "@mastra/core/llm";
import type { Agent as Agent024, Mastra as Mastra024 } from "@mastra/core-024";
import { describe, expectTypeOf, it } from "vitest";
import {
  createSynthetic,
  dynamicModel,
  estimateCost,
  getModelInfo,
  type SyntheticCatalogChatModelId,
  type SyntheticEmbeddingModelId,
  SyntheticGateway,
  type SyntheticModelId,
  synthetic,
  syntheticGateway,
} from "../src";

type AgentModel = ConstructorParameters<typeof Agent>[0]["model"];
type AgentModel024 = ConstructorParameters<typeof Agent024>[0]["model"];
type Gateways = NonNullable<NonNullable<ConstructorParameters<typeof Mastra>[0]>["gateways"]>;
type Gateways024 = NonNullable<NonNullable<ConstructorParameters<typeof Mastra024>[0]>["gateways"]>;

describe("model ids", () => {
  it("keep the catalog's literals in the union, so editors can offer them", () => {
    // If SyntheticModelId collapsed to `string`, Extract would give `never`.
    expectTypeOf<Extract<SyntheticModelId, "hf:zai-org/GLM-5.2">>().toEqualTypeOf<"hf:zai-org/GLM-5.2">();
    expectTypeOf<
      Extract<SyntheticModelId, "synthetic/hf:moonshotai/Kimi-K3">
    >().toEqualTypeOf<"synthetic/hf:moonshotai/Kimi-K3">();
    expectTypeOf<SyntheticModelId>().not.toEqualTypeOf<string>();
    expectTypeOf<string>().not.toExtend<SyntheticCatalogChatModelId>();
    expectTypeOf<"hf:moonshotai/Kimi-K3">().toExtend<SyntheticCatalogChatModelId>();
    // Retired models still work as ids (SyntheticModelId takes any string) but are not offered.
    expectTypeOf<Extract<SyntheticCatalogChatModelId, "hf:zai-org/GLM-4.6">>().toBeNever();
    expectTypeOf<Extract<SyntheticEmbeddingModelId, "hf:nomic-ai/nomic-embed-text-v1.5">>().not.toBeNever();
  });

  it("are what the provider, the catalog and estimateCost take", () => {
    expectTypeOf(synthetic).parameter(0).toEqualTypeOf<SyntheticModelId>();
    expectTypeOf(synthetic.chatModel).parameter(0).toEqualTypeOf<SyntheticModelId>();
    expectTypeOf(getModelInfo).parameter(0).toEqualTypeOf<SyntheticModelId>();
    expectTypeOf(synthetic.textEmbeddingModel).parameter(0).toEqualTypeOf<SyntheticEmbeddingModelId>();
    expectTypeOf(estimateCost).parameter(0).toExtend<SyntheticModelId | object>();
  });

  it("still accept any string (on-demand models, syn: aliases)", () => {
    expectTypeOf<string>().toExtend<SyntheticModelId>();
    expectTypeOf(synthetic("hf:someone/on-demand-model")).toEqualTypeOf<LanguageModelV2>();
    expectTypeOf(createSynthetic().chatModel("syn:large:text")).toEqualTypeOf<LanguageModelV2>();
    const fromConfig: string = "hf:zai-org/GLM-4.6";
    expectTypeOf(synthetic(fromConfig)).toEqualTypeOf<LanguageModelV2>();
    // ...but not anything else.
    // @ts-expect-error a model id is a string
    synthetic(42);
  });
});

describe("SyntheticGateway", () => {
  it("satisfies Mastra 1.x's MastraModelGatewayInterface", () => {
    expectTypeOf<SyntheticGateway>().toExtend<MastraModelGatewayInterface>();
    expectTypeOf(syntheticGateway()).toExtend<MastraModelGatewayInterface>();
    expectTypeOf({ synthetic: syntheticGateway() }).toExtend<Gateways>();
  });

  it("fits Mastra 0.24's gateways option", () => {
    expectTypeOf({ synthetic: syntheticGateway() }).toExtend<Gateways024>();
    expectTypeOf({
      synthetic: new SyntheticGateway({ headers: { "X-Custom-Header": "value" } }),
    }).toExtend<Gateways024>();
  });

  it("is not confused with an arbitrary object", () => {
    expectTypeOf<{ id: string; name: string }>().not.toExtend<MastraModelGatewayInterface>();
    expectTypeOf<{ synthetic: { id: string } }>().not.toExtend<Gateways024>();
  });
});

describe("dynamicModel", () => {
  const byTask = dynamicModel(({ runtimeContext, requestContext }) =>
    runtimeContext.task === "complex" || requestContext.get("task") === "complex"
      ? "synthetic/hf:zai-org/GLM-4.6"
      : "synthetic/hf:MiniMaxAI/MiniMax-M2",
  );

  it("fits Mastra 1.x's Agent model option", () => {
    expectTypeOf(byTask).toExtend<AgentModel>();
  });

  it("fits Mastra 0.24's Agent model option", () => {
    expectTypeOf(byTask).toExtend<AgentModel024>();
  });

  it("takes selectors returning ids or models, sync or async", () => {
    expectTypeOf(dynamicModel(async () => synthetic("hf:zai-org/GLM-4.6"))).toExtend<AgentModel>();
    expectTypeOf(dynamicModel(() => "hf:deepseek-ai/DeepSeek-V3", createSynthetic())).toExtend<AgentModel024>();
    // @ts-expect-error a selector must return an id or a model
    dynamicModel(() => 42);
  });

  it("and so do the provider's models", () => {
    expectTypeOf(synthetic("hf:zai-org/GLM-4.6")).toExtend<AgentModel>();
    expectTypeOf(synthetic("hf:zai-org/GLM-4.6")).toExtend<AgentModel024>();
  });
});
