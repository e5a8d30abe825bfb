/**
 * Reading a response body under the transport's rules: every read says how the body stopped
 * (its end, the caller's abort, a stall, a lost connection), decided once here.
 */
import { APICallError } from "@ai-sdk/provider";
import { describeErrorChain } from "./errors";

// setTimeout treats delays above 2^31-1 ms as 1 ms; anything that long means "no timer".
const MAX_TIMER_MS = 2 ** 31 - 1;

export function startTimer(ms: number, fire: () => void): ReturnType<typeof setTimeout> | undefined {
  return ms > MAX_TIMER_MS ? undefined : setTimeout(fire, ms);
}

/** A request's own controller, tied to the caller's signal. */
export type Link = { controller: AbortController; caller: AbortSignal | undefined; unlink: () => void };

/** A controller that follows the caller's signal until `unlink()`, so the listener never outlives the request. */
export function linkSignal(caller: AbortSignal | undefined): Link {
  const controller = new AbortController();
  if (!caller) return { controller, caller, unlink: () => {} };
  const onAbort = () => controller.abort(caller.reason);
  caller.addEventListener("abort", onAbort, { once: true });
  return { controller, caller, unlink: () => caller.removeEventListener("abort", onAbort) };
}

function idleError(url: string, idleTimeoutMs: number): APICallError {
  return new APICallError({
    message: `Synthetic sent nothing for ${idleTimeoutMs} ms, so the response was cancelled. Raise \`idleTimeoutMs\` in the createSynthetic() / syntheticGateway() settings if the model needs longer pauses.`,
    url,
    requestBodyValues: undefined,
    isRetryable: false,
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

/**
 * How a response body stopped, decided once, where the read fails: at its end; by the caller's
 * signal (`error` is the signal's reason, an `AbortError`: not a fault, never retried); after
 * `idleTimeoutMs` without data; or by a broken connection.
 */
export type BodyEnd =
  | { type: "end" }
  | { type: "aborted"; error: unknown }
  | { type: "stalled"; error: APICallError }
  | { type: "lost"; error: APICallError; detail: string };

const END: BodyEnd = { type: "end" };

/**
 * A response body read under the transport's rules. One abort listener and one lazily re-armed
 * timer serve the whole body: per-read timers and listeners cost more than parsing the chunk
 * they guard.
 */
export type GuardedReader = {
  /** The next bytes, or how the body stopped (the body is then released). Never rejects. */
  read(): Promise<Uint8Array | BodyEnd>;
  /** The rest of the body as text; rejects with the error of a body that did not reach its end. */
  text(): Promise<string>;
  /** Stops reading: cancels the body and releases the timer and listener. Idempotent. */
  cancel(): void;
};

const STALLED = Symbol("stalled");

export function guardedReader(response: Response, link: Link, url: string, idleTimeoutMs: number): GuardedReader {
  const signal = link.controller.signal;
  const reader = response.body?.getReader();
  let waiting:
    | { resolve: (value: Uint8Array | null | typeof STALLED) => void; reject: (error: unknown) => void }
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
  const cancel = () => {
    release();
    if (!signal.aborted) link.controller.abort();
    reader?.cancel().catch(() => {});
  };
  const onAbort = () => settle()?.reject(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const check = () => {
    timer = undefined;
    if (!waiting) return;
    const waited = performance.now() - readStartedAt;
    if (waited >= idleTimeoutMs) settle()?.resolve(STALLED);
    else timer = startTimer(idleTimeoutMs - waited, check);
  };
  const next = () =>
    new Promise<Uint8Array | null | typeof STALLED>((resolve, reject) => {
      if (!reader) return resolve(null);
      if (signal.aborted) return reject(signal.reason);
      waiting = { resolve, reject };
      readStartedAt = performance.now();
      timer ??= startTimer(idleTimeoutMs, check);
      reader.read().then(
        (result) => settle()?.resolve(result.done ? null : result.value),
        (error: unknown) => settle()?.reject(error),
      );
    });
  // The one place that tells the caller's abort from a fault: the caller's own signal says.
  const read = async (): Promise<Uint8Array | BodyEnd> => {
    try {
      const chunk = await next();
      if (chunk instanceof Uint8Array) return chunk;
      if (chunk === null) {
        release();
        return END;
      }
      cancel();
      return { type: "stalled", error: idleError(url, idleTimeoutMs) };
    } catch (error) {
      cancel();
      return link.caller?.aborted
        ? { type: "aborted", error: link.caller.reason }
        : { type: "lost", error: connectionLostError(url, error), detail: describeErrorChain(error) };
    }
  };
  const text = async (): Promise<string> => {
    const decoder = new TextDecoder();
    let out = "";
    for (;;) {
      const chunk = await read();
      if (chunk instanceof Uint8Array) out += decoder.decode(chunk, { stream: true });
      else if (chunk.type === "end") return out + decoder.decode();
      else throw chunk.error;
    }
  };
  return { read, text, cancel };
}

/** The body for `fetch` callers: a stall and a lost connection become `APICallError`s. */
export function plainBody(reader: GuardedReader): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk instanceof Uint8Array) controller.enqueue(chunk);
      else if (chunk.type === "end") controller.close();
      else controller.error(chunk.error);
    },
    cancel: () => reader.cancel(),
  });
}
