import type { EmbeddingModelV4, ProviderV4 } from "@ai-sdk/provider-v7";
import { defineFace, type FaceProvider } from "./build-provider";
import { SyntheticChatLanguageModelV4 } from "./v4";

/** A Synthetic provider for `ai@7` (`mastra-synthetic/ai-v7`): LanguageModelV4 chat models (typed as what they emit; `reasoning` maps to reasoning_effort) and EmbeddingModelV4 embeddings. */
export type SyntheticProviderV4 = FaceProvider<SyntheticChatLanguageModelV4, EmbeddingModelV4, ProviderV4, "v4">;

/** `createSynthetic(settings)` for `ai@7`, with the main entry's settings, and `synthetic`, its default instance. */
export const { createSynthetic, synthetic } = defineFace<SyntheticProviderV4>(
  "v4",
  SyntheticChatLanguageModelV4,
  async () => (await import("@ai-sdk/openai-compatible-v7")).OpenAICompatibleEmbeddingModel,
);
