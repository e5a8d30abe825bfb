import type { SyntheticQuota } from "../quota-read";
import type { LeakedToolCallNote } from "./leaked-tool-calls/scanner";

/**
 * The chat protocol core's own vocabulary, free of any AI SDK spec version. The core speaks
 * Synthetic's wire format and produces these; each face (V2, V3, V4) maps them to its spec in
 * one function per type, called as each part is made (no extra stream stage).
 */

/** Token counts as the server reported them; `undefined` where it did not say (never guessed as 0). */
export type SyntheticUsage = {
  /** `prompt_tokens`. */
  inputTokens: number | undefined;
  /** Cache reads: `prompt_tokens_details.cached_tokens`, else a top-level `cached_tokens` (Moonshot), else `prompt_cache_hit_tokens` (DeepSeek). */
  cachedInputTokens: number | undefined;
  /** Cache writes, where a backend reports them (`prompt_tokens_details.cache_write_tokens`). */
  cacheWriteTokens: number | undefined;
  /** `completion_tokens`: everything generated, reasoning included. */
  outputTokens: number | undefined;
  /** `completion_tokens_details.reasoning_tokens`. */
  reasoningTokens: number | undefined;
  /** `total_tokens`, else input + output when both are known. */
  totalTokens: number | undefined;
  /** The `usage` object as received, for faces whose spec carries it. */
  raw: Record<string, unknown> | undefined;
};

/** Why the answer ended: the unified reason and the server's own value. */
export type SyntheticFinishReason = {
  unified: "stop" | "length" | "content-filter" | "tool-calls" | "error" | "other" | "unknown";
  raw: string | undefined;
};

/** A setting the call asked for that was not (fully) honoured. Faces map it to their warning type. */
export type SyntheticWarning =
  | {
      type: "unsupported";
      feature: string;
      details?: string;
      /** The tool as the call passed it, when the feature is a tool Synthetic cannot run. */
      tool?: SyntheticToolDefinition;
    }
  | { type: "other"; message: string };

/** What `providerMetadata.synthetic` carries on every result and stream finish. */
export type SyntheticProviderMetadata = {
  /** USD for this call, from usage and the model's price; absent when usage or price is unknown. */
  cost?: { input: number; output: number; total: number };
  /** The `x-synthetic-quotas` response header when the server sent one, typed as `getQuota()` returns `/v2/quotas`. */
  quotas?: SyntheticQuota;
  /** Tool-call markup found in the answer text: recovered as calls, or kept as text and why. */
  leakedToolCalls?: LeakedToolCallNote[];
};

export type SyntheticContent =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "tool-call"; toolCallId: string; toolName: string; input: string };

export type SyntheticStreamPart =
  | { type: "stream-start"; warnings: SyntheticWarning[] }
  | { type: "response-metadata"; id?: string; modelId?: string; timestamp?: Date }
  | { type: "text-start"; id: string }
  | { type: "text-delta"; id: string; delta: string }
  | { type: "text-end"; id: string }
  | { type: "reasoning-start"; id: string }
  | { type: "reasoning-delta"; id: string; delta: string }
  | { type: "reasoning-end"; id: string }
  | { type: "tool-input-start"; id: string; toolName: string }
  | { type: "tool-input-delta"; id: string; delta: string }
  | { type: "tool-input-end"; id: string }
  | { type: "tool-call"; toolCallId: string; toolName: string; input: string }
  | {
      type: "finish";
      finishReason: SyntheticFinishReason;
      usage: SyntheticUsage;
      providerMetadata: { synthetic: SyntheticProviderMetadata };
    }
  | { type: "raw"; rawValue: unknown }
  | { type: "error"; error: unknown };

/**
 * Call options the core reads. The V2, V3 and V4 call options are all assignable to this: the
 * fields the core uses have the same shape in each spec (prompt parts are read structurally).
 */
export type SyntheticCallOptions = {
  prompt: readonly SyntheticPromptMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  responseFormat?: { type: "text" } | { type: "json"; schema?: unknown; name?: string; description?: string };
  tools?: readonly SyntheticToolDefinition[];
  toolChoice?: { type: "auto" } | { type: "none" } | { type: "required" } | { type: "tool"; toolName: string };
  /** ai@7's standard option (V4). */
  reasoning?: "provider-default" | "none" | "minimal" | "low" | "medium" | "high" | "xhigh" | "max";
  includeRawChunks?: boolean;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  providerOptions?: Record<string, Record<string, unknown> | undefined>;
};

export type SyntheticToolDefinition =
  | { type: "function"; name: string; description?: string; inputSchema: unknown; strict?: boolean }
  | { type: string; name: string; id?: string; [key: string]: unknown };

/** A prompt message as every spec shapes it; parts are read by `type` and checked where read. */
export type SyntheticPromptMessage =
  | { role: "system"; content: string }
  | { role: "user" | "assistant" | "tool"; content: readonly SyntheticPromptPart[] };

export type SyntheticPromptPart = { type: string; [key: string]: unknown };

/** The non-streamed result, before a face maps it. */
export type SyntheticGenerateResult = {
  content: SyntheticContent[];
  finishReason: SyntheticFinishReason;
  usage: SyntheticUsage;
  providerMetadata: { synthetic: SyntheticProviderMetadata };
  warnings: SyntheticWarning[];
  request: { body: unknown };
  response: { id?: string; modelId?: string; timestamp?: Date; headers: Record<string, string>; body: unknown };
};

/** The streamed result: parts already mapped by the face's `mapPart`. */
export type SyntheticStreamResult<PART> = {
  stream: ReadableStream<PART>;
  request: { body: unknown };
  response: { headers: Record<string, string> };
};
