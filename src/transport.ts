import { APICallError } from "@ai-sdk/provider";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import { type GuardedReader, guardedReader, type Link, linkSignal, plainBody, startTimer } from "./body-reader";
import { apiCallError, describeErrorChain, isRetryableStatus } from "./errors";
import { isAccountLimitAnswer, isAccountLimitResponse } from "./subscription-limit";

export type { BodyEnd, GuardedReader } from "./body-reader";

/** The transport's options: the provider settings of the same names, documented in settings.ts. */
export type SyntheticTransportOptions = Partial<
  Record<"maxRetries" | "retryBaseDelayMs" | "retryBudgetMs" | "timeoutMs" | "idleTimeoutMs", number>
> & {
  fetch?: FetchFunction;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
};

export const TRANSPORT_DEFAULTS = {
  maxRetries: 2,
  retryBaseDelayMs: 500,
  retryBudgetMs: 30_000,
  timeoutMs: 600_000,
  idleTimeoutMs: 60_000,
} as const;

const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "ConnectionRefused",
  "ConnectionClosed",
  "FailedToOpenSocket",
]);

/** A request the chat model sends; it says itself whether the answer streams. */
export type TransportRequest = {
  url: string;
  headers: Record<string, string>;
  /** The JSON body, already serialised. */
  body: string;
  /** The body as an object, for error reports. */
  bodyValues: unknown;
  stream: boolean;
  signal?: AbortSignal;
  /** A sentence appended to Synthetic's text for an error status (e.g. a retired model's successor). */
  errorHint?: (status: number, body: string) => string | undefined;
};

/** A successful (2xx) response whose body has not been read yet. */
export type TransportResponse = {
  url: string;
  headers: Record<string, string>;
  contentType: string;
  /** Reads the body: every read follows the caller's signal and the idle limit. */
  reader: GuardedReader;
};

export type SyntheticTransport = {
  /**
   * Sends a POST with the retry policy. Resolves with a 2xx response; rejects with an
   * `APICallError` carrying Synthetic's text for anything else (after the retries it allows).
   */
  send(request: TransportRequest): Promise<TransportResponse>;
  /** The same policy as a `fetch`, for AI SDK helpers (embeddings, `/models`, quotas). Returns every status. */
  fetch: FetchFunction;
};

/**
 * Synthetic's reliability policy: retries with exponential backoff and full jitter for 429, 5xx
 * and connection failures before a response (honouring `Retry-After`), a request timeout until
 * the response headers, and an idle timeout between body reads. An abort by the caller's
 * `AbortSignal` is never retried: it rejects a request still waiting with the signal's reason,
 * and a body read then pending ends as `aborted` with it. Other body faults (cut, stall) end a
 * read as `lost` or `stalled`; the chat stream reports them as error parts after the text so far.
 */
