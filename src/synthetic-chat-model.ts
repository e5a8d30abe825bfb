import { OpenAICompatibleChatLanguageModel, type ProviderErrorStructure } from "@ai-sdk/openai-compatible";
import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2CallWarning,
  LanguageModelV2Content,
  LanguageModelV2StreamPart,
  LanguageModelV2Usage,
  SharedV2ProviderMetadata,
} from "@ai-sdk/provider";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import { z } from "zod/v4";
import { listModels } from "./catalog";
import type { SyntheticModelInfo } from "./catalog-schema";
import { estimateCost } from "./cost";
import { SyntheticConfigurationError } from "./errors";
import { prepareChatRequestBody } from "./request-body";
import { splitThinkTags, ThinkTagParser } from "./think-tags";
import { withToolCallStreamRepair } from "./tool-call-stream-repair";
import { RETRIES_HEADER } from "./transport";

/** Options under `providerOptions.synthetic`. Unknown keys are rejected, not passed through. */
export const syntheticChatOptions = z
  .object({
    /**
     * Sent as `reasoning_effort`. Accepted values are per model (`reasoningEfforts` in the
     * catalog, e.g. `"low" | "medium" | "high"`); a value the catalog rules out fails before the
     * request, and models without reasoning ignore it with a warning.
     */
    reasoningEffort: z.string().min(1).optional(),
    /** Sent as `min_p`: minimum token probability relative to the most likely token. */
    minP: z.number().min(0).max(1).optional(),
    /** Sent as `parallel_tool_calls`. */
    parallelToolCalls: z.boolean().optional(),
    /** Sent as `user`: an end-user id for abuse monitoring. */
    user: z.string().optional(),
  })
  .strict();
export type SyntheticChatOptions = z.infer<typeof syntheticChatOptions>;

/** What `providerMetadata.synthetic` carries on every result and stream finish. */
export type SyntheticProviderMetadata = {
  /** USD for this call, from usage and the catalog price; absent for models the catalog does not price. */
  cost?: { input: number; output: number; total: number };
  /** Parsed `x-synthetic-quotas` response header, when the server sent one. */
  quotas?: Record<string, unknown>;
};

const syntheticErrorSchema = z.object({
  error: z.union([z.string(), z.looseObject({ message: z.string() })]),
});
type SyntheticErrorData = z.infer<typeof syntheticErrorSchema>;

// Synthetic's error body is `{"error": "<text>"}`, not OpenAI's `{"error": {"message"}}`; both are read.
// A response our transport already retried is final: the AI SDK and Mastra retry only what is retryable.
export const syntheticErrorStructure: ProviderErrorStructure<SyntheticErrorData> = {
  errorSchema: syntheticErrorSchema,
  errorToMessage: (data) => (typeof data.error === "string" ? data.error : data.error.message),
  isRetryable: (response) =>
    (response.status === 429 || response.status >= 500) && !response.headers.has(RETRIES_HEADER),
};

export type SyntheticChatConfig = {
  provider: string;
  baseURL: () => string;
  headers: () => Record<string, string>;
  fetch: FetchFunction;
  info: SyntheticModelInfo | undefined;
};

export class SyntheticChatLanguageModel implements LanguageModelV2 {
  readonly specificationVersion = "v2";
  readonly modelId: string;
  readonly provider: string;
  readonly supportedUrls: Record<string, RegExp[]>;
  readonly info: SyntheticModelInfo | undefined;
  readonly #inner: OpenAICompatibleChatLanguageModel;

