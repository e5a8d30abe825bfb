import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
  SharedV4Warning,
} from "@ai-sdk/provider-v7";
import { SyntheticChatFace, structuredMapping } from "./face";

/**
 * A Synthetic chat model for `ai@7` (LanguageModelV4). The call option `reasoning` becomes
 * `reasoning_effort`, checked against the model's efforts by the core.
 */
export class SyntheticChatLanguageModelV4
  extends SyntheticChatFace<SharedV4Warning, LanguageModelV4Usage, LanguageModelV4FinishReason>
  implements LanguageModelV4
{
  readonly specificationVersion = "v4";
  protected readonly mapping = structuredMapping;

  doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    return this.generate(options);
  }

  doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    return this.stream(options);
  }
}
