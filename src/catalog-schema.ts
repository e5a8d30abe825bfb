import { z } from "zod/v4";
import { LEAKED_TOOL_CALL_FORMS } from "./chat/leaked-tool-calls/types";
import { lazy } from "./lazy";

// Built on first use (parsing the catalog, a /models read, a test), not at import: zod schemas
// cost cold-import time (docs/internals/performance.md).
const schemas = lazy(() => {
  const reasoningFormat = z.enum([
    /** `reasoning_content` in `message` / stream `delta` (DeepSeek R1, Kimi, GLM, Qwen thinking). */
    "reasoning_content",
    /** `reasoning` in `message` / stream `delta` (DeepSeek-V4.1-Flash; gpt-oss on some backends). */
    "reasoning",
    /** Inline `<think>...</think>` in `content`, sometimes without the opening tag (of the models Synthetic serves today, none). */
    "think-tags",
  ]);

  const modality = z.enum(["text", "image", "audio", "video"]);

  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-09-16");
  const modelId = z.string().regex(/^(hf:[^/\s]+\/[^\s]+|syn:[^\s]+)$/, "must look like hf:Owner/Name or syn:alias");

  /**
   * Where an entry's figures come from: a file at a commit of a public repository, or (for
   * `models:sync` and pages outside any repository) the URL that was read. `url` may also point
   * at the pull request that discussed the file.
   */
  const modelSource = z
    .object({
      repo: z
        .string()
        .regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name")
        .optional(),
      path: z.string().min(1).optional(),
      commit: z
        .string()
        .regex(/^[0-9a-f]{40}$/, "must be a full commit hash")
        .optional(),
      url: z.url().optional(),
    })
    .strict()
    .refine((s) => (s.repo && s.path && s.commit) || (!s.repo && !s.path && !s.commit && s.url), {
      message: "needs repo, path and commit together, or a url alone",
    });

  const costSchema = z
    .object({
      input: z.number().nonnegative(),
      output: z.number().nonnegative(),
      /** Price of cached prompt tokens per 1M; defaults to `input`. */
      cacheRead: z.number().nonnegative().optional(),
    })
    .strict();

  const modelInfoObject = z
    .object({
      /** Synthetic model id, e.g. `hf:moonshotai/Kimi-K3` or `syn:large:text`. */
      id: modelId,
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
      reasoningFormat: reasoningFormat.nullable(),
      /** Values `reasoning_effort` accepts for this model; absent when it takes none or none are known. */
      reasoningEfforts: z.array(z.string().min(1)).optional(),
      /** Whether earlier assistant reasoning must be sent back as `reasoning_content` on later turns. */
      reasoningReplay: z.boolean().default(false),
      /**
       * Tool-call markup the model has been seen to write into its answer text instead of
       * `tool_calls` (docs/reasoning-and-tools.md): recovered as tool calls when the request
       * offers tools. `[]`: none is recovered; absent: any form may be.
       */
      leakedToolCalls: z.array(z.enum(LEAKED_TOOL_CALL_FORMS)).optional(),
      /** Accepted input modalities. */
      input: z.array(modality).min(1),
      /** Whether `response_format: json_schema` is honoured. */
      structuredOutputs: z.boolean().default(false),
      /** USD per 1M tokens. Absent when no source states a usable price: unknown, never 0. */
      cost: costSchema.optional(),
      /** For `syn:` aliases: the model the alias routes to (Synthetic re-points aliases). */
      aliasOf: modelId.optional(),
      /** Synthetic no longer serves the model (as a public record says); requests fail. */
      retired: z.boolean().optional(),
      /** When the record that says so is dated. */
      retiredOn: isoDate.optional(),
      /** The model to use instead (may itself be retired: follow it, see `retiredModelHint`). */
      successor: modelId.optional(),
      /**
       * @deprecated Read `retired`. Older models.json files (and `models:sync` before 0.2) wrote
       * this for "not in the live list"; it is read as `retired` and mirrors it on output.
       */
      deprecated: z.boolean().optional(),
      /** Where the figures come from. */
      source: modelSource.optional(),
      /** Date of that record (`YYYY-MM-DD`). */
      date: isoDate.optional(),
      /** Anything a reader should know: disagreeing sources, inferred fields. */
      notes: z.string().optional(),
    })
    .strict();

  const modelInfo = modelInfoObject.transform((model) => {
    const retired = model.retired ?? model.deprecated;
    return retired === undefined ? model : { ...model, retired, deprecated: retired };
  });

  const modelsFile = z
    .object({
      $comment: z.string().optional(),
      models: z.array(modelInfo).min(1),
    })
    .strict();
  return { reasoningFormat, modality, modelSource, modelInfo, modelsFile };
});
type Schemas = ReturnType<typeof schemas>;

/** How a model returns its reasoning on the wire. */
export type ReasoningFormat = z.infer<Schemas["reasoningFormat"]>;
export type Modality = z.infer<Schemas["modality"]>;
export type ModelSource = z.infer<Schemas["modelSource"]>;
/** One catalog entry (models.json, or a `/models` entry mapped onto it). */
export type SyntheticModelInfo = z.infer<Schemas["modelInfo"]>;
export type ModelsFile = z.infer<Schemas["modelsFile"]>;

/** A catalog entry's schema; parsing applies defaults and reads the older `deprecated` as `retired`. */
export const syntheticModelInfoSchema = (): Schemas["modelInfo"] => schemas().modelInfo;
/** models.json's schema. */
export const modelsFileSchema = (): Schemas["modelsFile"] => schemas().modelsFile;
