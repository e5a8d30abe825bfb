import type { ProviderErrorStructure } from "@ai-sdk/openai-compatible";
import { LoadAPIKeyError } from "@ai-sdk/provider";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import { z } from "zod/v4";
import {
  formatZodError,
  SyntheticConfigurationError,
  type SyntheticErrorData,
  syntheticErrorStructure,
} from "./errors";
import { lazy } from "./lazy";
import type { LiveCatalog, LiveCatalogOptions } from "./live-catalog";
import type { RetiredModelsSetting } from "./retired-models";
import { createTransport, type SyntheticTransport, TRANSPORT_DEFAULTS } from "./transport";
import { VERSION } from "./version";

export const DEFAULT_BASE_URL = "https://api.synthetic.new/openai/v1";
export const API_KEY_ENV = "SYNTHETIC_API_KEY";
export const BASE_URL_ENV = "SYNTHETIC_BASE_URL";

export interface SyntheticProviderSettings {
  /**
   * Synthetic API key. Default: the `SYNTHETIC_API_KEY` environment variable, read when a
   * request is made (not at import), so it can be set after the provider is created.
   */
  apiKey?: string;
  /**
   * OpenAI-compatible base URL. Default: the `SYNTHETIC_BASE_URL` environment variable, else
   * `https://api.synthetic.new/openai/v1`. A trailing `/` is removed.
   * @example "http://127.0.0.1:8787/openai/v1" (the bundled emulator)
   */
  baseURL?: string;
  /**
   * Headers sent with every request, after the authorization header.
   * @example { "X-Custom-Header": "value" }
   */
  headers?: Record<string, string>;
  /**
   * Custom fetch implementation, e.g. for a proxy or for tests. Default: `globalThis.fetch`.
   * The retry and timeout policy below wraps it.
   */
  fetch?: FetchFunction;
  /**
   * Retries after the first attempt when Synthetic answers 429 or 5xx, or the connection fails
   * before a response, with exponential backoff and full jitter, honouring `Retry-After`.
   * 400/401/402/404 and aborted requests are never retried. Errors that were retried here are
   * marked not retryable, so the AI SDK's and Mastra's own `maxRetries` do not multiply the
   * attempts. `0` hands all retrying to them. An integer from 0 to 100; see docs/reliability.md.
   * Default: `2` (3 attempts at most).
   * @example { maxRetries: 4 }
   */
  maxRetries?: number;
  /**
   * Backoff base in ms: retry n waits a random time in `[0, retryBaseDelayMs * 2^n)`.
   * Default: `500`.
   */
  retryBaseDelayMs?: number;
  /**
   * No retry starts later than this many ms after the first attempt began, and a `Retry-After`
   * that would end past it is not waited for (the 429 is returned instead).
   * Default: `30000`.
   */
  retryBudgetMs?: number;
  /**
   * Per attempt, the ms allowed until Synthetic's response headers arrive. A non-streaming
   * call gets its headers only when the whole answer is done, which can take minutes for a
   * reasoning model, hence the generous default (the OpenAI SDK's). `Infinity` disables it.
   * Default: `600000` (10 min).
   * @example { timeoutMs: 120_000 }
   */
  timeoutMs?: number;
  /**
   * The longest gap in ms allowed between two pieces of a response body (stream chunks, or a
   * JSON body in transit). A stream that stalls longer ends with an error part naming this
   * setting, after the text received so far. The first chunk of a stream waits for prompt
   * processing, so raise it for very long prompts on busy models. `Infinity` disables it.
   * Default: `60000` (1 min).
   * @example { idleTimeoutMs: 180_000 }
   */
  idleTimeoutMs?: number;
  /**
   * Allow sending the API key over plain `http://` to a host that is not loopback.
   * Default: `false` (such a base URL is rejected before any request).
   */
  allowInsecureHttp?: boolean;
  /**
   * Where chat models get their model data (price for `providerMetadata.synthetic.cost`,
   * capabilities for pre-flight checks, `reasoningEffort` values, reasoning form):
   * - `false`: the bundled catalog only; the provider never makes a request you did not ask for;
   * - `true`, or `LiveCatalog` options: the live `GET /models` list merged over the bundled
   *   catalog, read on the first call and once per TTL (10 min; 3 s deadline; a failed read never
   *   fails a call, the bundled or last good list is used);
   * - a `LiveCatalog` instance: share one list between providers and gateways.
   * Ids no catalog lists are sent as is, without cost or checks (one warning per id).
   * Default: `false` for `createSynthetic()`, `true` for `syntheticGateway()` (which reads
   * `/models` for Mastra's model list anyway). See docs/models.md.
   * @example { liveCatalog: true }
   */
  liveCatalog?: boolean | LiveCatalogReadOptions | LiveCatalog;
  /**
   * What to send for a model the catalog records as retired (`listModels({ retired: true })`):
   * - `"send"`: the id as asked; when Synthetic refuses it, the error names the current successor;
   * - `"follow"`: the current successor instead, with a warning naming both on every call.
   * Default: `"send"`.
   * @example { retiredModels: "follow" }
   */
  retiredModels?: RetiredModelsSetting;
}

