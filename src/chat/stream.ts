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

/** `reading` while the body is read; `closed` once the stream closed, errored or was cancelled. */
type SourceState = "reading" | "closed";

/**
 * The parts of a streamed answer as a `ReadableStream`, each mapped by the face as it is made.
 * Pull-based: a pull reads from the network until a read yields parts, so nothing is read ahead
 * of the consumer; the parts a read yields are enqueued together. The transport says how the
 * body stopped (end, the caller's abort, a stall, a lost connection); the caller's abort errors
 * the stream with its `AbortError`, everything else ends it with a finish part.
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

  /** Enqueues every waiting part; false when none waited. */
  const deliver = (controller: ReadableStreamDefaultController<PART>): boolean => {
    if (waiting.length === 0) return false;
    for (const part of waiting) controller.enqueue(part);
    waiting.length = 0;
    return true;
  };
  const finish = (controller: ReadableStreamDefaultController<PART>) => {
    parts.finish();
    deliver(controller);
    state = "closed";
    controller.close();
  };

  return new ReadableStream<PART>({
    start() {
      emit({ type: "stream-start", warnings: options.warnings });
    },
    async pull(controller) {
      if (state === "closed" || deliver(controller)) return;
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
          if (deliver(controller)) return;
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
