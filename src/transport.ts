import { APICallError } from "@ai-sdk/provider";
import type { FetchFunction } from "@ai-sdk/provider-utils";

/**
 * Set on a final 429/5xx response after this transport applied its retry policy (value: retries
 * made). `syntheticErrorStructure` then reports the error as not retryable, so the AI SDK's and
 * Mastra's own retries do not multiply the attempts.
 */
export const RETRIES_HEADER = "x-mastra-synthetic-retries";

/** Options of {@link createSyntheticFetch}; the provider settings of the same names feed them. */
export type SyntheticFetchOptions = {
  /** The fetch that does the I/O. Default: `globalThis.fetch`, read at call time. */
  fetch?: FetchFunction;
  /** Retries after the first attempt for 429, 5xx and connection failures before a response. Default 2. */
  maxRetries?: number;
  /** Backoff base: retry n waits a random time in [0, base * 2^n) ("full jitter"). Default 500. */
  retryBaseDelayMs?: number;
  /** No retry starts later than this after the first attempt began; a longer `Retry-After` ends retrying. Default 30000. */
  retryBudgetMs?: number;
  /** Per attempt: time allowed until the response headers arrive. Default 600000. `Infinity` disables it. */
  timeoutMs?: number;
  /** Longest gap allowed between two reads of the response body. Default 60000. `Infinity` disables it. */
  idleTimeoutMs?: number;
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
// Bounds memory when a server streams bytes without ever ending an SSE line.
const MAX_SSE_LINE_BYTES = 16 * 1024 * 1024;

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

/**
 * A fetch with Synthetic's reliability policy: retries with exponential backoff and full jitter
 * for 429, 5xx and connection failures before a response (honouring `Retry-After`), a request
 * timeout until the response headers, an idle timeout between body reads, and stream faults
 * (cut connection, stall, truncation, no `[DONE]` nor `finish_reason`) turned into an SSE
 * `{"error"}` event, so the chat model reports them as an error part after the text so far.
 * The caller's `AbortSignal` always wins: it is never retried and cancels the body promptly.
 */
export function createSyntheticFetch(options: SyntheticFetchOptions = {}): FetchFunction {
  const maxRetries = options.maxRetries ?? TRANSPORT_DEFAULTS.maxRetries;
  const baseDelay = options.retryBaseDelayMs ?? TRANSPORT_DEFAULTS.retryBaseDelayMs;
  const budget = options.retryBudgetMs ?? TRANSPORT_DEFAULTS.retryBudgetMs;
  const timeoutMs = options.timeoutMs ?? TRANSPORT_DEFAULTS.timeoutMs;
  const idleTimeoutMs = options.idleTimeoutMs ?? TRANSPORT_DEFAULTS.idleTimeoutMs;
  const random = options.random ?? Math.random;
  const baseFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  return async (input, init) => {
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

    for (let attempt = 0; ; attempt++) {
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
        const delay = canRetry && attempt < maxRetries ? nextDelay(attempt, undefined) : null;
        if (delay === null) throw connectionError(url, error, attempt + 1);
        await sleep(delay, caller);
        continue;
      }
      clearTimeout(timer);
      if (maxRetries > 0 && (response.status === 429 || response.status >= 500)) {
        const delay = canRetry && attempt < maxRetries ? nextDelay(attempt, retryAfterMs(response.headers)) : null;
        if (delay !== null) {
          link.unlink();
          await response.body?.cancel().catch(() => {});
          await sleep(delay, caller);
          continue;
        }
        return guardBody(response, init?.body, url, link, idleTimeoutMs, { [RETRIES_HEADER]: String(attempt) });
      }
      return guardBody(response, init?.body, url, link, idleTimeoutMs);
    }
  };
}

/** `Retry-After` (seconds or HTTP date) or `retry-after-ms`, in ms; `undefined` when absent or unreadable. */
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

function describeError(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let current: unknown = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    parts.push(
      typeof code === "string" && !current.message.includes(code) ? `${current.message} (${code})` : current.message,
    );
  }
  return parts.join(": ") || String(error);
}

