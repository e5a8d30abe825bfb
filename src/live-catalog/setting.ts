import type { SyntheticProviderSettings } from "../settings";
import { LiveCatalog } from "./cache";

/**
 * The `liveCatalog` setting of a provider or gateway as a catalog, decided here for both:
 * `false` none (the bundled catalog); an instance, shared as is; `true` or options, a new one
 * reading `/models` with the same key, baseURL, headers and fetch. The provider's `timeoutMs`
 * (per chat attempt) is not passed on: a `/models` read has its own deadline, `readTimeoutMs`.
 */
export function liveCatalogFromSetting(
  setting: SyntheticProviderSettings["liveCatalog"],
  settings: SyntheticProviderSettings,
): LiveCatalog | undefined {
  if (setting === undefined || setting === false) return undefined;
  if (setting instanceof LiveCatalog) return setting;
  const { liveCatalog: _setting, timeoutMs: _perChatAttempt, ...shared } = settings;
  return new LiveCatalog({ ...shared, ...(setting === true ? {} : setting) });
}
