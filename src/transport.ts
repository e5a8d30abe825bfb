import { APICallError } from "@ai-sdk/provider";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import { apiCallError, describeErrorChain, isRetryableStatus } from "./errors";
import type { SyntheticProviderSettings } from "./settings";
import { isAccountLimitAnswer, isAccountLimitResponse } from "./subscription-limit";

/** The transport's options: the provider settings of the same names (documented there). */
export type SyntheticTransportOptions = Pick<
  SyntheticProviderSettings,
  "fetch" | "maxRetries" | "retryBaseDelayMs" | "retryBudgetMs" | "timeoutMs" | "idleTimeoutMs"
> & {
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

// setTimeout treats delays above 2^31-1 ms as 1 ms; anything that long means "no timer".
const MAX_TIMER_MS = 2 ** 31 - 1;

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
  /** `maxRetries` as configured: 0 means the caller's own retries decide. */
  readonly maxRetries: number;
};

/**
 * Synthetic's reliability policy: retries with exponential backoff and full jitter for 429, 5xx
 * and connection failures before a response (honouring `Retry-After`), a request timeout until
 * the response headers, and an idle timeout between body reads. The caller's `AbortSignal`
 * always wins: it is never retried and cancels the body promptly. Stream faults (cut, stall,
 * truncation) are the chat stream's to report, as error parts after the text so far.
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
  ): Promise<{ response: Response; link: Link; retried: boolean }> => {
    const caller = init?.signal ?? undefined;
    const url = urlOf(input);
    const canRetry = maxRetries > 0 && isReplayable(input, init?.body);
    const started = Date.now();
    // null: give up now.
    const nextDelay = (retry: number, retryAfter: number | undefined): number | null => {
      const remaining = budget - (Date.now() - started);
      if (retryAfter !== undefined) return retryAfter <= remaining ? retryAfter : null;
      return remaining > 0 ? random() * Math.min(remaining, baseDelay * 2 ** retry) : null;
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
        if (maxRetries === 0 || !isConnectionError(error)) throw error;
        const delay = canRetry && n < maxRetries ? nextDelay(n, undefined) : null;
        if (delay === null) throw connectionError(url, error, n + 1);
        await sleep(delay, caller);
        continue;
      }
      clearTimeout(timer);
      // Account limits (the subscription cap, search.hourly) are 429s too, but refill on
      // Synthetic's schedule: never retried.
      const retryable =
        maxRetries > 0 &&
        isRetryableStatus(response.status) &&
        !(await isAccountLimitResponse(response, url, { signal: link.controller.signal, waitMs: idleTimeoutMs }));
      if (retryable) {
        const delay = canRetry && n < maxRetries ? nextDelay(n, retryAfterMs(response.headers)) : null;
        if (delay !== null) {
          link.unlink();
          await response.body?.cancel().catch(() => {});
          await sleep(delay, caller);
          continue;
        }
      }
      return { response, link, retried: maxRetries > 0 };
    }
  };

  const send = async (request: TransportRequest): Promise<TransportResponse> => {
    const { response, link, retried } = await attempt(request.url, {
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
    const reader = guardedReader(response, link, idleTimeoutMs);
    if (!response.ok) {
      let body = "";
      try {
        body = await readText(reader, request.url);
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
          !retried && isRetryableStatus(response.status) && !isAccountLimitAnswer(response.status, body, request.url),
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
    return new Response(plainBody(guardedReader(response, link, idleTimeoutMs), urlOf(input)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  return { send, fetch, maxRetries };
}

/** Reads a whole body as text, with the idle limit; a lost connection is an `APICallError`. */
export async function readText(reader: GuardedReader, url: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const chunk = await readOrFail(reader, url);
    if (chunk === IDLE) {
      reader.cancel();
      throw idleError(url, reader.idleTimeoutMs);
    }
    if (chunk === null) return text + decoder.decode();
    text += decoder.decode(chunk, { stream: true });
  }
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

type Link = { controller: AbortController; unlink: () => void };

