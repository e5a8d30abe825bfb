import type { SyntheticModelInfo } from "../catalog-schema";
import { estimateCost } from "../cost";
import { parseQuotaHeader } from "../quota-read";
import type { SyntheticFinishReason, SyntheticProviderMetadata, SyntheticUsage } from "./types";

export const UNKNOWN_USAGE: SyntheticUsage = {
  inputTokens: undefined,
  cachedInputTokens: undefined,
  cacheWriteTokens: undefined,
  outputTokens: undefined,
  reasoningTokens: undefined,
  totalTokens: undefined,
  raw: undefined,
};

const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;

const field = (value: unknown, key: string): unknown =>
  value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;

/** A wire `usage` object read field by field: what is missing or not a count stays unknown. */
export function readUsage(usage: unknown): SyntheticUsage {
  if (!usage || typeof usage !== "object") return UNKNOWN_USAGE;
  const inputTokens = count(field(usage, "prompt_tokens"));
  const outputTokens = count(field(usage, "completion_tokens"));
  const promptDetails = field(usage, "prompt_tokens_details");
  const completionDetails = field(usage, "completion_tokens_details");
  return {
    inputTokens,
    // Cache reads as each backend spells them: OpenAI's details, Moonshot's top-level
    // `cached_tokens`, DeepSeek's `prompt_cache_hit_tokens` (all three in test/fixtures/recorded).
    cachedInputTokens:
      count(field(promptDetails, "cached_tokens")) ??
      count(field(usage, "cached_tokens")) ??
      count(field(usage, "prompt_cache_hit_tokens")),
    cacheWriteTokens:
      count(field(promptDetails, "cache_write_tokens")) ?? count(field(usage, "cache_creation_input_tokens")),
    outputTokens,
    reasoningTokens: count(field(completionDetails, "reasoning_tokens")),
    totalTokens:
      count(field(usage, "total_tokens")) ??
      (inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined),
    raw: usage as Record<string, unknown>,
  };
}

export function readFinishReason(raw: string | undefined | null): SyntheticFinishReason {
  switch (raw) {
    case "stop":
    case "eos":
    case "end_turn":
      return { unified: "stop", raw };
    case "length":
    case "max_tokens":
      return { unified: "length", raw };
    case "content_filter":
      return { unified: "content-filter", raw };
    case "tool_calls":
    case "function_call":
      return { unified: "tool-calls", raw };
    case undefined:
    case null:
      return { unified: "unknown", raw: undefined };
    default:
      return { unified: "other", raw };
  }
}

/**
 * `providerMetadata.synthetic`: the cost when both token counts and the price are known (an
 * unknown usage is not a free call), and the `x-synthetic-quotas` header when sent, read as
 * `getQuota` reads `/v2/quotas` (credits as USD numbers).
 */
export function syntheticMetadata(
  info: SyntheticModelInfo | undefined,
  usage: SyntheticUsage,
  headers: Record<string, string>,
): { synthetic: SyntheticProviderMetadata } {
  const synthetic: SyntheticProviderMetadata = {};
  if (info && usage.inputTokens !== undefined && usage.outputTokens !== undefined) {
    const cost = estimateCost(info, usage);
    if (cost) synthetic.cost = cost;
  }
  const quotas = parseQuotaHeader(headers["x-synthetic-quotas"]);
  if (quotas) synthetic.quotas = quotas;
  return { synthetic };
}