  constructor(modelId: string, config: SyntheticChatConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.info = config.info;
    const info = config.info;
    // Image URLs go to the server as URLs rather than being downloaded first; a model that takes
    // no images fails pre-flight either way, without a wasted download.
    this.supportedUrls = { "image/*": [/^https?:\/\/.*$/] };
    this.#inner = new OpenAICompatibleChatLanguageModel(modelId, {
      provider: config.provider,
      headers: config.headers,
      url: ({ path }) => `${config.baseURL()}${path}`,
      fetch: withToolCallStreamRepair(config.fetch),
      includeUsage: true,
      errorStructure: syntheticErrorStructure,
      supportsStructuredOutputs: info?.structuredOutputs ?? true,
      transformRequestBody: (body) => prepareChatRequestBody(body, info),
    });
  }

  async doGenerate(options: LanguageModelV2CallOptions): Promise<Awaited<ReturnType<LanguageModelV2["doGenerate"]>>> {
    const { callOptions, warnings } = this.prepareCall(options);
    const result = await this.#inner.doGenerate(callOptions);
    const content = this.fixContent(result.content);
    return {
      ...result,
      content,
      warnings: [...warnings, ...result.warnings],
      providerMetadata: this.withSyntheticMetadata(result.providerMetadata, result.usage, result.response?.headers),
    };
  }

  async doStream(options: LanguageModelV2CallOptions): Promise<Awaited<ReturnType<LanguageModelV2["doStream"]>>> {
    const { callOptions, warnings } = this.prepareCall(options);
    const result = await this.#inner.doStream(callOptions);
    const headers = result.response?.headers;
    const thinkTags = this.info?.reasoningFormat === "think-tags";
    const parser = thinkTags ? new ThinkTagParser() : undefined;
    let textOpen = false;
    let reasoningOpen = false;
    let reasoningBlock = 0;
    const reasoningId = () => `think-${reasoningBlock}`;
    // Arguments of a call that arrive JSON-encoded twice are held back and sent decoded at the
    // end of the call: Mastra 1.x builds the tool input from these deltas, not the tool-call part.
    const doubleEncoded = new Map<string, string>();
    const seenInput = new Set<string>();

    const emitSegments = (controller: PartSink, segments: ReturnType<ThinkTagParser["push"]>) => {
      for (const segment of segments) {
        if (segment.type === "reasoning") {
          if (textOpen) {
            controller.enqueue({ type: "text-end", id: "txt-0" });
            textOpen = false;
          }
          if (!reasoningOpen) {
            controller.enqueue({ type: "reasoning-start", id: reasoningId() });
            reasoningOpen = true;
          }
          controller.enqueue({ type: "reasoning-delta", id: reasoningId(), delta: segment.text });
        } else {
          if (reasoningOpen) {
            controller.enqueue({ type: "reasoning-end", id: reasoningId() });
            reasoningOpen = false;
            reasoningBlock++;
          }
          if (!textOpen) {
            controller.enqueue({ type: "text-start", id: "txt-0" });
            textOpen = true;
          }
          controller.enqueue({ type: "text-delta", id: "txt-0", delta: segment.text });
        }
      }
    };
    const closeParser = (controller: PartSink) => {
      if (!parser) return;
      emitSegments(controller, parser.flush());
      if (reasoningOpen) {
        controller.enqueue({ type: "reasoning-end", id: reasoningId() });
        reasoningOpen = false;
        reasoningBlock++;
      }
      if (textOpen) {
        controller.enqueue({ type: "text-end", id: "txt-0" });
        textOpen = false;
      }
    };

    const transform = (part: LanguageModelV2StreamPart, controller: PartSink): void => {
      switch (part.type) {
        case "stream-start":
          controller.enqueue({ ...part, warnings: [...warnings, ...part.warnings] });
          return;
        case "text-start":
          if (parser) return;
          break;
        case "text-delta":
          if (parser) {
            emitSegments(controller, parser.push(part.delta));
            return;
          }
          break;
        case "text-end":
          if (parser) {
            closeParser(controller);
            return;
          }
          break;
        case "reasoning-start":
          parser?.markNativeReasoning();
          break;
        case "tool-input-delta": {
          const held = doubleEncoded.get(part.id);
          if (held !== undefined || (part.delta.trimStart().startsWith('"') && !seenInput.has(part.id))) {
            doubleEncoded.set(part.id, (held ?? "") + part.delta);
            return;
          }
          if (part.delta.trim() !== "") seenInput.add(part.id);
          break;
        }
        case "tool-input-end": {
          const held = doubleEncoded.get(part.id);
          if (held !== undefined) {
            doubleEncoded.delete(part.id);
            controller.enqueue({ type: "tool-input-delta", id: part.id, delta: normalizeToolInput(held) });
          }
          break;
        }
        case "tool-call":
          closeParser(controller);
          controller.enqueue({ ...part, input: normalizeToolInput(part.input) });
          return;
        case "error":
          controller.enqueue({ type: "error", error: toStreamError(part.error) });
          return;
        case "finish":
          closeParser(controller);
          controller.enqueue({
            ...part,
            providerMetadata: this.withSyntheticMetadata(part.providerMetadata, part.usage, headers),
          });
          return;
      }
      controller.enqueue(part);
    };
    return { ...result, stream: mapStream(result.stream, transform) };
  }

  /** Pre-flight checks and option mapping shared by both modes. Throws before any request. */
  private prepareCall(options: LanguageModelV2CallOptions): {
    callOptions: LanguageModelV2CallOptions;
    warnings: LanguageModelV2CallWarning[];
  } {
    const warnings: LanguageModelV2CallWarning[] = [];
    const info = this.info;
    const parsed = syntheticChatOptions.safeParse(options.providerOptions?.synthetic ?? {});
    if (!parsed.success) {
      throw new SyntheticConfigurationError({
        code: "invalid-provider-options",
        message: `Invalid providerOptions.synthetic: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}.`,
        fix: `Accepted keys: ${Object.keys(syntheticChatOptions.shape).join(", ")}.`,
      });
    }
    const synthetic = parsed.data;
    if (info) {
      if (options.tools && options.tools.length > 0 && !info.tools) {
        throw unsupportedInput(info, "tools", (m) => m.tools);
      }
      if (!info.input.includes("image") && promptHasImage(options.prompt)) {
        throw unsupportedInput(info, "image input", (m) => m.input.includes("image"));
      }
    }
    let reasoningEffort = synthetic.reasoningEffort;
    if (reasoningEffort !== undefined && info) {
      const efforts = info.reasoningEfforts;
      if (!info.reasoning || !efforts) {
        warnings.push({
          type: "unsupported-setting",
          setting: "providerOptions",
          details: `${info.id} ${info.reasoning ? "does not take reasoning_effort" : "has no reasoning"}; reasoningEffort "${reasoningEffort}" was not sent.`,
        });
        reasoningEffort = undefined;
      } else if (!efforts.includes(reasoningEffort)) {
        throw new SyntheticConfigurationError({
          code: "invalid-provider-options",
          message: `${info.id} does not accept reasoningEffort "${reasoningEffort}".`,
          fix: `Use one of: ${efforts.map((e) => `"${e}"`).join(", ")}.`,
        });
      }
    }
    const { topK, ...rest } = options;
    const body: Record<string, unknown> = {
      reasoningEffort,
      user: synthetic.user,
      // Raw keys the openai-compatible model copies into the body; only validated values get here.
      top_k: topK,
      min_p: synthetic.minP,
      parallel_tool_calls: synthetic.parallelToolCalls,
    };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    return {
      callOptions: { ...rest, providerOptions: { ...options.providerOptions, synthetic: body as never } },
      warnings,
    };
  }

  private fixContent(content: LanguageModelV2Content[]): LanguageModelV2Content[] {
    const thinkTags = this.info?.reasoningFormat === "think-tags";
    const hasNativeReasoning = content.some((part) => part.type === "reasoning");
    const out: LanguageModelV2Content[] = [];
    for (const part of content) {
      if (part.type === "text" && thinkTags && !hasNativeReasoning) {
        const { reasoning, text } = splitThinkTags(part.text);
        if (reasoning) out.push({ type: "reasoning", text: reasoning });
        if (text) out.push({ type: "text", text });
      } else if (part.type === "tool-call") {
        out.push({ ...part, input: normalizeToolInput(part.input) });
      } else {
        out.push(part);
      }
    }
    // Reasoning first, as in a stream, whatever order the server's fields were read in.
    return [...out.filter((p) => p.type === "reasoning"), ...out.filter((p) => p.type !== "reasoning")];
  }

  private withSyntheticMetadata(
    metadata: SharedV2ProviderMetadata | undefined,
    usage: LanguageModelV2Usage,
    headers: Record<string, string> | undefined,
  ): SharedV2ProviderMetadata {
    const synthetic: Record<string, unknown> = { ...metadata?.synthetic };
    const cost = this.info ? estimateCost(this.info, usage) : undefined;
    if (cost) synthetic.cost = cost;
    const quotas = parseQuotasHeader(headers?.["x-synthetic-quotas"]);
    if (quotas) synthetic.quotas = quotas;
    return { ...metadata, synthetic: synthetic as SharedV2ProviderMetadata[string] };
  }

  toJSON(): Record<string, unknown> {
    return { specificationVersion: this.specificationVersion, provider: this.provider, modelId: this.modelId };
  }
}

