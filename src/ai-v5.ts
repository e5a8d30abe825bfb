/**
 * `mastra-synthetic/ai-v5`: the provider for `ai@5` (and Mastra 0.24), whose models implement LanguageModelV2 and
 * EmbeddingModelV2 natively. Same settings and model ids as the main entry.
 */

export type { SyntheticProviderMetadata } from "./chat/types";
export { SyntheticConfigurationError } from "./errors";
export type { SyntheticModelOverrides } from "./faces/build-provider";
export { SyntheticChatLanguageModelV2 } from "./faces/v2";
export type { SyntheticProviderV2 as SyntheticProvider } from "./faces/v2-provider";
export { createSynthetic, synthetic } from "./faces/v2-provider";
export type { SyntheticEmbeddingModelId, SyntheticModelId } from "./model-ids.generated";
export type { SyntheticProviderSettings } from "./settings";
