import type {
  LanguageModelV2,
  LanguageModelV2CallWarning,
  LanguageModelV2FinishReason,
  LanguageModelV2ProviderDefinedTool,
  LanguageModelV2Usage,
} from "@ai-sdk/provider";
import type { SyntheticFinishReason, SyntheticUsage, SyntheticWarning } from "../chat/types";
import { type FaceMapping, SyntheticChatFace } from "./face";

// The V2 call settings a warning can name as `unsupported-setting`; other features become 'other'.
const CALL_SETTINGS = new Set<string>([
  "maxOutputTokens",
  "temperature",
  "stopSequences",
  "topP",
  "topK",
  "presencePenalty",
  "frequencyPenalty",
  "responseFormat",
  "seed",
  "tools",
  "toolChoice",
  "includeRawChunks",
  "headers",
  "providerOptions",
]);

export const v2Mapping: FaceMapping<LanguageModelV2CallWarning, LanguageModelV2Usage, LanguageModelV2FinishReason> = {
  // The core names features by call-option path ("providerOptions.synthetic.reasoningEffort");
  // V2 names only the top-level setting.
  warning: (warning: SyntheticWarning): LanguageModelV2CallWarning => {
    if (warning.type === "other") return warning;
    if (warning.tool) {
      return {
        type: "unsupported-tool",
        tool: warning.tool as LanguageModelV2ProviderDefinedTool,
        details: warning.details,
      };
    }
    const setting = warning.feature.split(".")[0] ?? "";
    if (CALL_SETTINGS.has(setting)) return { type: "unsupported-setting", setting, details: warning.details };
    return { type: "other", message: warning.details ? `${warning.feature}: ${warning.details}` : warning.feature };
  },
  usage: (usage: SyntheticUsage): LanguageModelV2Usage => ({
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: usage.totalTokens,
    reasoningTokens: usage.reasoningTokens,
    cachedInputTokens: usage.cachedInputTokens,
  }),
  finishReason: (finishReason: SyntheticFinishReason): LanguageModelV2FinishReason => finishReason.unified,
};

/** A Synthetic chat model for `ai@5` and Mastra 0.24 and 1.x (LanguageModelV2). */
export class SyntheticChatLanguageModelV2
  extends SyntheticChatFace<LanguageModelV2CallWarning, LanguageModelV2Usage, LanguageModelV2FinishReason>
  implements LanguageModelV2
{
  readonly specificationVersion = "v2" as const;
  protected readonly mapping = v2Mapping;
}
