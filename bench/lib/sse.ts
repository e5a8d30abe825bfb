import { prose } from "./scenario";

const encoder = new TextEncoder();

/**
 * The events of a recorded-format chat.completion.chunk stream (as the emulator and Synthetic
 * send it): role delta, one content delta per piece, finish, usage, `[DONE]`.
 */
function sseEvents(model: string, pieces: readonly string[]): string[] {
  const head = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1_700_000_000, model };
  const event = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ ...head, choices, ...extra })}\n\n`;
  const delta = (value: object, finish: string | null = null) => [
    { index: 0, delta: value, logprobs: null, finish_reason: finish },
  ];
  const tokens = pieces.length * 2;
  return [
    event(delta({ role: "assistant", content: "" })),
    ...pieces.map((piece) => event(delta({ content: piece }))),
    event(delta({}, "stop")),
    event([], { usage: { prompt_tokens: 10, completion_tokens: tokens, total_tokens: 10 + tokens } }),
    "data: [DONE]\n\n",
  ];
}

/** `text` in `size`-character pieces. */
export function piecesOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

/** {@link sseEvents} for `pieces`, as one string. */
export function sseText(model: string, pieces: readonly string[]): string {
  return sseEvents(model, pieces).join("");
}

/**
 * {@link sseEvents} for `chunks` deltas of `size` characters of prose, as bytes cut into
 * `readSize`-byte reads, or one read per event (`"event"`, as a socket delivers a stream whose
 * tokens arrive one by one).
 */
export function sseBody(options: {
  chunks: number;
  size?: number;
  model: string;
  readSize?: number | "event";
}): Uint8Array[] {
  const { chunks, size = 8, model, readSize = 16_384 } = options;
  const events = sseEvents(model, piecesOf(prose(chunks * size), size));
  if (readSize === "event") return events.map((text) => encoder.encode(text));
  const bytes = encoder.encode(events.join(""));
  const reads: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += readSize) reads.push(bytes.subarray(at, at + readSize));
  return reads;
}

/** A `fetch` answering every request with a 200 event stream over `reads`, no sockets involved. */
export function inMemoryFetch(reads: readonly Uint8Array[]): typeof fetch {
  return async () => new Response(bodyStream(reads), { status: 200, headers: { "content-type": "text/event-stream" } });
}

export function bodyStream(reads: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const read = reads[next++];
      if (read) controller.enqueue(read);
      else controller.close();
    },
  });
}
