import { AISDKError, APICallError } from "@ai-sdk/provider";

const configurationMarker = Symbol.for("mastra-synthetic.configuration-error");

export type SyntheticConfigurationErrorCode =
  | "invalid-model-id"
  | "invalid-setting"
  | "unsupported-input"
  | "invalid-provider-options";

/**
 * A problem in how the package is configured or called, raised before any request is sent.
 * `fix` says what to change.
 */
export class SyntheticConfigurationError extends AISDKError {
  readonly [configurationMarker] = true;
  readonly code: SyntheticConfigurationErrorCode;
  readonly fix: string;

  constructor({ code, message, fix }: { code: SyntheticConfigurationErrorCode; message: string; fix: string }) {
    super({ name: "SyntheticConfigurationError", message: `${message} ${fix}` });
    this.code = code;
    this.fix = fix;
  }

  static isInstance(error: unknown): error is SyntheticConfigurationError {
    return typeof error === "object" && error !== null && configurationMarker in error;
  }
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
