/**
 * The live `/models` list: parsing its entries (parse), reading it over HTTP (read), caching it
 * merged over the bundled catalog (cache), the per-request lookup (resolver), and failure text
 * (describe).
 */
export { LiveCatalog, type LiveCatalogOptions, type LiveCatalogSnapshot } from "./live-catalog/cache";
export { describeFailedRequest } from "./live-catalog/describe";
export {
  type LiveModelProblem,
  MAX_PLAUSIBLE_USD_PER_TOKEN,
  type ParsedLiveModels,
  type ParseLiveModelsOptions,
  parseLiveModels,
  type SkippedLiveModel,
} from "./live-catalog/parse";
export { type FetchLiveModelsSettings, fetchLiveModels, fetchModelsResponse } from "./live-catalog/read";
export { createModelInfoResolver, type ModelInfoResolver } from "./live-catalog/resolver";