// The cause is a summary, not the original error: the AI SDK marks any error with a network code
// in its cause chain as retryable, which would undo the whole point of giving up here.
function connectionError(url: string, error: unknown, attempts: number): APICallError {
  const detail = describeError(error);
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

const IDLE = Symbol("idle");

/**
 * Re-wraps the body so that every read has the idle limit and follows the caller's signal, and
 * the caller listener is removed once the body ends. Successful streaming responses get the SSE
 * guard, everything else the plain one.
 */
function guardBody(
  response: Response,
  requestBody: unknown,
  url: string,
  link: Link,
  idleTimeoutMs: number,
  extraHeaders?: Record<string, string>,
): Response {
  if (!response.body || response.status < 200) {
    link.unlink();
    return response;
  }
  const contentType = response.headers.get("content-type") ?? "";
  // The request body is what postJsonToApi serialised; `"stream":true` cannot appear escaped in it.
  const streaming =
    response.ok &&
    (/text\/event-stream/i.test(contentType) ||
      (typeof requestBody === "string" && requestBody.includes('"stream":true')));
  const reader = response.body.getReader();
  const { read, release } = guardedReads(reader, idleTimeoutMs, link.controller.signal);
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    release();
    link.unlink();
  };
  const stop = () => {
    finish();
    link.controller.abort();
    reader.cancel().catch(() => {});
  };
  const aborted = () => link.controller.signal.aborted;
  const body = streaming
    ? sseBody(read, stop, finish, aborted, idleTimeoutMs, contentType)
    : plainBody(read, stop, finish, aborted, url, idleTimeoutMs);
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extraHeaders ?? {})) headers.set(name, value);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

type Read = () => Promise<ReadableStreamReadResult<Uint8Array> | typeof IDLE>;

/**
 * Reads raced against the idle limit and the abort signal (which a custom fetch may ignore). One
 * abort listener and one lazily re-armed timer serve the whole body: per-read timers and
 * listeners cost more than parsing the chunk they guard (see bench/, row doStream).
 */
function guardedReads(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleTimeoutMs: number,
  signal: AbortSignal,
): { read: Read; release: () => void } {
  let waiting: { resolve: (value: Awaited<ReturnType<Read>>) => void; reject: (error: unknown) => void } | undefined;
  let readStartedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    const current = waiting;
    waiting = undefined;
    return current;
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
  const read: Read = () =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      waiting = { resolve, reject };
      readStartedAt = performance.now();
      timer ??= startTimer(idleTimeoutMs, check);
      reader.read().then(
        (result) => settle()?.resolve(result),
        (error: unknown) => settle()?.reject(error),
      );
    });
  return {
    read,
    release: () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    },
  };
}

function plainBody(
  read: Read,
  stop: () => void,
  finish: () => void,
  aborted: () => boolean,
  url: string,
  idleTimeoutMs: number,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: Awaited<ReturnType<Read>>;
      try {
        result = await read();
      } catch (error) {
        const byCaller = aborted();
        stop();
        controller.error(
          byCaller
            ? error
            : new APICallError({
                message: `The connection to Synthetic was lost while reading the response (${describeError(error)}).`,
                url,
                requestBodyValues: undefined,
                cause: error,
                isRetryable: true,
              }),
        );
        return;
      }
      if (result === IDLE) {
        stop();
        controller.error(
          new APICallError({
            message: idleMessage(idleTimeoutMs),
            url,
            requestBodyValues: undefined,
            isRetryable: false,
          }),
        );
      } else if (result.done) {
        finish();
        controller.close();
      } else {
        controller.enqueue(result.value);
      }
    },
    cancel: stop,
  });
}

const encoder = new TextEncoder();
// `[DONE]`, a non-null finish_reason, or Synthetic's own {"error"} event, on a data line. Quotes
// inside content are escaped in the JSON, so answer text cannot match.
const COMPLETE_EVENT = /^data:[ \t]*(?:\[DONE\]|\{[ \t]*"error"[ \t]*:)|"finish_reason"\s*:\s*"/m;
const sseError = (message: string) =>
  encoder.encode(`\ndata: ${JSON.stringify({ error: { message, type: "mastra-synthetic" } })}\n\n`);

function lastLineBreak(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) if (bytes[i] === 0x0a || bytes[i] === 0x0d) return i;
  return -1;
}

/**
 * Passes SSE through whole lines at a time (so an injected event never lands mid-line) and
 * watches for the end of the answer: `[DONE]`, a `finish_reason`, or Synthetic's own `{"error"}`
 * event. A stream that ends, stalls or breaks before any of these gets an `{"error"}` event
 * saying what happened, then ends cleanly; one that breaks after them just ends.
 */
