import type { LanguageModelV4, LanguageModelV4CallOptions } from "@ai-sdk/provider-v7";
import type { SyntheticStreamResult, SyntheticWarning } from "../chat/types";
import {
  type FaceGenerateResult,
  type FaceStreamPart,
  type StructuredFinishReason,
  type StructuredUsage,
  SyntheticChatFace,
  structuredMapping,
} from "./face";

type Part = FaceStreamPart<SyntheticWarning, StructuredUsage, StructuredFinishReason>;

/**
 * A Synthetic chat model for `ai@7` (LanguageModelV4). The call option `reasoning` becomes
 * `reasoning_effort`, checked against the model's efforts by the core.
 */
export class SyntheticChatLanguageModelV4
  extends SyntheticChatFace<SyntheticWarning, StructuredUsage, StructuredFinishReason>
  implements LanguageModelV4
{
  readonly specificationVersion = "v4" as const;
  protected readonly mapping = structuredMapping;

  doGenerate(
    options: LanguageModelV4CallOptions,
  ): Promise<FaceGenerateResult<SyntheticWarning, StructuredUsage, StructuredFinishReason>> {
    return this.generate(options);
  }

  doStream(options: LanguageModelV4CallOptions): Promise<SyntheticStreamResult<Part>> {
    return this.stream(options);
  }
}
