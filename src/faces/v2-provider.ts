import type { EmbeddingModelV2, LanguageModelV2, ProviderV2 } from "@ai-sdk/provider";
import { defineFace, type FaceProvider } from "./build-provider";
import { SyntheticChatLanguageModelV2 } from "./v2";

/** A Synthetic provider for `ai@5` (`mastra-synthetic/ai-v5`): LanguageModelV2 chat models and EmbeddingModelV2 embeddings; the main entry returns the same. */
export type SyntheticProviderV2 = FaceProvider<LanguageModelV2, EmbeddingModelV2<string>, ProviderV2, "v2">;

/** `createSynthetic(settings)` for `ai@5`, with the main entry's settings, and `synthetic`, its default instance. */
export const { createSynthetic, synthetic } = defineFace<SyntheticProviderV2>(
  "v2",
  SyntheticChatLanguageModelV2,
  async () => (await import("@ai-sdk/openai-compatible")).OpenAICompatibleEmbeddingModel,
);
