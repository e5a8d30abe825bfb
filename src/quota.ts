import { z } from "zod/v4";
import { getJson } from "./get-json";
import { lazy } from "./lazy";
import { readQuota, type SyntheticQuota } from "./quota-read";
import { type PreparedSettings, prepareSettings, type SyntheticProviderSettings } from "./settings";

export type {
  SyntheticCreditLimit,
  SyntheticQuota,
  SyntheticQuotaWindow,
  SyntheticRollingLimit,
} from "./quota-read";
export { parseQuotaHeader, readQuota } from "./quota-read";
export type { NamedQuotaWindow } from "./quota-windows";
export { listQuotaWindows } from "./quota-windows";

// Any JSON object: the fields are read one by one by readQuota, so one odd field stays unknown
// instead of failing the whole read.
const quotaBody = lazy(() => z.record(z.string(), z.unknown()));

/** Settings of {@link getQuota}: the provider's, plus an abort signal. */
export interface GetQuotaSettings extends SyntheticProviderSettings {
  /**
   * Settings a provider or gateway already prepared (validated once, env read per request). When
   * given, the provider fields above are not read again.
   */
  prepared?: PreparedSettings;
  /** Cancels the request. */
  abortSignal?: AbortSignal;
}

/**
 * `https://api.synthetic.new/openai/v1` -> `https://api.synthetic.new`: `/v2/quotas` lives at the
 * origin, beside the OpenAI-compatible (`/openai/v1`) and older (`/v1`) bases.
 */
export function apiOrigin(baseURL: string): string {
  return baseURL.replace(/\/+$/, "").replace(/(\/openai)?\/v1$/, "");
}

/**
 * Reads the plan's usage from `GET /v2/quotas` (free: it counts against no limit), typed: credits
 * as USD numbers, anything unreadable left out (unknown, never 0). Same settings as
 * `createSynthetic` (key from `SYNTHETIC_API_KEY` when not given).
 *
 * @throws `LoadAPIKeyError` without a key; `APICallError` carrying Synthetic's `{"error"}` text,
 * the status and retryability for an HTTP error.
 *
 * @example
 * const { rollingFiveHourLimit: fiveHours } = await getQuota();
 * if (fiveHours) console.log(`${fiveHours.remaining} of ${fiveHours.max} requests left`);
 */
export async function getQuota(settings: GetQuotaSettings = {}): Promise<SyntheticQuota> {
  const { abortSignal, prepared: given, ...providerSettings } = settings;
  const prepared = given ?? prepareSettings(providerSettings);
  const baseURL = prepared.resolveBaseURL();
  const headers = prepared.resolveHeaders();
  const body = await getJson({
    url: `${apiOrigin(baseURL)}/v2/quotas`,
    headers,
    schema: quotaBody(),
    prepared,
    abortSignal,
  });
  return readQuota(body) ?? {};
}
