import { getModelInfo } from "./catalog";
import type { SyntheticModelInfo } from "./catalog-schema";
import type { SyntheticModelId } from "./model-ids.generated";

/** Cost of one call in USD. */
export type SyntheticCost = { input: number; output: number; total: number };

/**
 * Token counts as any AI SDK major reports them: ai@5's `LanguageModelUsage` (`cachedInputTokens`),
 * ai@6's and ai@7's (`inputTokenDetails.cacheReadTokens`; ai@6 also keeps `cachedInputTokens`),
 * and the V3/V4 spec usage a model returns (`inputTokens: { total, cacheRead }`).
 */
export type SyntheticUsageLike = {
  inputTokens?: number | { total?: number | undefined; cacheRead?: number | undefined } | undefined;
  outputTokens?: number | { total?: number | undefined } | undefined;
  cachedInputTokens?: number | undefined;
  inputTokenDetails?: { cacheReadTokens?: number | undefined } | undefined;
};

/** Input, cached-input and output counts from any of the usage shapes above. */
function tokenCounts(usage: SyntheticUsageLike): { input: number; cached: number; output: number } {
  const { inputTokens, outputTokens } = usage;
  const input = typeof inputTokens === "object" ? inputTokens.total : inputTokens;
  const cached =
    usage.inputTokenDetails?.cacheReadTokens ??
    usage.cachedInputTokens ??
    (typeof inputTokens === "object" ? inputTokens.cacheRead : undefined);
  const output = typeof outputTokens === "object" ? outputTokens.total : outputTokens;
  return { input: input ?? 0, cached: cached ?? 0, output: output ?? 0 };
}

const PER_TOKEN = 1 / 1_000_000;

/**
 * What a call cost in USD, from its token usage and the model's catalog price (USD per 1M
 * tokens). Cached prompt tokens are priced at the catalog's `cacheRead` price, else at the input
 * price. `usage` may come from any AI SDK major (see {@link SyntheticUsageLike}). Returns `undefined` for a model the catalog does not list or does not price (an
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
  const counts = tokenCounts(usage);
  const cached = Math.min(counts.cached, counts.input);
  const input = ((counts.input - cached) * price.input + cached * (price.cacheRead ?? price.input)) * PER_TOKEN;
  const output = counts.output * price.output * PER_TOKEN;
  return { input: round(input), output: round(output), total: round(input + output) };
}

// Float noise (0.1 + 0.2) would otherwise show up in sums users compare; 1e-12 USD is below any price.
function round(usd: number): number {
  return Math.round(usd * 1e12) / 1e12;
}
