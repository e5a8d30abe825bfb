import { APICallError } from "@ai-sdk/provider";
import type { SyntheticModelInfo } from "../catalog-schema";
import { readWireChunk } from "./chunk";
import { inBandErrorText } from "./in-band-error";
import {
  appendAnswer,
  type LeakedToolCallRecovery,
  leakedFinishReason,
  leakedMetadata,
  leakedWarnings,
} from "./leaked-tool-calls";
import { readFinishReason, readUsage, syntheticMetadata } from "./result";
import { splitThinkTags } from "./think-tags";
import { namelessToolCallProblem, normalizeToolInput } from "./tool-calls";
import type { SyntheticContent, SyntheticGenerateResult, SyntheticWarning } from "./types";

/** Maps a non-streamed chat.completion body, once. */
export function parseChatResponse(options: {
  text: string;
  url: string;
  requestBody: unknown;
  headers: Record<string, string>;
  info: SyntheticModelInfo | undefined;
  warnings: SyntheticWarning[];
  /** Recovery of tool calls written into the text; `undefined` leaves the text alone. */
  leaked?: LeakedToolCallRecovery;
  newId: () => string;
}): SyntheticGenerateResult {
  const { text, url, requestBody, headers, info } = options;
  const invalid = (message: string, cause?: unknown) =>
    new APICallError({
      message,
      url,
      requestBodyValues: requestBody,
      statusCode: 200,
      responseHeaders: headers,
      responseBody: text,
      cause,
      isRetryable: false,
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw invalid("Invalid JSON response", cause);
  }
  const serverError = inBandErrorText(value);
  if (serverError !== undefined) throw invalid(serverError);
  const chunk = readWireChunk(value);
  if (typeof chunk === "string") throw invalid(`Invalid JSON response: ${chunk}`);
  const choice = chunk.choice;
  if (!choice) throw invalid("Invalid JSON response: Synthetic's reply has no choices.");

  const content: SyntheticContent[] = [];
  let answer = choice.content ?? "";
  if (choice.reasoning) {
    content.push({ type: "reasoning", text: choice.reasoning });
  } else if (info?.reasoningFormat === "think-tags" && answer) {
    const split = splitThinkTags(answer);
    if (split.reasoning) content.push({ type: "reasoning", text: split.reasoning });
    answer = split.text;
  }
  const leaked = appendAnswer(content, answer, options.leaked, options.newId);
  for (const call of choice.toolCalls) {
    const toolCallId = call.id ?? options.newId();
    // As the stream reports it: a call without a name is a fault, not a call to run.
    if (!call.name) throw invalid(namelessToolCallProblem(toolCallId));
    content.push({
      type: "tool-call",
      toolCallId,
      toolName: call.name,
      input: normalizeToolInput(call.arguments ?? ""),
    });
  }
  const usage = readUsage(chunk.usage);
  return {
    content,
    finishReason: leakedFinishReason(readFinishReason(choice.finishReason), leaked),
    usage,
    providerMetadata: leakedMetadata(syntheticMetadata(info, usage, headers), leaked),
    warnings: leakedWarnings(options.warnings, leaked),
    request: { body: requestBody },
    response: {
      id: chunk.id,
      modelId: chunk.model,
      timestamp: chunk.created !== undefined ? new Date(chunk.created * 1000) : undefined,
      headers,
      body: value,
    },
  };
}