/** A controller that follows the caller's signal until `unlink()`, so the listener never outlives the request. */
function linkSignal(caller: AbortSignal | undefined): Link {
  const controller = new AbortController();
  if (!caller) return { controller, unlink: () => {} };
  const onAbort = () => controller.abort(caller.reason);
  caller.addEventListener("abort", onAbort, { once: true });
  return { controller, unlink: () => caller.removeEventListener("abort", onAbort) };
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

function startTimer(ms: number, fire: () => void): ReturnType<typeof setTimeout> | undefined {
  return ms > MAX_TIMER_MS ? undefined : setTimeout(fire, ms);
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

// The cause is a summary, not the original error: the AI SDK marks any error with a network code
// in its cause chain as retryable, which would undo the whole point of giving up here.
function connectionError(url: string, error: unknown, attempts: number): APICallError {
  const detail = describeErrorChain(error);
  return new APICallError({
    message: `Cannot connect to Synthetic: ${detail} (${attempts} attempt${attempts === 1 ? "" : "s"}).`,
    url,
    requestBodyValues: undefined,
    cause: new Error(detail),
    isRetryable: false,
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

const idleMessage = (idleTimeoutMs: number) =>
  `Synthetic sent nothing for ${idleTimeoutMs} ms, so the response was cancelled. Raise \`idleTimeoutMs\` in the createSynthetic() / syntheticGateway() settings if the model needs longer pauses.`;

export function idleError(url: string, idleTimeoutMs: number): APICallError {
  return new APICallError({
    message: idleMessage(idleTimeoutMs),
    url,
    requestBodyValues: undefined,
    isRetryable: false,
  });
}

/** A stall longer than `idleTimeoutMs` between two reads. */
export const IDLE = Symbol("idle");

/**
 * A response body read under the transport's rules. `read()` resolves with the next bytes,
 * `null` at the end, or `IDLE` after `idleTimeoutMs` without data; it rejects when the caller's
 * signal aborts or the connection breaks. One abort listener and one lazily re-armed timer serve
 * the whole body: per-read timers and listeners cost more than parsing the chunk they guard.
 */
export type GuardedReader = {
  read(): Promise<Uint8Array | null | typeof IDLE>;
  /** Stops reading: cancels the body and releases the timer and listener. Idempotent. */
  cancel(): void;
  /** Whether the caller's signal aborted (a read error is then the caller's, not a fault). */
  readonly aborted: boolean;
  readonly idleTimeoutMs: number;
};

function guardedReader(response: Response, link: Link, idleTimeoutMs: number): GuardedReader {
  const signal = link.controller.signal;
  const reader = response.body?.getReader();
  let waiting:
    | { resolve: (value: Uint8Array | null | typeof IDLE) => void; reject: (error: unknown) => void }
    | undefined;
  let readStartedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let released = false;
  const settle = () => {
    const current = waiting;
    waiting = undefined;
    return current;
  };
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
    link.unlink();
  };
  const onAbort = () => settle()?.reject(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const check = () => {
    timer = undefined;
    if (!waiting) return;
    const waited = performance.now() - readStartedAt;
    if (waited >= idleTimeoutMs) settle()?.resolve(IDLE);
    else timer = startTimer(idleTimeoutMs - waited, check);
  };
  return {
    read: () =>
      new Promise((resolve, reject) => {
        if (!reader) return resolve(null);
        if (signal.aborted) return reject(signal.reason);
        waiting = { resolve, reject };
        readStartedAt = performance.now();
        timer ??= startTimer(idleTimeoutMs, check);
        reader.read().then(
          (result) => {
            if (result.done) release();
            settle()?.resolve(result.done ? null : result.value);
          },
          (error: unknown) => {
            release();
            settle()?.reject(error);
          },
        );
      }),
    cancel: () => {
      release();
      if (!signal.aborted) link.controller.abort();
      reader?.cancel().catch(() => {});
    },
    get aborted() {
      return signal.aborted && !released;
    },
    idleTimeoutMs,
  };
}

/** The next read; a broken connection (not the caller's abort) becomes an `APICallError`. */
async function readOrFail(reader: GuardedReader, url: string): ReturnType<GuardedReader["read"]> {
  try {
    return await reader.read();
  } catch (error) {
    const byCaller = reader.aborted;
    reader.cancel();
    throw byCaller ? error : connectionLostError(url, error);
  }
}

/** The body for `fetch` callers: the idle limit and a lost connection become `APICallError`s. */
function plainBody(reader: GuardedReader, url: string): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: Awaited<ReturnType<GuardedReader["read"]>>;
      try {
        chunk = await readOrFail(reader, url);
      } catch (error) {
        controller.error(error);
        return;
      }
      if (chunk === IDLE) {
        reader.cancel();
        controller.error(idleError(url, reader.idleTimeoutMs));
      } else if (chunk === null) {
        controller.close();
      } else {
        controller.enqueue(chunk);
      }
    },
    cancel: () => reader.cancel(),
  });
}

function connectionLostError(url: string, error: unknown): APICallError {
  return new APICallError({
    message: `The connection to Synthetic was lost while reading the response (${describeErrorChain(error)}).`,
    url,
    requestBodyValues: undefined,
    cause: error,
    isRetryable: true,
  });
}
