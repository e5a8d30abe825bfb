import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2CallWarning,
  LanguageModelV2StreamPart,
  LanguageModelV2Usage,
  SharedV2ProviderMetadata,
} from "@ai-sdk/provider";
import type { SyntheticChatCore } from "./chat/chat-core";
import type { SyntheticCallOptions, SyntheticStreamPart, SyntheticUsage, SyntheticWarning } from "./chat/types";

export type { SyntheticChatOptions } from "./chat/request";
export { syntheticChatOptions } from "./chat/request";
export type { SyntheticProviderMetadata } from "./chat/types";

/**
 * The chat model as an AI SDK 5 / LanguageModelV2 (ai@5, Mastra 0.24 and 1.x). The protocol
 * lives in the core; this face maps its parts, usage and warnings to V2.
 */
export class SyntheticChatLanguageModel implements LanguageModelV2 {
  readonly specificationVersion = "v2";
  readonly #core: SyntheticChatCore;

  constructor(core: SyntheticChatCore) {
    this.#core = core;
  }

  get modelId(): string {
    return this.#core.modelId;
  }

  get provider(): string {
    return this.#core.provider;
  }

  get supportedUrls(): Record<string, RegExp[]> {
    return this.#core.supportedUrls;
  }

  async doGenerate(options: LanguageModelV2CallOptions): Promise<Awaited<ReturnType<LanguageModelV2["doGenerate"]>>> {
    const result = await this.#core.generate(options as SyntheticCallOptions);
    return {
      content: result.content,
      finishReason: result.finishReason.unified,
      usage: usageV2(result.usage),
      providerMetadata: result.providerMetadata as SharedV2ProviderMetadata,
      warnings: result.warnings.map(warningV2),
      request: result.request,
      response: result.response,
    };
  }

  async doStream(options: LanguageModelV2CallOptions): Promise<Awaited<ReturnType<LanguageModelV2["doStream"]>>> {
    return this.#core.stream(options as SyntheticCallOptions, partV2);
  }

  toJSON(): Record<string, unknown> {
    return { specificationVersion: this.specificationVersion, ...this.#core.toJSON() };
  }
}

function usageV2(usage: SyntheticUsage): LanguageModelV2Usage {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: usage.totalTokens,
    reasoningTokens: usage.reasoningTokens,
    cachedInputTokens: usage.cachedInputTokens,
  };
}

// The core names features by call-option path ("providerOptions.synthetic.reasoningEffort");
// V2 names only the top-level setting.
const V2_SETTINGS = new Set([
  "providerOptions",
  "responseFormat",
  "toolChoice",
  "tools",
  "temperature",
  "topK",
  "topP",
]);

function warningV2(warning: SyntheticWarning): LanguageModelV2CallWarning {
  if (warning.type === "other") return warning;
  const setting = warning.feature.split(".")[0] ?? "";
  if (V2_SETTINGS.has(setting)) return { type: "unsupported-setting", setting, details: warning.details };
  return { type: "other", message: warning.details ? `${warning.feature}: ${warning.details}` : warning.feature };
}

function partV2(part: SyntheticStreamPart): LanguageModelV2StreamPart {
  switch (part.type) {
    case "stream-start":
      return { type: "stream-start", warnings: part.warnings.map(warningV2) };
    case "finish":
      return {
        type: "finish",
        finishReason: part.finishReason.unified,
        usage: usageV2(part.usage),
        providerMetadata: part.providerMetadata as SharedV2ProviderMetadata,
      };
    default:
      return part;
  }
}
