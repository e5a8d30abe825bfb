import { JSONParseError } from "@ai-sdk/provider";
import { createParser } from "eventsource-parser";
import type { SyntheticModelInfo } from "../catalog-schema";
import { syntheticErrorTextFromBody } from "../errors";
import type { TransportResponse } from "../transport";
import { readWireChunk } from "./chunk";
import { inBandErrorText } from "./in-band-error";
import { readFinishReason, readUsage, syntheticMetadata, UNKNOWN_USAGE } from "./result";
import { type ThinkSegment, ThinkTagParser } from "./think-tags";
import { ToolCallAssembler } from "./tool-calls";
import type { SyntheticStreamPart, SyntheticUsage, SyntheticWarning } from "./types";

export type ChatStreamOptions<PART> = {
  response: TransportResponse;
  info: SyntheticModelInfo | undefined;
  warnings: SyntheticWarning[];
  includeRawChunks: boolean;
  mapPart: (part: SyntheticStreamPart) => PART | undefined;
  newId: () => string;
};

/**
 * Mastra 0.24's agent stream on Node 24 drops text deltas that reach it back to back (a race in
 * its chunk handling; Node 20 and 22, Mastra 1.x and the AI SDK are unaffected, and so is a
 * stream whose parts come a few microtasks apart, as through openai-compatible's pipeline of
 * TransformStreams). So parts leave one per pull, each after this many microtask turns:
 * measured, 1 still loses text, 3 and more do not (test/mastra-agent.e2e.test.ts on Node 24).
 */
const PULL_SPACING_TICKS = 4;

type BlockKind = "text" | "reasoning";
const BLOCK_PARTS = {
  text: { prefix: "txt", start: "text-start", delta: "text-delta", end: "text-end" },
  reasoning: { prefix: "reasoning", start: "reasoning-start", delta: "reasoning-delta", end: "reasoning-end" },
} as const;

/** Stream faults are reported as errors with a message, after everything received so far. */
class StreamFault extends Error {
  override name = "SyntheticStreamError";
}

/**
 * The whole streamed response in one stage: bytes -> SSE events -> chunks -> parts, with think
 * tags, tool-call assembly, usage, cost, quotas and errors, each part mapped by the face as it
 * is made. Pull-based: one network read per pull, nothing read ahead of the consumer.
 */
