/**
 * Fuzz: random and mutated SSE byte streams and JSON bodies, fed through the chat model by an
 * injected fetch (no sockets, so thousands of cases run in seconds). Every call settles within
 * a bound, rejections are Errors, nothing escapes as an uncaught exception or unhandled
 * rejection, and a stream cut before its end is never reported as a clean finish.
 *
 * Size: FUZZ_RUNS runs per property: 100 in `npm test` (600 calls, about 1 s), 10,000 in
 * `npm run test:stress` (vitest.stress.config.ts; 60,000 calls, about 2 min);
 * FUZZ_SEED replays a failure (fast-check prints the seed).
 *   FUZZ_RUNS=20000 npx vitest run test/reliability-fuzz.unit.test.ts
 */
import type { LanguageModelV2, LanguageModelV2StreamPart } from "@ai-sdk/provider";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSynthetic } from "../src";

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const SETTLE_MS = 2_000;
// Scales with FUZZ_RUNS (about 2 ms per run, 5 ms with margin).
const TIMEOUT = { timeout: Math.max(30_000, RUNS * 5) };
const IDLE_MS = 25;
// Plain, think-tags and reasoning_content models: each takes a different stream path.
const MODELS = ["hf:deepseek-ai/DeepSeek-V3", "hf:MiniMaxAI/MiniMax-M2", "hf:deepseek-ai/DeepSeek-R1"] as const;
const PROMPT = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];
const encoder = new TextEncoder();

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  process.off("uncaughtException", onUnhandled);
  expect(unhandled).toEqual([]);
});

/** What one fake HTTP answer is made of. */
type Wire = {
  status: number;
  contentType: string | undefined;
  bytes: Uint8Array;
  /** Cut points that split the body into reads. */
  cuts: number[];
  /** Keep the body open after the last byte (exercises the idle timeout). */
  stall: boolean;
};

function fetchFor(wire: Wire): typeof fetch {
  return async () => {
    const points = [...new Set(wire.cuts.map((c) => c % (wire.bytes.length + 1)))].sort((a, b) => a - b);
    const pieces: Uint8Array[] = [];
    let at = 0;
    for (const point of [...points, wire.bytes.length]) {
      if (point > at) pieces.push(wire.bytes.subarray(at, point));
      at = Math.max(at, point);
    }
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = pieces.shift();
        if (next) controller.enqueue(next);
        else if (!wire.stall) controller.close();
        // Stalled: never enqueue again; the transport's idle timer must end it.
        else return new Promise<void>(() => {});
      },
    });
    const headers: Record<string, string> = wire.contentType ? { "content-type": wire.contentType } : {};
    return new Response(body, { status: wire.status, headers });
  };
}

// One model per id, built once (building is costlier than a call); each call answers with `current`.
let current: Wire | undefined;
const models = new Map<string, LanguageModelV2>();

function modelFor(wire: Wire, modelId: (typeof MODELS)[number]): LanguageModelV2 {
  current = wire;
  let model = models.get(modelId);
  if (!model) {
    model = createSynthetic({
      apiKey: "sk-fuzz",
      fetch: (input, init) => fetchFor(current as Wire)(input, init),
      maxRetries: 1,
      retryBaseDelayMs: 0,
      idleTimeoutMs: IDLE_MS,
    })(modelId);
    models.set(modelId, model);
  }
  return model;
}

function within<T>(promise: PromiseLike<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Outcome = { parts: LanguageModelV2StreamPart[] } | { error: unknown };

async function stream(model: LanguageModelV2): Promise<Outcome> {
  const call = (async () => {
    const { stream } = await model.doStream({ prompt: PROMPT });
    const parts: LanguageModelV2StreamPart[] = [];
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return parts;
      parts.push(value);
    }
  })();
  try {
    return { parts: await within(call, SETTLE_MS) };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("did not settle")) throw error;
    return { error };
  }
}

async function generate(model: LanguageModelV2): Promise<Outcome> {
  try {
    await within(model.doGenerate({ prompt: PROMPT }), SETTLE_MS);
    return { parts: [] };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("did not settle")) throw error;
    return { error };
  }
}

function expectSettledWell(outcome: Outcome): void {
  if ("error" in outcome) {
    expect(outcome.error).toBeInstanceOf(Error);
  } else if (outcome.parts.length > 0) {
    expect(outcome.parts[0]?.type).toBe("stream-start");
    expect(outcome.parts.at(-1)?.type).toBe("finish");
    for (const part of outcome.parts) if (part.type === "error") expect(part.error).toBeInstanceOf(Error);
  }
}

