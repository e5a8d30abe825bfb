import type { SyntheticModelInfo } from "../../catalog-schema";
import type { SyntheticCallOptions, SyntheticContent } from "../types";
import { type Marker, markersFor } from "./forms";
import { type LeakedPiece, LeakedToolCallScanner } from "./scanner";
import { LEAKED_TOOL_CALL_FORMS, type OfferedTools } from "./types";

export { leakedFinishReason, leakedMetadata, leakedWarnings } from "./report";
export type { LeakedPiece, LeakedToolCallNote, RecoveredToolCall } from "./scanner";
export { LeakedToolCallScanner } from "./scanner";
export { LEAKED_TOOL_CALL_FORMS, type LeakedToolCallForm } from "./types";

/** What recovery needs for one request: the markers to look for and the tools offered. */
export type LeakedToolCallRecovery = { markers: Marker[]; tools: OfferedTools };

/**
 * Recovery for a request, or `undefined` where nothing may be touched: recovery turned off, no
 * function tools offered, `toolChoice: "none"`, or a model whose catalog entry lists no form. A
 * model outside the catalog, or an entry without the list, may leak any form.
 */
export function leakedToolCallRecovery(
  options: SyntheticCallOptions,
  info: SyntheticModelInfo | undefined,
  enabled: boolean,
): LeakedToolCallRecovery | undefined {
  if (!enabled || options.toolChoice?.type === "none") return undefined;
  const tools = new Map<string, unknown>();
  for (const tool of options.tools ?? []) if (tool.type === "function") tools.set(tool.name, tool.inputSchema);
  if (tools.size === 0) return undefined;
  const markers = markersFor(info?.leakedToolCalls ?? LEAKED_TOOL_CALL_FORMS);
  return markers.length > 0 ? { markers, tools } : undefined;
}

export const newLeakedToolCallScanner = (recovery: LeakedToolCallRecovery, newId: () => string) =>
  new LeakedToolCallScanner(recovery.markers, recovery.tools, newId);

/** A whole answer's text through the same scanner a stream uses, so both give the same result. */
export function recoverLeakedToolCalls(
  text: string,
  recovery: LeakedToolCallRecovery,
  newId: () => string,
): { pieces: LeakedPiece[]; scanner: LeakedToolCallScanner } {
  const scanner = newLeakedToolCallScanner(recovery, newId);
  const pieces: LeakedPiece[] = [];
  scanner.push(text, pieces);
  scanner.finish(pieces);
  return { pieces, scanner };
}

/**
 * A non-streamed answer's text as content: the text, with recovered calls as tool-call parts in
 * answer order. Returns the scanner for the result's warnings, metadata and finish reason.
 */
export function appendAnswer(
  content: SyntheticContent[],
  answer: string,
  recovery: LeakedToolCallRecovery | undefined,
  newId: () => string,
): LeakedToolCallScanner | undefined {
  if (!recovery) {
    if (answer) content.push({ type: "text", text: answer });
    return undefined;
  }
  const { pieces, scanner } = recoverLeakedToolCalls(answer, recovery, newId);
  let text = "";
  for (const piece of pieces) {
    if (piece.type === "text") {
      text += piece.text;
      continue;
    }
    if (text) content.push({ type: "text", text });
    text = "";
    const { toolCallId, toolName, input } = piece.call;
    content.push({ type: "tool-call", toolCallId, toolName, input });
  }
  if (text) content.push({ type: "text", text });
  return scanner;
}
