import type { LanguageModelV3 } from "@ai-sdk/provider-v6";
import type { SyntheticWarning } from "../chat/types";
import { type StructuredFinishReason, type StructuredUsage, SyntheticChatFace, structuredMapping } from "./face";

/** A Synthetic chat model for `ai@6` (LanguageModelV3). */
export class SyntheticChatLanguageModelV3
  extends SyntheticChatFace<SyntheticWarning, StructuredUsage, StructuredFinishReason>
  implements LanguageModelV3
{
  readonly specificationVersion = "v3" as const;
  protected readonly mapping = structuredMapping;
}
