import { OpenAICompatibleEmbeddingModel } from "@ai-sdk/openai-compatible";
import type { EmbeddingModelV2, LanguageModelV2, ProviderV2 } from "@ai-sdk/provider";
import type { SyntheticProviderSettings } from "../settings";
import { buildSyntheticProvider, type SyntheticFaceProvider } from "./build-provider";
import { SyntheticChatLanguageModelV2 } from "./v2";

/** A Synthetic provider for `ai@5`: LanguageModelV2 chat models, EmbeddingModelV2 embeddings. */
export type SyntheticProviderV2 = SyntheticFaceProvider<LanguageModelV2, EmbeddingModelV2<string>> &
  // Our typed signatures, not merged as overloads with the spec's string ones.
  Omit<ProviderV2, keyof SyntheticFaceProvider<LanguageModelV2, EmbeddingModelV2<string>>> & {
    readonly specificationVersion: "v2";
  };

/**
 * Creates a Synthetic provider for `ai@5` (LanguageModelV2), with the main entry's settings.
 *
 * @example
 * import { generateText } from "ai";
 * import { createSynthetic } from "mastra-synthetic/ai-v5";
 * const synthetic = createSynthetic({ apiKey: process.env.SYNTHETIC_API_KEY });
 * const { text } = await generateText({ model: synthetic("hf:zai-org/GLM-4.6"), prompt: "Hi" });
 */
export function createSynthetic(settings: SyntheticProviderSettings = {}): SyntheticProviderV2 {
  return buildSyntheticProvider(settings, {
    specificationVersion: "v2",
    chatModel: (core) => new SyntheticChatLanguageModelV2(core),
    embeddingModel: (modelId, config) => new OpenAICompatibleEmbeddingModel(modelId, config),
  }) as SyntheticProviderV2;
}

/** The default `ai@5` provider: key from `SYNTHETIC_API_KEY`, base URL from `SYNTHETIC_BASE_URL` or the default. */
export const synthetic: SyntheticProviderV2 = /* @__PURE__ */ createSynthetic();
