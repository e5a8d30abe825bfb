import type { ProviderErrorStructure } from "@ai-sdk/openai-compatible";
import { APICallError } from "@ai-sdk/provider";
import { z } from "zod/v4";
import { lazy } from "./lazy";
import { isAccountLimitAnswer } from "./subscription-limit";

const configurationMarker = Symbol.for("mastra-synthetic.configuration-error");

export type SyntheticConfigurationErrorCode =
  | "invalid-model-id"
  | "invalid-setting"
  | "unsupported-input"
  | "invalid-provider-options";

const aiSdkMarker = Symbol.for("vercel.ai.error");

/**
 * A problem in how the package is configured or called, raised before any request is sent.
 * `fix` says what to change. `AISDKError.isInstance()` holds for it, as for every AI SDK error.
 *
 * It extends `TypeError` (with the AI SDK's marker) rather than `AISDKError`: Mastra 1.x retries
 * every model error that is not an `APICallError`, through p-retry, which never retries a
 * `TypeError`. As an `AISDKError` it was retried twice with backoff (3 s) before failing the same way.
 */
export class SyntheticConfigurationError extends TypeError {
  readonly [aiSdkMarker] = true;
  readonly [configurationMarker] = true;
  readonly code: SyntheticConfigurationErrorCode;
  readonly fix: string;

  constructor({ code, message, fix }: { code: SyntheticConfigurationErrorCode; message: string; fix: string }) {
    super(`${message} ${fix}`);
    this.name = "SyntheticConfigurationError";
    this.code = code;
    this.fix = fix;
  }

  static isInstance(error: unknown): error is SyntheticConfigurationError {
    return typeof error === "object" && error !== null && configurationMarker in error;
  }
}

/** A zod error on one line, for messages that end in a fix. */
export function formatZodError(error: z.ZodError): string {
  return z.prettifyError(error).replace(/\n/g, " ");
}

// Synthetic's error body is `{"error": "<text>"}`; OpenAI-style `{"error": {"message"}}` comes
// from some backends, mid-stream too. One schema reads both, everywhere.
const syntheticErrorSchema = lazy(() =>
  z.looseObject({
    error: z.union([z.string(), z.looseObject({ message: z.string() })]),
  }),
);
export type SyntheticErrorData = z.infer<ReturnType<typeof syntheticErrorSchema>>;

/** Synthetic's text from a parsed error body, or `undefined` when `value` is not one. */
export function syntheticErrorText(value: unknown): string | undefined {
  const parsed = syntheticErrorSchema().safeParse(value);
  if (!parsed.success) return undefined;
  const { error } = parsed.data;
  return typeof error === "string" ? error : error.message;
}

/** Synthetic's text from a raw error body (JSON or not), or `undefined`. */
export function syntheticErrorTextFromBody(body: string): string | undefined {
  try {
    return syntheticErrorText(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/**
 * The error structure for AI SDK helpers (openai-compatible embeddings, `/models`, quotas).
 * With the transport retrying (`maxRetries > 0`), every 429/5xx that comes back was already
 * retried, so none is retryable again: the AI SDK's and Mastra's retries would multiply attempts.
 */
export function syntheticErrorStructure(maxRetries: number): ProviderErrorStructure<SyntheticErrorData> {
  return {
    // A getter: the helpers read it when they handle an error, not when a provider is created.
    get errorSchema() {
      return syntheticErrorSchema();
    },
    errorToMessage: (data) => (typeof data.error === "string" ? data.error : data.error.message),
    isRetryable: (response, data) =>
      maxRetries === 0 &&
      isRetryableStatus(response.status) &&
      !(data && isAccountLimitAnswer(response.status, syntheticErrorText(data) ?? "", response.url)),
  };
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** An `APICallError` for a non-2xx answer, with Synthetic's text as its message. */
export function apiCallError(options: {
  url: string;
  requestBody: unknown;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  retryable: boolean;
  hint?: string;
}): APICallError {
  const text = syntheticErrorTextFromBody(options.body);
  const message = text ?? (options.statusText || `HTTP ${options.status}`);
  return new APICallError({
    message: options.hint ? `${/[.!?]$/.test(message) ? message : `${message}.`} ${options.hint}` : message,
    url: options.url,
    requestBodyValues: options.requestBody,
    statusCode: options.status,
    responseHeaders: options.headers,
    responseBody: options.body,
    isRetryable: options.retryable,
    data: text === undefined ? undefined : { error: text },
  });
}

/** The messages of an error and its causes, with network codes: "fetch failed: connect ECONNREFUSED (ECONNREFUSED)". */
export function describeErrorChain(error: unknown): string {
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

const CONTEXT_OVERFLOW = /input \((\d+) tokens\) is longer than the model's context length \((\d+) tokens\)/i;

/** Token counts parsed from Synthetic's context-overflow 400, or `undefined` for any other error. */
export function getContextOverflow(error: unknown): { inputTokens: number; contextLength: number } | undefined {
  if (!APICallError.isInstance(error) || error.statusCode !== 400) return undefined;
  const match = CONTEXT_OVERFLOW.exec(error.message);
  if (!match) return undefined;
  return { inputTokens: Number(match[1]), contextLength: Number(match[2]) };
}

/** Whether `error` is Synthetic's "input is longer than the model's context length" 400. */
export function isContextOverflowError(error: unknown): error is APICallError {
  return getContextOverflow(error) !== undefined;
}
