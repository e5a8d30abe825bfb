/**
 * A loopback server that answers `POST /openai/v1/chat/completions` with given raw bytes, split
 * into given pieces with a flush between writes, and records the request bodies it received.
 * Recorded traffic and hand-written wire patterns are replayed through it byte for byte: no
 * parsing, no re-serialization, nothing of the emulator's opinion.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setImmediate as flushed } from "node:timers/promises";

/** How a body is split into writes. */
export type Chunking = "per-event" | "whole" | "bytes" | "random";

export type ReplayReply = {
  /** The response body, served exactly as given (or give `pieces`). */
  body?: string | Uint8Array;
  /** Defaults to `text/event-stream` when the body looks like SSE, else `application/json`. */
  contentType?: string;
  status?: number;
  /** How to split the body (default "whole"). Ignored when `pieces` is given. */
  chunking?: Chunking;
  /** Explicit writes, in order; overrides `body`/`chunking`. */
  pieces?: (string | Uint8Array)[];
  /**
   * Writes of index >= `holdAt` wait for `release()`: lets a test see what the client did
   * while the server still holds the rest of the body.
   */
  holdAt?: number;
  /** Seed for `random` chunking (deterministic per recording). */
  seed?: number;
};

export type ReplayRequest = { path: string; headers: IncomingMessage["headers"]; body: string };

export type ReplayServer = {
  /** `http://127.0.0.1:<port>`; the chat endpoint is `${url}/openai/v1/chat/completions`. */
  readonly url: string;
  /** What the next requests are answered with (after any queued replies). */
  reply(reply: ReplayReply): void;
  /** Replies for the next requests, one each, in order; then `reply`'s. */
  queue(...replies: ReplayReply[]): void;
  /** Lets a held reply (`holdAt`) write the rest of its body, now or when it reaches the hold. */
  release(): void;
  /** Whether a held reply is waiting for `release()`. */
  readonly holding: boolean;
  /** Pieces of the current reply written so far. */
  readonly written: number;
  /** Whether the last reply's body has been written completely. */
  readonly finished: boolean;
  /** Every request received, body as received. */
  readonly requests: ReplayRequest[];
  close(): Promise<void>;
};

const encoder = new TextEncoder();
const toBytes = (value: string | Uint8Array) => (typeof value === "string" ? encoder.encode(value) : value);

// Bodies of recordings reach 300 KB: one write per byte through all of that costs seconds per
// run and proves nothing the first kilobytes do not (every boundary kind, split UTF-8 included).
const BYTEWISE_LIMIT = 8 * 1024;
const AFTER_LIMIT_PIECE = 1024;

/** Splits `bytes` into writes for `chunking`. */
export function splitBody(bytes: Uint8Array, chunking: Chunking, seed = 1): Uint8Array[] {
  switch (chunking) {
    case "whole":
      return [bytes];
    case "per-event":
      return splitEvents(bytes);
    case "bytes": {
      const out: Uint8Array[] = [];
      const bytewise = Math.min(bytes.length, BYTEWISE_LIMIT);
      for (let i = 0; i < bytewise; i++) out.push(bytes.subarray(i, i + 1));
      for (let i = bytewise; i < bytes.length; i += AFTER_LIMIT_PIECE)
        out.push(bytes.subarray(i, i + AFTER_LIMIT_PIECE));
      return out;
    }
    case "random": {
      const next = mulberry32(seed);
      const out: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; ) {
        // Small pieces at the start (where boundaries cluster), larger later to keep runs short.
        const max = i < BYTEWISE_LIMIT ? 17 : 2048;
        const size = 1 + Math.floor(next() * max);
        out.push(bytes.subarray(i, i + size));
        i += size;
      }
      return out;
    }
  }
}