type PartSink = { enqueue(part: LanguageModelV2StreamPart): void };

/**
 * `stream` with `transform` applied to every part. A pull-based ReadableStream over the inner
 * reader rather than pipeThrough(TransformStream): one promise per part instead of a writable
 * and a readable side, which measurably narrows the gap to the bare model (bench/, row doStream).
 */
function mapStream(
  stream: ReadableStream<LanguageModelV2StreamPart>,
  transform: (part: LanguageModelV2StreamPart, sink: PartSink) => void,
): ReadableStream<LanguageModelV2StreamPart> {
  const reader = stream.getReader();
  return new ReadableStream<LanguageModelV2StreamPart>({
    async pull(controller) {
      // Read until something was enqueued: a part may be held back (think tags, split arguments).
      const size = controller.desiredSize;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        try {
          transform(value, controller);
        } catch (error) {
          // pipeThrough would cancel the source on a throwing transform; do the same.
          await reader.cancel(error).catch(() => {});
          throw error;
        }
        if (controller.desiredSize !== size) return;
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function promptHasImage(prompt: LanguageModelV2CallOptions["prompt"]): boolean {
  return prompt.some(
    (message) =>
      message.role === "user" &&
      message.content.some((part) => part.type === "file" && part.mediaType.startsWith("image/")),
  );
}

function unsupportedInput(
  info: SyntheticModelInfo,
  what: string,
  supports: (model: SyntheticModelInfo) => boolean,
): SyntheticConfigurationError {
  const alternatives = listModels({ kind: "chat" })
    .filter((model) => supports(model) && !model.deprecated)
    .slice(0, 3)
    .map((model) => model.id);
  return new SyntheticConfigurationError({
    code: "unsupported-input",
    message: `${info.id} does not support ${what}.`,
    fix:
      alternatives.length > 0
        ? `Use a model that does, such as ${alternatives.map((id) => `"${id}"`).join(" or ")}.`
        : `Remove the ${what} from the call.`,
  });
}

/**
 * Repairs tool-call arguments as some backends send them: `""` means no arguments, and a JSON
 * string holding JSON (arguments encoded twice) is unwrapped once.
 */
export function normalizeToolInput(input: string): string {
  const trimmed = input.trim();
  if (trimmed === "") return "{}";
  if (trimmed.startsWith('"')) {
    try {
      const inner: unknown = JSON.parse(trimmed);
      if (typeof inner === "string") {
        const candidate = inner.trim();
        if (candidate.startsWith("{") || candidate.startsWith("[")) {
          JSON.parse(candidate);
          return candidate;
        }
      }
    } catch {
      // Not double-encoded JSON: leave it for the AI SDK's own parse error.
    }
  }
  return input;
}

function parseQuotasHeader(value: string | undefined): Record<string, unknown> | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** An `{"error": ...}` object inside a 200 stream arrives as a bare value; make it an Error with Synthetic's text. */
function toStreamError(error: unknown): unknown {
  if (error instanceof Error) return error;
  const message =
    typeof error === "string"
      ? error
      : error && typeof error === "object" && "message" in error && typeof error.message === "string"
        ? error.message
        : JSON.stringify(error);
  return new Error(`Synthetic stream error: ${message}`);
}