function sseBody(
  read: Read,
  stop: () => void,
  finish: () => void,
  aborted: () => boolean,
  idleTimeoutMs: number,
  contentType: string,
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const eventStream = /text\/event-stream/i.test(contentType);
  // Bytes after the last line break, kept as pieces so a long line is copied once, not per read.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  // The start of a body that is not an event stream, to quote Synthetic's {"error"} from it.
  let head = "";
  let received = 0;
  let complete = false;
  let closed = false;

  const scanLine = (line: string) => {
    if (!line.startsWith("data:")) return;
    const data = line.slice(5).trim();
    if (data === "[DONE]" || /"finish_reason"\s*:\s*"/.test(data) || /^\{\s*"error"\s*:/.test(data)) complete = true;
  };
  const isWholeDataLine = (line: string) => {
    if (!line.startsWith("data:")) return false;
    const data = line.slice(5).trim();
    if (data === "[DONE]") return true;
    try {
      JSON.parse(data);
      return true;
    } catch {
      return false;
    }
  };
  const end = (controller: ReadableStreamDefaultController<Uint8Array>, fault: string | undefined) => {
    closed = true;
    if (fault !== undefined && !complete) controller.enqueue(sseError(fault));
    controller.close();
  };
  const notAnEventStream = () => {
    const error = errorText(head);
    return `Synthetic answered a streaming request with ${contentType || "no content-type"} instead of an event stream${error ? `: ${error}` : "."}`;
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Loop until something is enqueued: a read may hold only part of a line.
      while (!closed) {
        let result: Awaited<ReturnType<Read>>;
        try {
          result = await read();
        } catch (error) {
          const byCaller = aborted();
          stop();
          if (byCaller) {
            closed = true;
            controller.error(error);
          } else {
            end(controller, `The connection to Synthetic was lost mid-stream (${describeError(error)}).`);
          }
          return;
        }
        if (result === IDLE) {
          stop();
          end(controller, idleMessage(idleTimeoutMs));
          return;
        }
        if (result.done) {
          finish();
          let cutOff = 0;
          if (pendingBytes > 0) {
            const tail = concat(pending, pendingBytes);
            const line = decoder.decode(tail).trim();
            if (isWholeDataLine(line)) {
              scanLine(line);
              controller.enqueue(tail);
            } else if (line !== "") {
              cutOff = tail.length;
            }
          }
          // A final event without its blank line would be dropped by the SSE parser.
          controller.enqueue(encoder.encode("\n\n"));
          end(
            controller,
            !eventStream
              ? notAnEventStream()
              : cutOff > 0
                ? `Synthetic's stream ended in the middle of an event (${cutOff} bytes cut off).`
                : `Synthetic's stream ended before the answer was complete (no finish_reason and no [DONE] after ${received} bytes).`,
          );
          return;
        }
        const chunk = result.value;
        received += chunk.length;
        if (!eventStream && head.length < 4096) head += decoder.decode(chunk.subarray(0, 4096));
        const cut = lastLineBreak(chunk);
        if (cut === -1) {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes > MAX_SSE_LINE_BYTES) {
            stop();
            end(controller, `Synthetic sent an SSE line longer than ${MAX_SSE_LINE_BYTES} bytes.`);
            return;
          }
          continue;
        }
        pending.push(chunk.subarray(0, cut + 1));
        const lines = concat(pending, pendingBytes + cut + 1);
        pending = cut + 1 < chunk.length ? [chunk.slice(cut + 1)] : [];
        pendingBytes = chunk.length - cut - 1;
        // One pass over the whole chunk until the end is seen; nothing to look for after that.
        if (!complete && COMPLETE_EVENT.test(decoder.decode(lines))) complete = true;
        controller.enqueue(lines);
        return;
      }
    },
    cancel: stop,
  });
}

/** Synthetic's text from an `{"error": ...}` body, if that is what `body` holds. */
function errorText(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = parsed && typeof parsed === "object" ? (parsed as { error?: unknown }).error : undefined;
    if (typeof error === "string") return error;
    const message = error && typeof error === "object" ? (error as { message?: unknown }).message : undefined;
    return typeof message === "string" ? message : undefined;
  } catch {
    return undefined;
  }
}

function concat(pieces: Uint8Array[], length: number): Uint8Array {
  if (pieces.length === 1 && pieces[0]?.length === length) return pieces[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
