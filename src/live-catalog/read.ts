import { LoadAPIKeyError } from "@ai-sdk/provider";
import type { SyntheticModelInfo } from "../catalog-schema";
import { getJson } from "../get-json";
import {
  type PreparedSettings,
  prepareSettings,
  type SyntheticProviderSettings,
  withSyntheticUserAgent,
} from "../settings";
import { liveModelsResponseSchema, type ParsedLiveModels, parseLiveModels } from "./parse";

/** Settings of {@link fetchLiveModels}: the provider's, plus a deadline and a catalog to fill from. */
export interface FetchLiveModelsSettings extends SyntheticProviderSettings {
  /**
   * Settings a provider or gateway already prepared (validated once, env read per request). When
   * given, the provider fields above are not read again.
   */
  prepared?: PreparedSettings;
  /**
   * Deadline for the whole `/models` read, retries included, in ms (unlike the provider's
   * per-attempt `timeoutMs`: a catalog read must stay short). Default: 3000.
   */
  readTimeoutMs?: number;
  /** @deprecated Use `readTimeoutMs` (same meaning: the whole read's deadline). */
  timeoutMs?: number;
  /** Cancels the request. */
  abortSignal?: AbortSignal;
  /** Entries to fill fields the live list omits (see {@link parseLiveModels}). Default: the bundled catalog. */
  catalog?: readonly SyntheticModelInfo[];
}

export const DEFAULT_LIVE_TIMEOUT_MS = 3_000;

/**
 * Reads `GET {baseURL}/models` and maps it into catalog entries (see {@link parseLiveModels}).
 * No key is needed; the key (argument or `SYNTHETIC_API_KEY`) is sent when there is one.
 *
 * @throws `APICallError` for an HTTP error (Synthetic's `{"error"}` text, status, retryability)
 * or an unreachable server; an `Error` naming the URL on timeout.
 *
 * @example
 * const live = await fetchLiveModels({ readTimeoutMs: 5000 });
 * console.log(live.models.length, live.skipped, live.problems);
 */
export async function fetchLiveModels(settings: FetchLiveModelsSettings = {}): Promise<ParsedLiveModels> {
  const { catalog, ...rest } = settings;
  const prepared = rest.prepared ?? prepareReadSettings(rest);
  const body = await fetchModelsResponse({ ...rest, prepared });
  return parseLiveModels(body, { catalog, source: { url: `${prepared.resolveBaseURL()}/models` }, date: today() });
}

/** The raw `GET {baseURL}/models` body, unmapped (for `models:sync`, which maps onto models.json). */
export async function fetchModelsResponse(settings: Omit<FetchLiveModelsSettings, "catalog"> = {}): Promise<unknown> {
  const { readTimeoutMs, timeoutMs, abortSignal, prepared: given, ...providerSettings } = settings;
  const deadline = readTimeoutMs ?? timeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS;
  const prepared = given ?? prepareReadSettings(providerSettings);
  const url = `${prepared.resolveBaseURL()}/models`;
  const timeout = AbortSignal.timeout(deadline);
  try {
    return await getJson({
      url,
      headers: optionalKeyHeaders(prepared, providerSettings.headers),
      schema: liveModelsResponseSchema(),
      prepared,
      abortSignal: abortSignal ? AbortSignal.any([abortSignal, timeout]) : timeout,
    });
  } catch (error) {
    if (timeout.aborted && !abortSignal?.aborted) {
      throw new Error(`GET ${url} timed out after ${deadline} ms (readTimeoutMs).`, { cause: error });
    }
    throw error;
  }
}

// The provider's `timeoutMs` is per chat attempt (minutes); the read has its own deadline.
export function prepareReadSettings(settings: SyntheticProviderSettings): PreparedSettings {
  return prepareSettings({ ...settings, timeoutMs: undefined });
}

// /models answers without a key, so a missing key is not an error here.
function optionalKeyHeaders(prepared: PreparedSettings, headers: Record<string, string> | undefined) {
  try {
    return prepared.resolveHeaders();
  } catch (error) {
    if (!LoadAPIKeyError.isInstance(error)) throw error;
    return withSyntheticUserAgent({ ...headers });
  }
}

export const today = () => new Date().toISOString().slice(0, 10);
