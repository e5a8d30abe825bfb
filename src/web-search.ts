/**
 * Synthetic's web search: `POST /v2/search {query}` -> `{results: [{url, title, text, published}]}`
 * (zero data retention; metered by `search.hourly`; subscribers only, per aliou/pi-synthetic
 * `src/client/synthetic-client.ts` and its fix #82). `/v2` lives at the API origin, beside the
 * OpenAI-compatible base, as `/v2/quotas` does.
 */
import { APICallError } from "@ai-sdk/provider";
import { z } from "zod/v4";
import { SyntheticConfigurationError } from "./errors";
import { lazy } from "./lazy";
import { apiOrigin, getQuota } from "./quota";
import { utcTime } from "./quota-format";
import { parseQuotaHeader, type SyntheticQuota } from "./quota-read";
import { type PreparedSettings, prepareSettings, type SyntheticProviderSettings } from "./settings";
import { explainReadSignal, finalError } from "./subscription-limit";

/** One search result as Synthetic returns it. */
export type SyntheticSearchResult = {
  url: string;
  title: string;
  /** Extracted page text or a snippet. */
  text: string;
  /** ISO date the page was published, when Synthetic knows it (often absent). */
  published?: string;
};

/** Settings of {@link searchWeb}: the provider's, plus an abort signal. */
export interface SearchWebSettings extends SyntheticProviderSettings {
  /** Settings a provider already prepared; when given, the provider fields above are not read again. */
  prepared?: PreparedSettings;
  /** Cancels the search. */
  abortSignal?: AbortSignal;
}

/**
 * Searches the web with Synthetic's `/v2/search`, with the same settings as `createSynthetic`
 * (key, base URL, headers, retries). Counts against the plan's `search.hourly` window.
 *
 * @throws `SyntheticConfigurationError` for an empty query (before any request); `APICallError`
 * saying so when the key has no subscription, or when `search.hourly` is used up (with when it
 * resets), and with Synthetic's text for anything else.
 *
 * @example
 * const results = await searchWeb("Mastra agent memory");
 * for (const { title, url } of results) console.log(title, url);
 */
export async function searchWeb(query: string, settings: SearchWebSettings = {}): Promise<SyntheticSearchResult[]> {
  if (typeof query !== "string" || query.trim() === "") {
    throw new SyntheticConfigurationError({
      code: "invalid-setting",
      message: "searchWeb() needs a non-empty query.",
      fix: 'Pass the words to search for, e.g. searchWeb("mastra agents").',
    });
  }
  const { abortSignal, prepared: given, ...providerSettings } = settings;
  const prepared = given ?? prepareSettings(providerSettings);
  const url = `${apiOrigin(prepared.resolveBaseURL())}/v2/search`;
  const body = { query };
  let text: string;
  try {
    const response = await prepared.transport.send({
      url,
      headers: prepared.resolveHeaders(),
      body: JSON.stringify(body),
      bodyValues: body,
      stream: false,
      signal: abortSignal,
    });
    text = await response.reader.text();
  } catch (error) {
    throw await explainSearchError(error, prepared, abortSignal);
  }
  return readResults(text, url, body);
}

function readResults(text: string, url: string, body: unknown): SyntheticSearchResult[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const results = searchResponse().safeParse(parsed);
  if (!results.success) {
    throw new APICallError({
      message: `Synthetic's /v2/search sent a body this package cannot read: ${text.slice(0, 200)}`,
      url,
      requestBodyValues: body,
      statusCode: 200,
      responseBody: text,
      isRetryable: false,
    });
  }
  // A result without a URL cannot be cited; a missing title or text reads as empty.
  return results.data.results.flatMap((result) =>
    typeof result.url === "string" && result.url
      ? [
          {
            url: result.url,
            title: typeof result.title === "string" ? result.title : "",
            text: typeof result.text === "string" ? result.text : "",
            ...(typeof result.published === "string" && result.published ? { published: result.published } : {}),
          },
        ]
      : [],
  );
}

const searchResponse = lazy(() =>
  z.looseObject({
    results: z.array(
      z.looseObject({
        url: z.unknown().optional(),
        title: z.unknown().optional(),
        text: z.unknown().optional(),
        published: z.unknown().optional(),
      }),
    ),
  }),
);

const SUBSCRIBERS_ONLY = new Set([402, 403]);

/** A search error that says what to do: subscribe, or wait for `search.hourly`. */
async function explainSearchError(
  error: unknown,
  prepared: PreparedSettings,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (!APICallError.isInstance(error) || error.statusCode === undefined) return error;
  if (SUBSCRIBERS_ONLY.has(error.statusCode)) {
    return finalError(
      error,
      `Synthetic's web search is for subscribers only, and this API key has no subscription (HTTP ${error.statusCode}: ${error.message}). Subscribe at https://synthetic.new/billing, or use a subscriber's key.`,
    );
  }
  if (error.statusCode !== 429) return error;
  const quota =
    parseQuotaHeader(error.responseHeaders?.["x-synthetic-quotas"]) ??
    (await getQuota({ prepared, abortSignal: explainReadSignal(signal ?? undefined) }).catch(
      () => undefined as SyntheticQuota | undefined,
    ));
  const hourly = quota?.search?.hourly;
  const used =
    hourly?.limit !== undefined && hourly.requests !== undefined
      ? ` (${hourly.requests} of ${hourly.limit} searches used)`
      : "";
  const when = hourly?.renewsAt ? `it resets at ${utcTime(hourly.renewsAt)}` : "it resets within the hour";
  return finalError(error, `Synthetic's hourly search limit is used up${used}; ${when}. ${error.message}`);
}
