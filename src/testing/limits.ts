/** A request's `max_tokens`, applied to the made-up or scripted output as a model stops mid-answer. */
import { estimateTokens, type Json } from "./wire";

/** `max_tokens` (or `max_completion_tokens`) when it is a positive integer, else `undefined`. */
export function maxTokensOf(body: Json): number | undefined {
  const value = body.max_tokens ?? body.max_completion_tokens;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * The output cut to `limit` tokens (4 characters each, the emulator's estimate): reasoning is
 * generated first, so it takes the budget first, then the answer. `cut` says whether anything was
 * dropped (the finish reason is then `length`).
 */
export function capOutput(
  limit: number | undefined,
  output: { reasoning: string | undefined; content: string },
): { reasoning: string | undefined; content: string; cut: boolean } {
  if (limit === undefined) return { ...output, cut: false };
  const reasoning = Array.from(output.reasoning ?? "");
  const content = Array.from(output.content);
  if (estimateTokens(reasoning.length + content.length) <= limit) return { ...output, cut: false };
  const budget = limit * 4;
  const kept = reasoning.slice(0, budget);
  return {
    reasoning: output.reasoning === undefined ? undefined : kept.join(""),
    content: content.slice(0, budget - kept.length).join(""),
    cut: true,
  };
}

/** Completion tokens as reported: never more than `limit`. */
export const capTokens = (tokens: number, limit: number | undefined) =>
  limit === undefined ? tokens : Math.min(tokens, limit);
