import { OpenAICompatibleEmbeddingModel } from "@ai-sdk/openai-compatible-v7";
import type { EmbeddingModelV4, ProviderV4 } from "@ai-sdk/provider-v7";
import type { SyntheticProviderSettings } from "../settings";
import { buildSyntheticProvider, type SyntheticFaceProvider } from "./build-provider";
import { SyntheticChatLanguageModelV4 } from "./v4";

/** A Synthetic provider for `ai@7`: LanguageModelV4 chat models (typed as what they emit), EmbeddingModelV4 embeddings. */
export type SyntheticProviderV4 = SyntheticFaceProvider<SyntheticChatLanguageModelV4, EmbeddingModelV4> &
  // Our typed signatures, not merged as overloads with the spec's string ones.
  Omit<ProviderV4, keyof SyntheticFaceProvider<SyntheticChatLanguageModelV4, EmbeddingModelV4>> & {
    readonly specificationVersion: "v4";
  };

/**
 * Creates a Synthetic provider for `ai@7` (LanguageModelV4), with the main entry's settings.
 *
 * @example
 * import { generateText } from "ai";
 * import { createSynthetic } from "mastra-synthetic/ai-v7";
 * const synthetic = createSynthetic({ apiKey: process.env.SYNTHETIC_API_KEY });
 * const { text } = await generateText({ model: synthetic("hf:zai-org/GLM-4.6"), reasoning: "high", prompt: "Hi" });
 */
export function createSynthetic(settings: SyntheticProviderSettings = {}): SyntheticProviderV4 {
  return buildSyntheticProvider(settings, {
    specificationVersion: "v4",
    chatModel: (core) => new SyntheticChatLanguageModelV4(core),
    embeddingModel: (modelId, config) => new OpenAICompatibleEmbeddingModel(modelId, config),
  }) as SyntheticProviderV4;
}

/** The default `ai@7` provider: key from `SYNTHETIC_API_KEY`, base URL from `SYNTHETIC_BASE_URL` or the default. */
export const synthetic: SyntheticProviderV4 = /* @__PURE__ */ createSynthetic();