// ---- generators -----------------------------------------------------------------------------

const chunkJson = (delta: object, finish: string | null = null) =>
  JSON.stringify({
    id: "c",
    object: "chat.completion.chunk",
    model: "m",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

const text = fc.string({
  unit: fc.constantFrom("a", "b", " ", "é", "😀", "<think>", "</think>", "\n", '"', "\\"),
  maxLength: 12,
});

const delta = fc.oneof(
  text.map((content) => ({ content })),
  text.map((reasoning_content) => ({ reasoning_content })),
  fc.record({
    tool_calls: fc.array(
      fc.record(
        {
          index: fc.nat(2),
          id: fc.string({ maxLength: 6 }),
          function: fc.record(
            { name: fc.string({ maxLength: 6 }), arguments: fc.string({ maxLength: 10 }) },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
  }),
);

/** A well-formed Synthetic stream: deltas, maybe a finish chunk, a usage chunk and [DONE]. */
const validStream = fc
  .record({
    deltas: fc.array(delta, { maxLength: 8 }),
    finish: fc.constantFrom("stop", "length", "tool_calls", null),
    usage: fc.boolean(),
    done: fc.boolean(),
    crlf: fc.boolean(),
  })
  .map(({ deltas, finish, usage, done, crlf }) => {
    const events = deltas.map((d) => chunkJson(d));
    if (finish) events.push(chunkJson({}, finish));
    if (usage) events.push(JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 5 } }));
    if (done) events.push("[DONE]");
    const nl = crlf ? "\r\n" : "\n";
    return events.map((e) => `data: ${e}${nl}${nl}`).join("");
  });

const sseLine = fc.oneof(
  validStream,
  fc.json().map((j) => `data: ${j}\n\n`),
  fc.constantFrom(
    "data: [DONE]\n\n",
    ": keep-alive\n\n",
    "event: ping\n",
    "retry: 10\n",
    "id: 7\n",
    "data:\n\n",
    "\n",
    "\r",
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 30 }).map((s) => `data: {"error": ${JSON.stringify(s)}}\n\n`),
  fc.record({ message: fc.string() }).map((e) => `data: ${JSON.stringify({ error: e })}\n\n`),
);

type Mutation = (bytes: Uint8Array) => Uint8Array;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => (b: Uint8Array) => b.slice(0, at % (b.length + 1))),
  fc.tuple(fc.nat(), fc.nat(40)).map(([at, n]) => (b: Uint8Array) => {
    const i = at % (b.length + 1);
    return concat(b.subarray(0, i), b.subarray(Math.min(b.length, i + n)));
  }),
  fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 16 })).map(([at, insert]) => (b: Uint8Array) => {
    const i = at % (b.length + 1);
    return concat(b.subarray(0, i), insert, b.subarray(i));
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, value]) => (b: Uint8Array) => {
    const copy = b.slice();
    if (copy.length > 0) copy[at % copy.length] = value;
    return copy;
  }),
  fc.tuple(fc.nat(), fc.nat(60)).map(([at, n]) => (b: Uint8Array) => {
    const i = at % (b.length + 1);
    return concat(b.subarray(0, i + n), b.subarray(i));
  }),
);

const wireOf = (bytes: fc.Arbitrary<Uint8Array>, contentType: fc.Arbitrary<string | undefined>) =>
  fc.record({
    status: fc.oneof({ weight: 8, arbitrary: fc.constant(200) }, fc.constantFrom(400, 401, 402, 404, 429, 500, 503)),
    contentType,
    bytes,
    cuts: fc.array(fc.nat(), { maxLength: 12 }),
    stall: fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, fc.constant(true)),
  });

const sseContentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("text/event-stream") },
  fc.constantFrom("text/event-stream; charset=utf-8", "application/json", "text/plain", undefined),
);
const jsonContentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  fc.constantFrom("text/event-stream", "text/html", undefined),
);

const modelId = fc.constantFrom(...MODELS);
const params = (runs = RUNS) => ({ numRuns: runs, ...(SEED === undefined ? {} : { seed: SEED }) });

// ---- properties -----------------------------------------------------------------------------

