export { getModelInfo, listModels } from "./catalog";
export type { Modality, ReasoningFormat, SyntheticModelInfo } from "./catalog-schema";
export { estimateCost } from "./cost";
export type { SyntheticCost, SyntheticUsageLike } from "./cost";
export { dynamicModel } from "./dynamic-model";
export type {
  SyntheticDynamicModel,
  SyntheticModelSelector,
  SyntheticModelSelectorArgs,
  SyntheticSelectorContext,
} from "./dynamic-model";
export {
  SyntheticConfigurationError,
  getContextOverflow,
  isContextOverflowError,
} from "./errors";
export type { SyntheticConfigurationErrorCode } from "./errors";
export { normalizeModelId, suggestModelIds } from "./model-id";
export type {
  SyntheticCatalogChatModelId,
  SyntheticCatalogEmbeddingModelId,
  SyntheticEmbeddingModelId,
  SyntheticModelId,
} from "./model-ids.generated";
export { DEFAULT_BASE_URL } from "./settings";
export { SyntheticChatLanguageModel, syntheticChatOptions } from "./synthetic-chat-model";
export type { SyntheticChatOptions, SyntheticProviderMetadata } from "./synthetic-chat-model";
export { SyntheticGateway, syntheticGateway } from "./synthetic-gateway";
export type { SyntheticGatewayProviderConfig } from "./synthetic-gateway";
export { createSynthetic, synthetic } from "./synthetic-provider";
export type {
  SyntheticModelOverrides,
  SyntheticProvider,
  SyntheticProviderSettings,
} from "./synthetic-provider";
export { VERSION } from "./version";