export function parseChatStream<PART>(options: ChatStreamOptions<PART>): ReadableStream<PART> {
  const { response, info, mapPart } = options;
  const reader = response.reader;
  const think = info?.reasoningFormat === "think-tags" ? new ThinkTagParser() : undefined;
  const tools = new ToolCallAssembler(options.newId);
  const decoder = new TextDecoder();
  const segments: ThinkSegment[] = [];

  // Parts wait here and leave one per pull (see PULL_SPACING_TICKS).
  const queue: PART[] = [];
  let head = 0;
  const emit = (part: SyntheticStreamPart) => {
    const mapped = mapPart(part);
    if (mapped !== undefined) queue.push(mapped);
  };
  let ended = false;
  /** Enqueues the next waiting part, or closes once the end was reached; false when nothing waits. */
  const deliver = (controller: ReadableStreamDefaultController<PART>): boolean => {
    if (head < queue.length) {
      controller.enqueue(queue[head++] as PART);
      if (head === queue.length) {
        queue.length = 0;
        head = 0;
      }
      return true;
    }
    if (!ended) return false;
    closed = true;
    controller.close();
    return true;
  };

  // One text or reasoning block is open at a time; a delta of the other kind ends it.
  let open: { kind: BlockKind; id: string } | undefined;
  let blocks = 0;
  const endBlock = () => {
    if (!open) return;
    emit({ type: BLOCK_PARTS[open.kind].end, id: open.id });
    open = undefined;
  };
  const blockDelta = (kind: BlockKind, delta: string) => {
    if (open?.kind !== kind) {
      endBlock();
      open = { kind, id: `${BLOCK_PARTS[kind].prefix}-${blocks++}` };
      emit({ type: BLOCK_PARTS[kind].start, id: open.id });
    }
    emit({ type: BLOCK_PARTS[kind].delta, id: open.id, delta });
  };
  const text = (delta: string) => blockDelta("text", delta);
  const reasoning = (delta: string) => blockDelta("reasoning", delta);
  const emitSegments = () => {
    for (const segment of segments) (segment.type === "text" ? text : reasoning)(segment.text);
    segments.length = 0;
  };

  let received = 0;
  let sawMetadata = false;
  let finishRaw: string | undefined;
  let done = false;
  let fault = false;
  let usage: SyntheticUsage = UNKNOWN_USAGE;
  let atEnd = false;
  let closed = false;

  const onData = (data: string) => {
    if (data === "[DONE]") {
      done = true;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch (cause) {
      if (atEnd) {
        // After the finish, a cut terminator loses nothing.
        if (!complete()) fail(`Synthetic's stream ended in the middle of an event (${data.length} bytes cut off).`);
      } else {
        emit({ type: "error", error: new JSONParseError({ text: data, cause }) });
      }
      return;
    }
    if (options.includeRawChunks) emit({ type: "raw", rawValue: value });
    const serverError = inBandErrorText(value);
    if (serverError !== undefined) {
      fault = true;
      emit({ type: "error", error: new StreamFault(`Synthetic stream error: ${serverError}`) });
    }
    const chunk = readWireChunk(value);
    if (typeof chunk === "string") {
      if (serverError === undefined) emit({ type: "error", error: new StreamFault(chunk) });
      return;
    }
    if (!sawMetadata && (chunk.id !== undefined || chunk.model !== undefined)) {
      sawMetadata = true;
      emit({
        type: "response-metadata",
        id: chunk.id,
        modelId: chunk.model,
        timestamp: chunk.created !== undefined ? new Date(chunk.created * 1000) : undefined,
      });
    }
    if (chunk.usage !== undefined) usage = readUsage(chunk.usage);
    const choice = chunk.choice;
    if (!choice) return;
    if (choice.reasoning) {
      think?.markNativeReasoning();
      reasoning(choice.reasoning);
    }
    if (choice.content) {
      if (think) {
        think.push(choice.content, segments);
        emitSegments();
      } else {
        text(choice.content);
      }
    }
    for (const call of choice.toolCalls) tools.push(call, emit);
    if (choice.finishReason !== undefined && finishRaw === undefined) finishRaw = choice.finishReason;
  };
  const parser = createParser({ onEvent: (event) => onData(event.data) });

  const fail = (message: string) => {
    if (fault) return;
    fault = true;
    emit({ type: "error", error: new StreamFault(message) });
  };

  const complete = () => done || finishRaw !== undefined || fault;

  const end = (controller: ReadableStreamDefaultController<PART>) => {
    if (think) {
      think.flush(segments);
      emitSegments();
    }
    endBlock();
    // As doGenerate rejects it: a call that cannot run is a fault.
    for (const problem of tools.finish(emit)) {
      fault = true;
      emit({ type: "error", error: new StreamFault(problem) });
    }
    const finishReason = fault ? { unified: "error" as const, raw: finishRaw } : readFinishReason(finishRaw);
    emit({ type: "finish", finishReason, usage, providerMetadata: syntheticMetadata(info, usage, response.headers) });
    ended = true;
    deliver(controller);
  };

  const notAnEventStream = async (controller: ReadableStreamDefaultController<PART>) => {
    let body = "";
    try {
      body = await reader.text();
    } catch {
      // The content-type alone says what went wrong.
    }
    const serverText = syntheticErrorTextFromBody(body);
    fail(
      `Synthetic answered a streaming request with ${response.contentType || "no content-type"} instead of an event stream${serverText ? `: ${serverText}` : "."}`,
    );
    end(controller);
  };

  return new ReadableStream<PART>({
    start() {
      emit({ type: "stream-start", warnings: options.warnings });
    },
    async pull(controller) {
      for (let i = 0; i < PULL_SPACING_TICKS; i++) await undefined;
      if (deliver(controller) || closed) return;
      if (/json/i.test(response.contentType)) return notAnEventStream(controller);
      while (!closed && !ended) {
        const chunk = await reader.read();
        if (!(chunk instanceof Uint8Array) && chunk.type === "aborted") {
          closed = true;
          controller.error(chunk.error);
          return;
        }
        if (!(chunk instanceof Uint8Array) && chunk.type === "lost") {
          if (!complete()) fail(`The connection to Synthetic was lost mid-stream (${chunk.detail}).`);
          return end(controller);
        }
        if (!(chunk instanceof Uint8Array) && chunk.type === "stalled") {
          if (!complete()) {
            fault = true;
            emit({ type: "error", error: chunk.error });
          }
          return end(controller);
        }
        if (!(chunk instanceof Uint8Array)) {
          atEnd = true;
          const rest = decoder.decode();
          if (rest) parser.feed(rest);
          // A last event without its blank line is still an event; a cut one fails to parse.
          parser.feed("\n\n");
          if (!complete()) {
            fail(
              `Synthetic's stream ended before the answer was complete (no finish_reason and no [DONE] after ${received} bytes).`,
            );
          }
          return end(controller);
        }
        received += chunk.length;
        parser.feed(decoder.decode(chunk, { stream: true }));
        if (deliver(controller)) return;
      }
    },
    cancel: () => {
      closed = true;
      reader.cancel();
    },
  });
}