/** `LiveCatalog` options a provider or gateway setting may carry (its own settings supply the rest). */
export type LiveCatalogReadOptions = Pick<LiveCatalogOptions, "ttlMs" | "readTimeoutMs" | "timeoutMs" | "logger">;

/** Per-model credentials and headers, e.g. what a gateway resolved for one request (its key, Mastra's headers). */
export type SyntheticModelOverrides = { apiKey?: string; headers?: Record<string, string> };

/**
 * Validates settings once, at provider creation, and returns a resolver that applies the env
 * defaults on every request (so a key set after import is picked up).
 */
export function prepareSettings(settings: SyntheticProviderSettings = {}): PreparedSettings {
  const { apiKey, baseURL, headers, fetch, allowInsecureHttp = false } = settings;
  const transport = parseTransportSettings(settings);
  if (apiKey !== undefined) assertHeaderValue("apiKey", apiKey);
  for (const [name, value] of Object.entries(headers ?? {})) assertHeaderValue(`headers["${name}"]`, value);
  const givenBaseURL = baseURL === undefined ? undefined : checkBaseURL(baseURL, "baseURL", allowInsecureHttp);

  let lastEnvBaseURL: string | undefined;
  let checkedEnvBaseURL = "";
  const resolveBaseURL = (): string => {
    if (givenBaseURL !== undefined) return givenBaseURL;
    const fromEnv = readEnv(BASE_URL_ENV);
    if (!fromEnv) return DEFAULT_BASE_URL;
    if (fromEnv !== lastEnvBaseURL) {
      checkedEnvBaseURL = checkBaseURL(fromEnv, BASE_URL_ENV, allowInsecureHttp);
      lastEnvBaseURL = fromEnv;
    }
    return checkedEnvBaseURL;
  };

  const sender = createTransport({ fetch, ...transport });
  return {
    transport: sender,
    fetch: sender.fetch,
    errorStructure: syntheticErrorStructure(transport.maxRetries),
    resolveBaseURL,
    resolveHeaders: (overrides) =>
      withSyntheticUserAgent({
        Authorization: `Bearer ${loadKey(overrides?.apiKey ?? apiKey)}`,
        ...headers,
        ...overrides?.headers,
      }),
  };
}

/** Settings validated once, with the env defaults applied on every request. */
export type PreparedSettings = {
  /** Authorization, the user's headers and the user agent, resolved now (throws `LoadAPIKeyError` without a key). */
  resolveHeaders: (overrides?: SyntheticModelOverrides) => Record<string, string>;
  /** The base URL now: the setting, else `SYNTHETIC_BASE_URL`, else the default. */
  resolveBaseURL: () => string;
  /** The retry and timeout policy, for the chat model. */
  transport: SyntheticTransport;
  /** The same policy as a `fetch`, for AI SDK helpers. */
  fetch: FetchFunction;
  /** How AI SDK helpers read Synthetic's errors, consistent with the transport's retries. */
  errorStructure: ProviderErrorStructure<SyntheticErrorData>;
};

/** Headers with the `mastra-synthetic/<version>` user-agent suffix. */
export function withSyntheticUserAgent(headers: Record<string, string | undefined>): Record<string, string> {
  // What provider-utils' withUserAgentSuffix does, here so that importing the package does not
  // load provider-utils (and the zod/v3 it imports): most of a cold import (docs/internals/performance.md).
  const normalized = new Headers();
  for (const [name, value] of Object.entries(headers)) if (value != null) normalized.set(name, value);
  const agent = [normalized.get("user-agent"), `mastra-synthetic/${VERSION}`].filter(Boolean).join(" ");
  normalized.set("user-agent", agent);
  return Object.fromEntries(normalized.entries());
}

