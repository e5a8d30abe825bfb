import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
  SharedV3Warning,
} from "@ai-sdk/provider-v6";
import { SyntheticChatFace, structuredMapping } from "./face";

/** A Synthetic chat model for `ai@6` (LanguageModelV3). */
export class SyntheticChatLanguageModelV3
  extends SyntheticChatFace<SharedV3Warning, LanguageModelV3Usage, LanguageModelV3FinishReason>
  implements LanguageModelV3
{
  readonly specificationVersion = "v3";
  protected readonly mapping = structuredMapping;

  doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    return this.generate(options);
  }

  doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    return this.stream(options);
  }
}