describe("fuzzing the streaming path", () => {
  it("random bytes: every call settles", TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(wireOf(fc.uint8Array({ maxLength: 600 }), sseContentType), modelId, async (wire, id) => {
        expectSettledWell(await stream(modelFor(wire, id)));
      }),
      params(),
    );
  });

  it("random SSE-shaped text: every call settles", TIMEOUT, async () => {
    const bytes = fc.array(sseLine, { maxLength: 12 }).map((lines) => encoder.encode(lines.join("")));
    await fc.assert(
      fc.asyncProperty(wireOf(bytes, sseContentType), modelId, async (wire, id) => {
        expectSettledWell(await stream(modelFor(wire, id)));
      }),
      params(),
    );
  });

  it("mutated valid streams: every call settles", TIMEOUT, async () => {
    const bytes = fc
      .tuple(validStream, fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([sse, mutations]) => mutations.reduce<Uint8Array>((b, mutate) => mutate(b), encoder.encode(sse)));
    await fc.assert(
      fc.asyncProperty(wireOf(bytes, sseContentType), modelId, async (wire, id) => {
        expectSettledWell(await stream(modelFor(wire, id)));
      }),
      params(),
    );
  });

  it("a valid stream cut anywhere: text so far is a prefix, and no clean finish before the end", TIMEOUT, async () => {
    const pieces = fc.array(
      fc.string({ unit: fc.constantFrom("a", "é", "😀", " ", "\n"), minLength: 1, maxLength: 6 }),
      {
        minLength: 1,
        maxLength: 8,
      },
    );
    await fc.assert(
      fc.asyncProperty(pieces, fc.nat(), fc.array(fc.nat(), { maxLength: 8 }), async (contents, cutAt, cuts) => {
        const events = [...contents.map((content) => chunkJson({ content })), chunkJson({}, "stop"), "[DONE]"];
        const full = events.map((e) => `data: ${e}\n\n`).join("");
        const bytes = encoder.encode(full);
        const cut = cutAt % (bytes.length + 1);
        const finishEnds = encoder.encode(full.slice(0, full.indexOf('"finish_reason":"stop"'))).length;
        const wire: Wire = {
          status: 200,
          contentType: "text/event-stream",
          bytes: bytes.slice(0, cut),
          cuts,
          stall: false,
        };
        const outcome = await stream(modelFor(wire, "hf:deepseek-ai/DeepSeek-V3"));
        if ("error" in outcome) throw outcome.error;
        const received = outcome.parts.flatMap((p) => (p.type === "text-delta" ? [p.delta] : [])).join("");
        expect(contents.join("").startsWith(received)).toBe(true);
        const errors = outcome.parts.filter((p) => p.type === "error");
        const finish = outcome.parts.at(-1);
        // The finish chunk counts once its whole line arrived.
        const finishLineEnd = bytes.indexOf(0x0a, finishEnds);
        if (cut < finishLineEnd) {
          expect(errors.length).toBe(1);
          expect(finish).toMatchObject({ type: "finish", finishReason: "error" });
        } else {
          expect(errors).toEqual([]);
          expect(received).toBe(contents.join(""));
          expect(finish).toMatchObject({ type: "finish", finishReason: "stop" });
        }
      }),
      params(),
    );
  });
});

describe("fuzzing the non-streaming path", () => {
  const validBody = fc
    .record({ content: text, reasoning: fc.option(text), finish: fc.constantFrom("stop", "length", null) })
    .map(({ content, reasoning, finish }) =>
      JSON.stringify({
        id: "x",
        choices: [
          { index: 0, message: { role: "assistant", content, reasoning_content: reasoning }, finish_reason: finish },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 2 },
      }),
    );

  it("random JSON values as bodies: every call settles", TIMEOUT, async () => {
    const bytes = fc
      .oneof(
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify({ choices: v })),
      )
      .map((j) => encoder.encode(j));
    await fc.assert(
      fc.asyncProperty(wireOf(bytes, jsonContentType), modelId, async (wire, id) => {
        expectSettledWell(await generate(modelFor(wire, id)));
      }),
      params(),
    );
  });

  it("mutated valid bodies: every call settles", TIMEOUT, async () => {
    const bytes = fc
      .tuple(validBody, fc.array(mutation, { maxLength: 4 }))
      .map(([body, mutations]) => mutations.reduce<Uint8Array>((b, mutate) => mutate(b), encoder.encode(body)));
    await fc.assert(
      fc.asyncProperty(wireOf(bytes, jsonContentType), modelId, async (wire, id) => {
        expectSettledWell(await generate(modelFor(wire, id)));
      }),
      params(),
    );
  });
});

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
