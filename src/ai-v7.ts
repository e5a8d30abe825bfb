/**
 * `mastra-synthetic/ai-v7`: the provider for `ai@7`, whose models implement LanguageModelV4 and
 * EmbeddingModelV4 natively. Same settings and model ids as the main entry.
 */

export type { SyntheticProviderMetadata } from "./chat/types";
export { SyntheticConfigurationError } from "./errors";
export type { SyntheticModelOverrides } from "./faces/build-provider";
export { SyntheticChatLanguageModelV4 } from "./faces/v4";
export type { SyntheticProviderV4 as SyntheticProvider } from "./faces/v4-provider";
export { createSynthetic, synthetic } from "./faces/v4-provider";
export type { SyntheticEmbeddingModelId, SyntheticModelId } from "./model-ids.generated";
export type { SyntheticProviderSettings } from "./settings";
