import { JSONParseError } from "@ai-sdk/provider";
import { createParser, type EventSourceParser } from "eventsource-parser";
import type { SyntheticModelInfo } from "../catalog-schema";
import { syntheticErrorTextFromBody } from "../errors";
import { readWireChunk, type WireChunk } from "./chunk";
import { inBandErrorText } from "./in-band-error";
import { type LeakedToolCallRecovery, leakedFinishReason, leakedMetadata } from "./leaked-tool-calls";
import { LeakedToolCallStream } from "./leaked-tool-calls/stream-stage";
import { readFinishReason, readUsage, syntheticMetadata, UNKNOWN_USAGE } from "./result";
import { type ThinkSegment, ThinkTagParser } from "./think-tags";
import { ToolCallAssembler } from "./tool-calls";
import type { SyntheticStreamPart, SyntheticUsage } from "./types";

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
 * Where the answer stands: `streaming` until the server says it is done (a `finish_reason` or
 * `[DONE]`: `finished`) or a fault was reported (`faulted`). Anything that goes wrong after
 * that loses nothing, so it is not reported.
 */
type AnswerState = "streaming" | "finished" | "faulted";

export type StreamPartsOptions = {
  info: SyntheticModelInfo | undefined;
  headers: Record<string, string>;
  includeRawChunks: boolean;
  /** Recovery of tool calls written into the text; `undefined` leaves the text alone. */
  leaked?: LeakedToolCallRecovery;
  newId: () => string;
  emit: (part: SyntheticStreamPart) => void;
};

/**
 * A streamed chat answer, from network reads to parts: bytes -> SSE events -> chunks -> parts,
 * with think tags, tool-call assembly, usage, cost, quotas and errors. Pure: it is fed what was
 * read and says what the stream must carry through `emit`, in order.
 *
 * The deltas of one text or reasoning block parsed from one network read leave as one part
 * (`read()` ends with them): tokens that arrived together are handed on together.
 */
export class StreamParts {
  readonly #options: StreamPartsOptions;
  readonly #think: ThinkTagParser | undefined;
  readonly #tools: ToolCallAssembler;
  readonly #decoder = new TextDecoder();
  readonly #segments: ThinkSegment[] = [];
  readonly #sse: EventSourceParser;
  readonly #leaked: LeakedToolCallStream | undefined;
  #answer: AnswerState = "streaming";
  #bodyEnded = false;
  #received = 0;
  #sawMetadata = false;
  #finishRaw: string | undefined;
  #usage: SyntheticUsage = UNKNOWN_USAGE;
  /** One text or reasoning block is open at a time; a delta of the other kind ends it. */
  #open: { kind: BlockKind; id: string } | undefined;
  #blocks = 0;
  /** The open block's text of this read, not emitted yet. */
  #pendingDelta = "";

  constructor(options: StreamPartsOptions) {
    this.#options = options;
    this.#think = options.info?.reasoningFormat === "think-tags" ? new ThinkTagParser() : undefined;
    this.#tools = new ToolCallAssembler(options.newId);
    this.#sse = createParser({ onEvent: (event) => this.#event(event.data) });
    // Tool calls the model wrote into its text leave as tool calls (src/chat/leaked-tool-calls).
    this.#leaked =
      options.leaked &&
      new LeakedToolCallStream(options.leaked, options.newId, (text) => this.#delta("text", text), this.#emit);
  }

  /** One network read. */
  read(bytes: Uint8Array): void {
    this.#received += bytes.length;
    this.#sse.feed(this.#decoder.decode(bytes, { stream: true }));
    this.#flushDelta();
  }

  /** The body ended: a last event without its blank line still counts; an answer cut short is a fault. */
  bodyEnded(): void {
    this.#bodyEnded = true;
    const rest = this.#decoder.decode();
    if (rest) this.#sse.feed(rest);
    this.#sse.feed("\n\n");
    this.#flushDelta();
    this.#fail(
      `Synthetic's stream ended before the answer was complete (no finish_reason and no [DONE] after ${this.#received} bytes).`,
    );
  }

  /** The connection broke mid-stream. */
  connectionLost(detail: string): void {
    this.#fail(`The connection to Synthetic was lost mid-stream (${detail}).`);
  }

  /** The transport gave up on the body (a stall): its error is the fault. */
  stalled(error: unknown): void {
    this.#fault(error);
  }

