import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider-v6";
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

/** A Synthetic chat model for `ai@6` (LanguageModelV3). */
export class SyntheticChatLanguageModelV3
  extends SyntheticChatFace<SyntheticWarning, StructuredUsage, StructuredFinishReason>
  implements LanguageModelV3
{
  readonly specificationVersion = "v3" as const;
  protected readonly mapping = structuredMapping;

  doGenerate(
    options: LanguageModelV3CallOptions,
  ): Promise<FaceGenerateResult<SyntheticWarning, StructuredUsage, StructuredFinishReason>> {
    return this.generate(options);
  }

  doStream(options: LanguageModelV3CallOptions): Promise<SyntheticStreamResult<Part>> {
    return this.stream(options);
  }
}
