import { z } from "zod/v4";
import { getJson } from "./get-json";
import { lazy } from "./lazy";
import { type PreparedSettings, prepareSettings, type SyntheticProviderSettings } from "./settings";

// Built on first use, not at import: zod schemas cost cold-import time (docs/internals/performance.md).
const quotaSchemas = lazy(() => {
  const window = z.looseObject({
    /** What the window allows (requests, tool calls or tokens). */
    limit: z.number().optional(),
    /** How much of `limit` is used; may be fractional (`freeToolCalls`). */
    requests: z.number().optional(),
    /** ISO time when the window resets. */
    renewsAt: z.string().optional(),
  });
  const quota = z.looseObject({
    /** Requests per subscription period. */
    subscription: window.optional(),
    /** Search calls, per hour. */
    search: z.looseObject({ hourly: window.optional() }).optional(),
    /** Free tool calls (`requests` may be fractional). */
    freeToolCalls: window.optional(),
    /** Tokens per week, on plans metered that way. */
    weeklyTokenLimit: window.optional(),
    /** Rolling five-hour cap, on plans metered that way. */
    rollingFiveHourLimit: window.optional(),
  });
  return { window, quota };
});
type QuotaSchemas = ReturnType<typeof quotaSchemas>;

/** One metered window of a plan. Fields are optional because plans differ; unknown fields pass through. */
export type SyntheticQuotaWindow = z.infer<QuotaSchemas["window"]>;
/**
 * Body of `GET /v2/quotas`. Every part is optional (`{}` has been seen) and unknown parts pass
 * through, so a new plan type does not break the parse.
 */
export type SyntheticQuota = z.infer<QuotaSchemas["quota"]>;

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
 * Reads the plan's usage from `GET /v2/quotas` (free: it counts against no limit).
 * Same settings as `createSynthetic` (key from `SYNTHETIC_API_KEY` when not given).
 *
 * @throws `LoadAPIKeyError` without a key; `APICallError` carrying Synthetic's `{"error"}` text,
 * the status and retryability for an HTTP error.
 *
 * @example
 * const { subscription } = await getQuota();
 * if (subscription) console.log(`${subscription.requests}/${subscription.limit}, resets ${subscription.renewsAt}`);
 */
export async function getQuota(settings: GetQuotaSettings = {}): Promise<SyntheticQuota> {
  const { abortSignal, prepared: given, ...providerSettings } = settings;
  const prepared = given ?? prepareSettings(providerSettings);
  const baseURL = prepared.resolveBaseURL();
  const headers = prepared.resolveHeaders();
  return getJson({
    url: `${apiOrigin(baseURL)}/v2/quotas`,
    headers,
    schema: quotaSchemas().quota,
    prepared,
    abortSignal,
  });
}

/** A metered window with a readable name, as {@link listQuotaWindows} returns it. */
export type NamedQuotaWindow = { name: string; window: SyntheticQuotaWindow & { limit: number } };

/**
 * Every window in a quota body that has a numeric `limit`, in the body's order, including parts
 * this package does not know (nested one level, like `search.hourly`), e.g.
 * `[{ name: "subscription", window }, { name: "search.hourly", window }]`.
 */
export function listQuotaWindows(quota: SyntheticQuota): NamedQuotaWindow[] {
  const out: NamedQuotaWindow[] = [];
  const visit = (name: string, value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return;
    const parsed = quotaSchemas().window.safeParse(value);
    if (parsed.success && typeof parsed.data.limit === "number") {
      out.push({ name, window: parsed.data as NamedQuotaWindow["window"] });
      return;
    }
    if (depth > 0) for (const [key, inner] of Object.entries(value)) visit(`${name}.${key}`, inner, depth - 1);
  };
  for (const [key, value] of Object.entries(quota)) visit(key, value, 1);
  return out;
}
