import type { LanguageModelV4 } from "@ai-sdk/provider-v7";
import type { SyntheticWarning } from "../chat/types";
import { type StructuredFinishReason, type StructuredUsage, SyntheticChatFace, structuredMapping } from "./face";

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
}
