import { getModelInfo } from "./catalog";
import type { SyntheticModelInfo } from "./catalog-schema";
import type { SyntheticModelId } from "./model-ids.generated";

/** Cost of one call in USD. */
export type SyntheticCost = { input: number; output: number; total: number };

/** Token counts as the AI SDK reports them (`LanguageModelUsage`). */
export type SyntheticUsageLike = {
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  cachedInputTokens?: number | undefined;
};

const PER_TOKEN = 1 / 1_000_000;

/**
 * What a call cost in USD, from its token usage and the model's catalog price (USD per 1M
 * tokens). Cached prompt tokens are priced at the catalog's `cacheRead` price, else at the input
 * price. Returns `undefined` for a model the catalog does not list or does not price (an
 * unknown price is never taken as 0). Pass a `SyntheticModelInfo` (e.g. from
 * `LiveCatalog.modelInfo`) to price with live data.
 *
 * @example estimateCost("hf:moonshotai/Kimi-K3", { inputTokens: 1200, outputTokens: 300 })
 */
export function estimateCost(
  model: SyntheticModelId | SyntheticModelInfo,
  usage: SyntheticUsageLike,
): SyntheticCost | undefined {
  const price = (typeof model === "string" ? getModelInfo(model) : model)?.cost;
  if (!price) return undefined;
  const inputTokens = usage.inputTokens ?? 0;
  const cached = Math.min(usage.cachedInputTokens ?? 0, inputTokens);
  const input = ((inputTokens - cached) * price.input + cached * (price.cacheRead ?? price.input)) * PER_TOKEN;
  const output = (usage.outputTokens ?? 0) * price.output * PER_TOKEN;
  return { input: round(input), output: round(output), total: round(input + output) };
}

// Float noise (0.1 + 0.2) would otherwise show up in sums users compare; 1e-12 USD is below any price.
function round(usd: number): number {
  return Math.round(usd * 1e12) / 1e12;
}
