import type { SyntheticModelInfo } from "../catalog-schema";
import type { TransportResponse } from "../transport";
import type { LeakedToolCallRecovery } from "./leaked-tool-calls";
import { StreamParts } from "./stream-parts";
import type { SyntheticStreamPart, SyntheticWarning } from "./types";

export type ChatStreamOptions<PART> = {
  response: TransportResponse;
  info: SyntheticModelInfo | undefined;
  warnings: SyntheticWarning[];
  includeRawChunks: boolean;
  /** Recovery of tool calls written into the text; `undefined` leaves the text alone. */
  leaked?: LeakedToolCallRecovery;
  mapPart: (part: SyntheticStreamPart) => PART | undefined;
  newId: () => string;
};

/**
 * `reading` while the body is read; `ending` once the finish part waits (the body is done);
 * `closed` once the stream closed, errored or was cancelled.
 */
type SourceState = "reading" | "ending" | "closed";

/**
 * Mastra 0.24's agent stream on Node 24 drops a text part that reaches it right behind another
 * part (a race in its chunk handling; Node 20 and 22, Mastra 1.x and the AI SDK are unaffected).
 * So the parts one network read yields leave one per pull, each after the first this many
 * microtask turns later. A read that yields one part (a token, as real streams send them) waits
 * for nothing. Measured on Node 24 (the recorded GLM-4.7 thinking stream, whose answer shares a read
 * with the end of its reasoning, and the burst test in test/mastra-agent.e2e.test.ts): 0 turns lose
 * the answer, 1 and more do not; 3 leaves a margin.
 */
const SPACING_TICKS = 3;

/**
 * The parts of a streamed answer as a `ReadableStream`, each mapped by the face as it is made.
 * Pull-based: a pull reads from the network only when no part waits, so nothing is read ahead of
 * the consumer. The transport says how the body stopped (end, the caller's abort, a stall, a lost
 * connection); the caller's abort errors the stream with its `AbortError`, everything else ends it
 * with a finish part.
 */
export function parseChatStream<PART>(options: ChatStreamOptions<PART>): ReadableStream<PART> {
  const { response, mapPart } = options;
  const reader = response.reader;
  // Mapped parts wait here for the pull that delivers them.
  const waiting: PART[] = [];
  const emit = (part: SyntheticStreamPart) => {
    const mapped = mapPart(part);
    if (mapped !== undefined) waiting.push(mapped);
  };
  const parts = new StreamParts({
    info: options.info,
    headers: response.headers,
    includeRawChunks: options.includeRawChunks,
    leaked: options.leaked,
    newId: options.newId,
    emit,
  });
  let state: SourceState = "reading";

  let head = 0;
  /** Enqueues the next waiting part, a few microtasks after the one before it; false when none waits. */
  const deliver = async (controller: ReadableStreamDefaultController<PART>): Promise<boolean> => {
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
      return false;
    }
    if (head > 0) for (let i = 0; i < SPACING_TICKS; i++) await undefined;
    if ((state as SourceState) === "closed") return true;
    controller.enqueue(waiting[head++] as PART);
    return true;
  };
  const finish = async (controller: ReadableStreamDefaultController<PART>) => {
    parts.finish();
    state = "ending";
    if (!(await deliver(controller))) close(controller);
  };
  const close = (controller: ReadableStreamDefaultController<PART>) => {
    state = "closed";
    controller.close();
  };

  return new ReadableStream<PART>({
    start() {
      emit({ type: "stream-start", warnings: options.warnings });
    },
    async pull(controller) {
      if (state === "closed" || (await deliver(controller))) return;
      if (state === "ending") return close(controller);
      if (/json/i.test(response.contentType)) {
        // An answer that is not an event stream: read it whole for its error text; the caller's
        // abort still errors the stream, as for any read.
        const decoder = new TextDecoder();
        let body = "";
        for (;;) {
          const read = await reader.read();
          if ((state as SourceState) === "closed") return;
          if (read instanceof Uint8Array) {
            body += decoder.decode(read, { stream: true });
            continue;
          }
          if (read.type === "aborted") {
            state = "closed";
            return controller.error(read.error);
          }
          // The end, a stall or a lost connection: the content-type alone says what went wrong.
          break;
        }
        parts.notAnEventStream(response.contentType, body + decoder.decode());
        return finish(controller);
      }
      for (;;) {
        const read = await reader.read();
        // Cancelled while the read was pending.
        if ((state as SourceState) === "closed") return;
        if (read instanceof Uint8Array) {
          parts.read(read);
          if (await deliver(controller)) return;
          continue;
        }
        if (read.type === "aborted") {
          state = "closed";
          return controller.error(read.error);
        }
        if (read.type === "end") parts.bodyEnded();
        else if (read.type === "lost") parts.connectionLost(read.detail);
        else parts.stalled(read.error);
        return finish(controller);
      }
    },
    cancel: () => {
      state = "closed";
      reader.cancel();
    },
  });
}