export function createTransport(options: SyntheticTransportOptions = {}): SyntheticTransport {
  const maxRetries = options.maxRetries ?? TRANSPORT_DEFAULTS.maxRetries;
  const baseDelay = options.retryBaseDelayMs ?? TRANSPORT_DEFAULTS.retryBaseDelayMs;
  const budget = options.retryBudgetMs ?? TRANSPORT_DEFAULTS.retryBudgetMs;
  const timeoutMs = options.timeoutMs ?? TRANSPORT_DEFAULTS.timeoutMs;
  const idleTimeoutMs = options.idleTimeoutMs ?? TRANSPORT_DEFAULTS.idleTimeoutMs;
  const random = options.random ?? Math.random;
  const baseFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  /** The final response of the retry loop, with the link that ties its body to the caller's signal. */
  const attempt = async (
    input: Parameters<FetchFunction>[0],
    init: RequestInit | undefined,
  ): Promise<{ response: Response; link: Link; retriesAllowed: boolean }> => {
    const caller = init?.signal ?? undefined;
    const url = urlOf(input);
    const canRetry = maxRetries > 0 && isReplayable(input, init?.body);
    const started = Date.now();

    /**
     * The retry decision, in one place: after attempt `n` (0-based) failed with `outcome`, how
     * many ms to wait before the next attempt, or `null` when the outcome is final. Retried: a
     * connection failure before any response, and 429/5xx (after `Retry-After` when sent), within
     * `maxRetries` and the time budget.
     */
    const retryDelay = (n: number, outcome: { error: unknown } | { response: Response }): number | null => {
      const retryable =
        "error" in outcome ? isConnectionError(outcome.error) : isRetryableStatus(outcome.response.status);
      if (!retryable || !canRetry || n >= maxRetries) return null;
      const remaining = budget - (Date.now() - started);
      const retryAfter = "response" in outcome ? retryAfterMs(outcome.response.headers) : undefined;
      if (retryAfter !== undefined) return retryAfter <= remaining ? retryAfter : null;
      return remaining > 0 ? random() * Math.min(remaining, baseDelay * 2 ** n) : null;
    };

    for (let n = 0; ; n++) {
      caller?.throwIfAborted();
      const link = linkSignal(caller);
      let timedOut = false;
      const timer = startTimer(timeoutMs, () => {
        timedOut = true;
        link.controller.abort();
      });
      let response: Response;
      try {
        // Raced against the signal too, in case a custom fetch ignores it.
        response = await raceSignal(
          baseFetch(input, { ...init, signal: link.controller.signal }),
          link.controller.signal,
        );
      } catch (error) {
        clearTimeout(timer);
        link.unlink();
        if (caller?.aborted) throw error;
        if (timedOut) throw requestTimeoutError(url, timeoutMs);
        const delay = retryDelay(n, { error });
        if (delay === null) {
          // With maxRetries 0 the caller's retries decide, so the failure says it is retryable.
          if (isConnectionError(error)) throw connectionError(url, error, n + 1, maxRetries === 0);
          throw error;
        }
        await sleep(delay, caller);
        continue;
      }
      clearTimeout(timer);
      const delay = retryDelay(n, { response });
      // Account limits (the subscription cap, search.hourly) are 429s too, but refill on Synthetic's
      // schedule: never retried. Only a 429 the package would retry has its body looked at.
      const accountLimit =
        delay !== null &&
        (await isAccountLimitResponse(response, url, { signal: link.controller.signal, waitMs: idleTimeoutMs }));
      if (delay === null || accountLimit) return { response, link, retriesAllowed: maxRetries > 0 };
      link.unlink();
      await response.body?.cancel().catch(() => {});
      await sleep(delay, caller);
    }
  };

  const send = async (request: TransportRequest): Promise<TransportResponse> => {
    const { response, link, retriesAllowed } = await attempt(request.url, {
      method: "POST",
      // The caller says whether the answer streams; nothing here reads the body to guess.
      headers: {
        ...request.headers,
        "content-type": "application/json",
        accept: request.stream ? "text/event-stream" : "application/json",
      },
      body: request.body,
      signal: request.signal,
    });
    const headers = headersObject(response.headers);
    const reader = guardedReader(response, link, request.url, idleTimeoutMs);
    if (!response.ok) {
      let body = "";
      try {
        body = await reader.text();
      } catch {
        // The status and Synthetic's headers still say what happened.
      }
      throw apiCallError({
        url: request.url,
        requestBody: request.bodyValues,
        status: response.status,
        statusText: response.statusText,
        headers,
        body,
        // What came back after our retries is final; with maxRetries 0 the caller's retries decide.
        retryable:
          !retriesAllowed &&
          isRetryableStatus(response.status) &&
          !isAccountLimitAnswer(response.status, body, request.url),
        hint: request.errorHint?.(response.status, body),
      });
    }
    return { url: request.url, headers, contentType: response.headers.get("content-type") ?? "", reader };
  };

  const fetch: FetchFunction = async (input, init) => {
    const { response, link } = await attempt(input, init);
    if (!response.body || response.status < 200) {
      link.unlink();
      return response;
    }
    return new Response(plainBody(guardedReader(response, link, urlOf(input), idleTimeoutMs)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  return { send, fetch };
}

function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  // Date.parse reads "-1" as a year; an HTTP date always has letters.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Settles with `promise`, or rejects with the signal's reason if it aborts first (a late response's body is cancelled). */
function raceSignal(promise: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      promise.then(
        (late) => late.body?.cancel().catch(() => {}),
        () => {},
      );
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (response) => {
        signal.removeEventListener("abort", onAbort);
        resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function urlOf(input: Parameters<FetchFunction>[0]): string {
  return typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
}

// A Request or a stream body can be read once only; everything postToApi sends is a string.
function isReplayable(input: Parameters<FetchFunction>[0], body: unknown): boolean {
  if (typeof input !== "string" && !(input instanceof URL)) return false;
  return body == null || typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body);
}

/**
 * A connection failure before any response: a network code anywhere in the cause chain, "socket
 * hang up", or a bare "fetch failed"/"Failed to fetch" (runtimes that give no cause). A "fetch
 * failed" whose cause is something else (an invalid header, a bad port) is not retried.
 */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error) || error.name === "AbortError" || error.name === "TimeoutError") return false;
  const seen = new Set<unknown>();
  for (let current: unknown = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE_CODES.has(code)) return true;
    if (/socket hang up|other side closed/i.test(current.message)) return true;
  }
  return error instanceof TypeError && /^(fetch failed|failed to fetch)$/i.test(error.message) && error.cause == null;
}

/**
 * A connection failure the transport does not retry (any more). Retryable only when the transport
 * never retries (`maxRetries: 0`), as openai-compatible reports a failed fetch, so the AI SDK's
 * or Mastra's retries take over. Otherwise the cause is a summary, not the original error: the
 * AI SDK marks any error with a network code in its cause chain as retryable, which would
 * multiply the attempts already made.
 */
function connectionError(url: string, error: unknown, attempts: number, retryable: boolean): APICallError {
  const detail = describeErrorChain(error);
  return new APICallError({
    message: `Cannot connect to Synthetic: ${detail} (${attempts} attempt${attempts === 1 ? "" : "s"}).`,
    url,
    requestBodyValues: undefined,
    cause: retryable ? error : new Error(detail),
    isRetryable: retryable,
  });
}

function requestTimeoutError(url: string, timeoutMs: number): APICallError {
  return new APICallError({
    message: `Synthetic sent no response within ${timeoutMs} ms, so the request was cancelled. Raise \`timeoutMs\` in the createSynthetic() / syntheticGateway() settings for long non-streaming answers.`,
    url,
    requestBodyValues: undefined,
    isRetryable: false,
  });
}