/** One write per SSE event, each ending after its blank line (LF or CRLF). */
function splitEvents(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    const lf = bytes[i - 1] === 0x0a;
    const crlf = bytes[i - 1] === 0x0d && bytes[i - 2] === 0x0a && bytes[i - 3] === 0x0d;
    if (lf || crlf) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startReplayServer(): Promise<ReplayServer> {
  let current: ReplayReply | undefined;
  const queued: ReplayReply[] = [];
  let releaseHold: (() => void) | undefined;
  let holding = false;
  let released = false;
  let written = 0;
  let finished = false;
  const requests: ReplayRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();

  const write = (res: ServerResponse, piece: Uint8Array) =>
    new Promise<void>((resolve, reject) => res.write(piece, (error) => (error ? reject(error) : resolve())));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    requests.push({ path: req.url ?? "", headers: req.headers, body });
    const reply = queued.shift() ?? current;
    if (req.method !== "POST" || req.url !== "/openai/v1/chat/completions" || !reply) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `no reply for ${req.method} ${req.url}` }));
      return;
    }
    const bytes = toBytes(reply.pieces ? "" : (reply.body ?? ""));
    const pieces = reply.pieces ? reply.pieces.map(toBytes) : splitBody(bytes, reply.chunking ?? "whole", reply.seed);
    const sse = reply.pieces ? true : /^(data|:|event|id|retry)/.test(new TextDecoder().decode(bytes.subarray(0, 8)));
    finished = false;
    released = false;
    written = 0;
    res.socket?.setNoDelay(true);
    res.writeHead(reply.status ?? 200, {
      "content-type": reply.contentType ?? (sse ? "text/event-stream" : "application/json"),
      "cache-control": "no-cache",
    });
    res.flushHeaders();
    for (let i = 0; i < pieces.length; i++) {
      if (reply.holdAt !== undefined && i === reply.holdAt && !released) {
        holding = true;
        await new Promise<void>((resolve) => {
          releaseHold = resolve;
        });
        holding = false;
      }
      if (res.destroyed) return;
      await write(res, pieces[i] as Uint8Array);
      written++;
      // One macrotask between writes so each piece leaves as its own segment.
      await flushed();
    }
    finished = true;
    res.end();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    reply(reply) {
      queued.length = 0;
      current = reply;
    },
    queue(...replies) {
      queued.push(...replies);
    },
    release() {
      released = true;
      releaseHold?.();
      releaseHold = undefined;
    },
    get holding() {
      return holding;
    },
    get written() {
      return written;
    },
    get finished() {
      return finished;
    },
    requests,
    async close() {
      releaseHold?.();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a `doStream` delivered, gathered from its parts. */
export type StreamOutcome = {
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; input: string }[];
  /** `tool-input-delta`s concatenated per call id. */
  toolInputs: Record<string, string>;
  errors: unknown[];
  finish: { finishReason: string; usage: Record<string, number | undefined>; providerMetadata?: unknown } | undefined;
  types: string[];
};

/** Reads a LanguageModelV2 part stream to the end. `onPart` sees each part as it arrives. */
export async function readParts(
  stream: ReadableStream<{ type: string } & Record<string, unknown>>,
  onPart?: (part: { type: string } & Record<string, unknown>) => void,
): Promise<StreamOutcome> {
  const out: StreamOutcome = {
    text: "",
    reasoning: "",
    toolCalls: [],
    toolInputs: {},
    errors: [],
    finish: undefined,
    types: [],
  };
  const reader = stream.getReader();
  for (;;) {
    const { done, value: part } = await reader.read();
    if (done) break;
    onPart?.(part);
    out.types.push(part.type);
    if (part.type === "text-delta") out.text += part.delta as string;
    else if (part.type === "reasoning-delta") out.reasoning += part.delta as string;
    else if (part.type === "tool-input-delta") {
      const id = part.id as string;
      out.toolInputs[id] = (out.toolInputs[id] ?? "") + (part.delta as string);
    } else if (part.type === "tool-call")
      out.toolCalls.push({ id: part.toolCallId as string, name: part.toolName as string, input: part.input as string });
    else if (part.type === "error") out.errors.push(part.error);
    else if (part.type === "finish") out.finish = part as never;
  }
  return out;
}
