import { syntheticErrorText } from "../errors";

/**
 * The text of an error a 200 answer carries in its body (`{"error": ...}` in a chunk or in the
 * JSON reply), or `undefined` when there is none. Any non-null `error` is one, whatever its shape:
 * Synthetic's `"<text>"`, OpenAI's `{"message"}`, or a backend's own
 * (`{"code": 500, "detail": "CUDA out of memory"}`), whose JSON is then the text.
 */
export function inBandErrorText(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const error = (value as { error?: unknown }).error;
  if (error === undefined || error === null) return undefined;
  return syntheticErrorText(value) ?? JSON.stringify(error);
}
