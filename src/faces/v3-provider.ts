import type { EmbeddingModelV3, ProviderV3 } from "@ai-sdk/provider-v6";
import { defineFace, type FaceProvider } from "./build-provider";
import { SyntheticChatLanguageModelV3 } from "./v3";

/** A Synthetic provider for `ai@6` (`mastra-synthetic/ai-v6`): LanguageModelV3 chat models (typed as what they emit) and EmbeddingModelV3 embeddings. */
export type SyntheticProviderV3 = FaceProvider<SyntheticChatLanguageModelV3, EmbeddingModelV3, ProviderV3, "v3">;

/** `createSynthetic(settings)` for `ai@6`, with the main entry's settings, and `synthetic`, its default instance. */
export const { createSynthetic, synthetic } = defineFace<SyntheticProviderV3>(
  "v3",
  SyntheticChatLanguageModelV3,
  async () => (await import("@ai-sdk/openai-compatible-v6")).OpenAICompatibleEmbeddingModel,
);
