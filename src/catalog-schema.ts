import { z } from "zod/v4";

/** How a model returns its reasoning on the wire. */
export const reasoningFormatSchema = z.enum([
  /** `reasoning_content` in `message` / stream `delta` (DeepSeek R1, Kimi-K2-Thinking, GLM, Qwen thinking). */
  "reasoning_content",
  /** `reasoning` in `message` / stream `delta` (gpt-oss on some backends). */
  "reasoning",
  /** Inline `<think>...</think>` in `content`, sometimes without the opening tag (MiniMax-M2). */
  "think-tags",
]);
export type ReasoningFormat = z.infer<typeof reasoningFormatSchema>;

export const modalitySchema = z.enum(["text", "image", "audio", "video"]);
export type Modality = z.infer<typeof modalitySchema>;

export const syntheticModelInfoSchema = z
  .object({
    /** Synthetic model id, e.g. `hf:MiniMaxAI/MiniMax-M2` or `syn:large:text`. */
    id: z.string().regex(/^(hf:[^/\s]+\/[^\s]+|syn:[^\s]+)$/),
    /** Human-readable name. */
    name: z.string().min(1),
    /** `chat` for language models, `embedding` for embedding models. */
    kind: z.enum(["chat", "embedding"]).default("chat"),
    /** Context window in tokens. */
    contextWindow: z.number().int().positive(),
    /** Largest completion in tokens, when known. */
    maxOutputTokens: z.number().int().positive().optional(),
    /** Whether the model accepts tools (function calling). */
    tools: z.boolean(),
    /** Whether the model produces reasoning. */
    reasoning: z.boolean(),
    /** Where the reasoning arrives on the wire; `null` for models without reasoning. */
    reasoningFormat: reasoningFormatSchema.nullable(),
    /** Values `reasoning_effort` accepts for this model; absent when it takes none. */
    reasoningEfforts: z.array(z.string()).optional(),
    /** Whether earlier assistant reasoning must be sent back as `reasoning_content` on later turns. */
    reasoningReplay: z.boolean().default(false),
    /** Accepted input modalities. */
    input: z.array(modalitySchema).min(1),
    /** Whether `response_format: json_schema` is honoured. */
    structuredOutputs: z.boolean().default(false),
    /** USD per 1M tokens. */
    cost: z.object({
      input: z.number().nonnegative(),
      output: z.number().nonnegative(),
      /** Price of cached prompt tokens per 1M; defaults to `input`. */
      cacheRead: z.number().nonnegative().optional(),
    }),
    /** For `syn:` aliases: the model the alias routes to. */
    aliasOf: z.string().optional(),
    /** Set when the live `/models` list no longer has the model. */
    deprecated: z.boolean().optional(),
    /** Where the data came from, and anything a reader should know. */
    notes: z.string().optional(),
  })
  .strict();

export type SyntheticModelInfo = z.infer<typeof syntheticModelInfoSchema>;

export const modelsFileSchema = z
  .object({
    $comment: z.string().optional(),
    models: z.array(syntheticModelInfoSchema).min(1),
  })
  .strict();
export type ModelsFile = z.infer<typeof modelsFileSchema>;
