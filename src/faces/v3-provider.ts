import { OpenAICompatibleEmbeddingModel } from "@ai-sdk/openai-compatible-v6";
import type { EmbeddingModelV3, ProviderV3 } from "@ai-sdk/provider-v6";
import type { SyntheticProviderSettings } from "../settings";
import { buildSyntheticProvider, type SyntheticFaceProvider } from "./build-provider";
import { SyntheticChatLanguageModelV3 } from "./v3";

/** A Synthetic provider for `ai@6`: LanguageModelV3 chat models (typed as what they emit), EmbeddingModelV3 embeddings. */
export type SyntheticProviderV3 = SyntheticFaceProvider<SyntheticChatLanguageModelV3, EmbeddingModelV3> &
  // Our typed signatures, not merged as overloads with the spec's string ones.
  Omit<ProviderV3, keyof SyntheticFaceProvider<SyntheticChatLanguageModelV3, EmbeddingModelV3>> & {
    readonly specificationVersion: "v3";
  };

/**
 * Creates a Synthetic provider for `ai@6` (LanguageModelV3), with the main entry's settings.
 *
 * @example
 * import { generateText } from "ai";
 * import { createSynthetic } from "mastra-synthetic/ai-v6";
 * const synthetic = createSynthetic({ apiKey: process.env.SYNTHETIC_API_KEY });
 * const { text } = await generateText({ model: synthetic("hf:zai-org/GLM-4.6"), prompt: "Hi" });
 */
export function createSynthetic(settings: SyntheticProviderSettings = {}): SyntheticProviderV3 {
  return buildSyntheticProvider(settings, {
    specificationVersion: "v3",
    chatModel: (core) => new SyntheticChatLanguageModelV3(core),
    embeddingModel: (modelId, config) => new OpenAICompatibleEmbeddingModel(modelId, config),
  }) as SyntheticProviderV3;
}

/** The default `ai@6` provider: key from `SYNTHETIC_API_KEY`, base URL from `SYNTHETIC_BASE_URL` or the default. */
export const synthetic: SyntheticProviderV3 = /* @__PURE__ */ createSynthetic();
