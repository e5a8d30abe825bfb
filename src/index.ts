export { currentSuccessor, getModelInfo, listModels, retiredModelHint } from "./catalog";
export type { Modality, ModelSource, ReasoningFormat, SyntheticModelInfo } from "./catalog-schema";
export type {
  SyntheticContent,
  SyntheticFinishReason,
  SyntheticStreamPart,
  SyntheticUsage,
  SyntheticWarning,
} from "./chat/types";
export type { SyntheticCost, SyntheticUsageLike } from "./cost";
export { estimateCost } from "./cost";
export type {
  SyntheticDynamicModel,
  SyntheticModelSelector,
  SyntheticModelSelectorArgs,
  SyntheticSelectorContext,
} from "./dynamic-model";
export { dynamicModel } from "./dynamic-model";
export type { SyntheticConfigurationErrorCode } from "./errors";
export {
  getContextOverflow,
  isContextOverflowError,
  SyntheticConfigurationError,
} from "./errors";
export type {
  FetchLiveModelsSettings,
  LiveCatalogOptions,
  LiveCatalogSnapshot,
  LiveModelProblem,
  ModelInfoResolver,
  ParsedLiveModels,
  ParseLiveModelsOptions,
  SkippedLiveModel,
} from "./live-catalog";
export { createModelInfoResolver, fetchLiveModels, LiveCatalog, parseLiveModels } from "./live-catalog";
export { normalizeModelId, suggestModelIds } from "./model-id";
export type {
  SyntheticCatalogChatModelId,
  SyntheticCatalogEmbeddingModelId,
  SyntheticEmbeddingModelId,
  SyntheticModelId,
} from "./model-ids.generated";
export type {
  GetQuotaSettings,
  NamedQuotaWindow,
  SyntheticCreditLimit,
  SyntheticQuota,
  SyntheticQuotaWindow,
  SyntheticRollingLimit,
} from "./quota";
export { getQuota, listQuotaWindows, parseQuotaHeader } from "./quota";
export type { RetiredModelsSetting } from "./retired-models";
export type { LiveCatalogReadOptions } from "./settings";
export { DEFAULT_BASE_URL } from "./settings";
export type { SubscriptionLimit } from "./subscription-limit";
export { getSubscriptionLimit, isSubscriptionLimitError } from "./subscription-limit";
export type { SyntheticChatOptions, SyntheticProviderMetadata } from "./synthetic-chat-model";
export { SyntheticChatLanguageModel, syntheticChatOptions } from "./synthetic-chat-model";
export type { SyntheticGatewayProviderConfig, SyntheticGatewaySettings } from "./synthetic-gateway";
export { SyntheticGateway, syntheticGateway } from "./synthetic-gateway";
export type {
  SyntheticModelOverrides,
  SyntheticProvider,
  SyntheticProviderSettings,
} from "./synthetic-provider";
export { createSynthetic, synthetic } from "./synthetic-provider";
export { VERSION } from "./version";
export type { SearchWebSettings, SyntheticSearchResult } from "./web-search";
export { searchWeb } from "./web-search";
export type {
  SyntheticTools,
  SyntheticWebSearchOptions,
  SyntheticWebSearchOutput,
  SyntheticWebSearchTool,
} from "./web-search-tool";