/** The API key from the argument or `SYNTHETIC_API_KEY`; throws `LoadAPIKeyError` naming both. */
export function loadKey(apiKey: string | undefined): string {
  const key = apiKey ?? readEnv(API_KEY_ENV);
  if (!key) {
    throw new LoadAPIKeyError({
      message: `Synthetic API key is missing. Set the ${API_KEY_ENV} environment variable or pass \`apiKey\` to createSynthetic() / syntheticGateway(). Get a key at https://synthetic.new.`,
    });
  }
  assertHeaderValue(API_KEY_ENV, key);
  return key;
}

type TransportSettings = { [K in keyof typeof TRANSPORT_DEFAULTS]: number };

// Built on first use: most providers (the default instance among them) set none of these.
const transportSettings = lazy(() => {
  const duration = z.custom<number>((value) => typeof value === "number" && value > 0, "must be a number > 0");
  return z.object({
    maxRetries: z.int().min(0).max(100).default(TRANSPORT_DEFAULTS.maxRetries),
    retryBaseDelayMs: z.number().min(0).default(TRANSPORT_DEFAULTS.retryBaseDelayMs),
    retryBudgetMs: z.number().min(0).default(TRANSPORT_DEFAULTS.retryBudgetMs),
    timeoutMs: duration.default(TRANSPORT_DEFAULTS.timeoutMs),
    idleTimeoutMs: duration.default(TRANSPORT_DEFAULTS.idleTimeoutMs),
  });
});

function parseTransportSettings(settings: SyntheticProviderSettings): TransportSettings {
  const { maxRetries, retryBaseDelayMs, retryBudgetMs, timeoutMs, idleTimeoutMs } = settings;
  const given = { maxRetries, retryBaseDelayMs, retryBudgetMs, timeoutMs, idleTimeoutMs };
  if (Object.values(given).every((value) => value === undefined)) return { ...TRANSPORT_DEFAULTS };
  const parsed = transportSettings().safeParse(given);
  if (!parsed.success) {
    throw invalidSetting(
      `Invalid retry/timeout setting: ${formatZodError(parsed.error)}.`,
      "Use a non-negative integer for maxRetries and a number of milliseconds (> 0, or Infinity) for the timeouts.",
    );
  }
  return parsed.data;
}

function readEnv(name: string): string | undefined {
  // `process` is absent in edge runtimes; settings then come from arguments only.
  return typeof process === "undefined" ? undefined : process.env?.[name] || undefined;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function checkBaseURL(value: string, source: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not echoed: a mistyped setting is sometimes the API key itself.
    throw invalidSetting(`${source} is not a URL.`, `Use a full URL such as "${DEFAULT_BASE_URL}".`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalidSetting(
      `${source} must use https:// (got ${url.protocol}).`,
      `Use a URL such as "${DEFAULT_BASE_URL}".`,
    );
  }
  if (url.username || url.password) {
    throw invalidSetting(
      `${source} must not contain credentials.`,
      "Remove the user:password part and pass the key as `apiKey` or SYNTHETIC_API_KEY.",
    );
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && !allowInsecureHttp) {
    throw invalidSetting(
      `${source} uses plain http:// to ${url.hostname}, which would send your API key unencrypted.`,
      "Use https://, or pass `allowInsecureHttp: true` if this is intended.",
    );
  }
  // One trailing slash dropped, as provider-utils' withoutTrailingSlash does.
  return value.endsWith("/") ? value.slice(0, -1) : value;
}

function assertHeaderValue(name: string, value: unknown): void {
  if (typeof value !== "string") {
    throw invalidSetting(`${name} must be a string.`, "Pass a string value.");
  }
  if (/[\r\n\0]/.test(value)) {
    throw invalidSetting(`${name} contains a line break or NUL character.`, "Remove CR/LF/NUL from the value.");
  }
}

function invalidSetting(message: string, fix: string): SyntheticConfigurationError {
  return new SyntheticConfigurationError({ code: "invalid-setting", message, fix });
}