  /** The server answered with something other than an event stream; `body` is what it sent. */
  notAnEventStream(contentType: string, body: string): void {
    const serverText = syntheticErrorTextFromBody(body);
    this.#fail(
      `Synthetic answered a streaming request with ${contentType || "no content-type"} instead of an event stream${serverText ? `: ${serverText}` : "."}`,
    );
  }

  /** Closes what is open and emits the finish part. */
  finish(): void {
    if (this.#think) this.#contentSegments(this.#think.flush(this.#segments));
    this.#leaked?.finish();
    this.#endBlock();
    // As doGenerate rejects it: a call that cannot run is a fault.
    for (const problem of this.#tools.finish(this.#emit)) this.#fault(new StreamFault(problem), true);
    const usage = this.#usage;
    const finishReason =
      this.#answer === "faulted"
        ? { unified: "error" as const, raw: this.#finishRaw }
        : leakedFinishReason(readFinishReason(this.#finishRaw), this.#leaked?.scanner);
    const { info, headers } = this.#options;
    const providerMetadata = leakedMetadata(syntheticMetadata(info, usage, headers), this.#leaked?.scanner);
    this.#emit({ type: "finish", finishReason, usage, providerMetadata });
  }

  readonly #emit = (part: SyntheticStreamPart): void => {
    this.#flushDelta();
    this.#options.emit(part);
  };

  #event(data: string): void {
    if (data === "[DONE]") {
      if (this.#answer === "streaming") this.#answer = "finished";
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch (cause) {
      // At the end of the body only a cut event fails to parse; after the finish it loses nothing.
      if (this.#bodyEnded)
        this.#fail(`Synthetic's stream ended in the middle of an event (${data.length} bytes cut off).`);
      else this.#emit({ type: "error", error: new JSONParseError({ text: data, cause }) });
      return;
    }
    if (this.#options.includeRawChunks) this.#emit({ type: "raw", rawValue: value });
    const serverError = inBandErrorText(value);
    if (serverError !== undefined) this.#fault(new StreamFault(`Synthetic stream error: ${serverError}`), true);
    const chunk = readWireChunk(value);
    if (typeof chunk === "string") {
      if (serverError === undefined) this.#emit({ type: "error", error: new StreamFault(chunk) });
      return;
    }
    this.#chunk(chunk);
  }

  #chunk(chunk: WireChunk): void {
    if (!this.#sawMetadata && (chunk.id !== undefined || chunk.model !== undefined)) {
      this.#sawMetadata = true;
      this.#emit({
        type: "response-metadata",
        id: chunk.id,
        modelId: chunk.model,
        timestamp: chunk.created !== undefined ? new Date(chunk.created * 1000) : undefined,
      });
    }
    if (chunk.usage !== undefined) this.#usage = readUsage(chunk.usage);
    const choice = chunk.choice;
    if (!choice) return;
    if (choice.reasoning) {
      this.#think?.markNativeReasoning();
      this.#delta("reasoning", choice.reasoning);
    }
    if (choice.content) {
      if (this.#think) this.#contentSegments(this.#think.push(choice.content, this.#segments));
      else this.#contentText(choice.content);
    }
    for (const call of choice.toolCalls) this.#tools.push(call, this.#emit);
    if (choice.finishReason !== undefined && this.#finishRaw === undefined) {
      this.#finishRaw = choice.finishReason;
      if (this.#answer === "streaming") this.#answer = "finished";
    }
  }

  #contentSegments(segments: ThinkSegment[]): void {
    for (const segment of segments) {
      if (segment.type === "text") this.#contentText(segment.text);
      else this.#delta("reasoning", segment.text);
    }
    segments.length = 0;
  }

  /** The one place answer text passes, after think-tag splitting: every text delta comes from here. */
  #contentText(text: string): void {
    if (this.#leaked) this.#leaked.push(text);
    else this.#delta("text", text);
  }

  #delta(kind: BlockKind, delta: string): void {
    if (this.#open?.kind !== kind) {
      this.#endBlock();
      this.#open = { kind, id: `${BLOCK_PARTS[kind].prefix}-${this.#blocks++}` };
      this.#emit({ type: BLOCK_PARTS[kind].start, id: this.#open.id });
    }
    this.#pendingDelta += delta;
  }

  #flushDelta(): void {
    if (this.#pendingDelta === "" || !this.#open) return;
    const delta = this.#pendingDelta;
    this.#pendingDelta = "";
    this.#options.emit({ type: BLOCK_PARTS[this.#open.kind].delta, id: this.#open.id, delta });
  }

  #endBlock(): void {
    if (!this.#open) return;
    this.#emit({ type: BLOCK_PARTS[this.#open.kind].end, id: this.#open.id });
    this.#open = undefined;
  }

  /** Reports a fault once, unless the answer already finished (or failed). */
  #fail(message: string): void {
    if (this.#answer === "streaming") this.#fault(new StreamFault(message));
  }

  /** Reports `error` as the fault of a still streaming answer; `always`: even after the finish. */
  #fault(error: unknown, always = false): void {
    if (this.#answer !== "streaming" && !always) return;
    this.#answer = "faulted";
    this.#emit({ type: "error", error });
  }
}
