/**
 * `mastra-synthetic/ai-v6`: the provider for `ai@6`, whose models implement LanguageModelV3 and
 * EmbeddingModelV3 natively. Same settings and model ids as the main entry.
 */

export type { SyntheticProviderMetadata } from "./chat/types";
export { SyntheticConfigurationError } from "./errors";
export type { SyntheticModelOverrides } from "./faces/build-provider";
export { SyntheticChatLanguageModelV3 } from "./faces/v3";
export type { SyntheticProviderV3 as SyntheticProvider } from "./faces/v3-provider";
export { createSynthetic, synthetic } from "./faces/v3-provider";
export type { SyntheticEmbeddingModelId, SyntheticModelId } from "./model-ids.generated";
export type { SyntheticProviderSettings } from "./settings";
