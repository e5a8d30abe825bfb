/**
 * Synthetic's subscription cap: a 429 whose body says "You've exceeded your subscription rate
 * limits. Upgrade, or try again later. You can view your usage at …" (can1357/oh-my-pi#7767).
 * It is account-scoped and refills on Synthetic's schedule (ticks of minutes to hours), so a
 * retry seconds later cannot succeed: it is neither retried nor marked retryable.
 */
import { APICallError } from "@ai-sdk/provider";
import { describeAmount, describeRefill, utcTime } from "./quota-format";
import { parseQuotaHeader, type SyntheticQuota } from "./quota-read";
import { exhaustedWindow, type NamedQuotaWindow } from "./quota-windows";

const CAP_TEXT = /exceeded your subscription rate limits/i;

/**
 * Whether an error answer is an account limit that a retry within seconds cannot clear: the
 * subscription cap, or any 429 from `/v2/search` (its `search.hourly` window resets hourly).
 */
export function isAccountLimitAnswer(status: number, body: string, url: string): boolean {
  return status === 429 && (CAP_TEXT.test(body) || isSearchURL(url));
}

/** How much of a 429's body is read to tell the cap: its text comes first, in a short body. */
const CAP_PREFIX_CHARS = 4096;

/**
 * {@link isAccountLimitAnswer} for a response whose body is unread. Reads the start of a copy of
 * the body, so the response itself stays readable; a body that does not arrive within `waitMs`,
 * or before `signal` aborts, is not the cap (a stalled 429 is then retried as any 429). The copy's
 * reader is always cancelled, so cancelling the response afterwards cannot wait on it.
 */
export async function isAccountLimitResponse(
  response: Response,
  url: string,
  { signal, waitMs }: { signal: AbortSignal; waitMs: number },
): Promise<boolean> {
  if (response.status !== 429) return false;
  if (isSearchURL(url)) return true;
  const reader = response.clone().body?.getReader();
  if (!reader) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop = () => {};
  const gaveUp = new Promise<null>((resolve) => {
    stop = () => resolve(null);
    timer = setTimeout(stop, Math.min(waitMs, 2 ** 31 - 1));
    signal.addEventListener("abort", stop, { once: true });
  });
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < CAP_PREFIX_CHARS) {
      const read = await Promise.race([reader.read(), gaveUp]);
      if (read === null || read.done) break;
      text += decoder.decode(read.value, { stream: true });
    }
  } catch {
    // A body that fails to arrive is judged on what did.
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", stop);
    reader.cancel().catch(() => {});
  }
  return isAccountLimitAnswer(429, text, url);
}

const isSearchURL = (url: string) => /\/v2\/search(?:[?#]|$)/.test(url);

/** What a subscription-cap error knows about the window that ran out. */
export type SubscriptionLimit = {
  /** The exhausted window, when a quota reading named one. */
  window?: NamedQuotaWindow;
  /** ISO time of its next refill, when known. */
  nextRefillAt?: string;
};

/**
 * Whether `error` is Synthetic's subscription cap (the account-level 429, not a transient rate
 * limit). It is not retryable; wait for the refill its message names, or upgrade the plan.
 *
 * @example
 * try { await agent.generate("hi"); } catch (error) {
 *   if (isSubscriptionLimitError(error)) console.log(error.message); // "... The 5h window is used up (135 of 135 requests used); next refill: +5% at 03:15 UTC (in 12 min). ..."
 * }
 */
export function isSubscriptionLimitError(error: unknown): error is APICallError {
  if (!APICallError.isInstance(error) || error.statusCode !== 429) return false;
  return CAP_TEXT.test(error.responseBody ?? "") || CAP_TEXT.test(error.message);
}

/** The exhausted window and its refill named in a subscription-cap error, or `undefined` for any other error. */
export function getSubscriptionLimit(error: unknown): SubscriptionLimit | undefined {
  if (!isSubscriptionLimitError(error)) return undefined;
  const data = error.data as { subscriptionLimit?: SubscriptionLimit } | undefined;
  return data?.subscriptionLimit ?? {};
}

/**
 * Finds out which window a subscription-cap 429 ran into: from the error's own
 * `x-synthetic-quotas` header, else the last header seen, else one `GET /v2/quotas` (free: it
 * counts against no limit). One per provider; `observe` is fed every response's headers.
 */
export class QuotaWatch {
  #last: SyntheticQuota | undefined;
  readonly #read: (signal: AbortSignal | undefined) => Promise<SyntheticQuota>;

  constructor(read: (signal: AbortSignal | undefined) => Promise<SyntheticQuota>) {
    this.#read = read;
  }

  /** Remembers the quota a response reported in `x-synthetic-quotas`. */
  observe(headers: Record<string, string>): void {
    const quota = parseQuotaHeader(headers["x-synthetic-quotas"]);
    if (quota) this.#last = quota;
  }

  /** `error` itself, or for the subscription cap a non-retryable copy naming the window and its refill. */
  async explain(error: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    if (!isSubscriptionLimitError(error)) return error;
    const quota =
      parseQuotaHeader(error.responseHeaders?.["x-synthetic-quotas"]) ??
      this.#last ??
      (await this.#read(explainReadSignal(signal)).catch(() => undefined));
    if (quota) this.#last = quota;
    return subscriptionLimitError(error, quota && exhaustedWindow(quota));
  }
}

// A limit's error waits for this read; a slow /v2/quotas must not hold it much longer.
const QUOTA_READ_TIMEOUT_MS = 5_000;

/** The signal for the one `/v2/quotas` read that explains a limit: the caller's, within 5 s. */
export function explainReadSignal(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(QUOTA_READ_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function subscriptionLimitError(error: APICallError, window: NamedQuotaWindow | undefined): APICallError {
  const base = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
  const refill = window && describeRefill(window, (iso) => utcTime(iso));
  const detail = window
    ? `The ${window.label} window is used up (${describeAmount(window)})${refill ? `; next refill: ${refill}` : ""}.`
    : "Synthetic did not say which window is used up; `mastra-synthetic quota` shows them.";
  return finalError(error, `${base} ${detail} Not retried: the subscription cap refills on Synthetic's schedule.`, {
    ...(typeof error.data === "object" && error.data !== null ? error.data : {}),
    subscriptionLimit: { window, nextRefillAt: window?.nextRefillAt } satisfies SubscriptionLimit,
  });
}

/** A copy of `error` with a message that says what to do, marked not retryable. */
export function finalError(error: APICallError, message: string, data: unknown = error.data): APICallError {
  return new APICallError({
    message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: error.statusCode,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    isRetryable: false,
    data,
  });
}
