/**
 * Wire patterns the real backends behind Synthetic produce (issue 10, point 2), served byte for
 * byte by a loopback server and read through the public API. Each failed on 0.1.0 (commit
 * 74c3af5), checked by running this file against that tree:
 *
 * - Kimi repeated id + `"name": ""`: the one call's input came out `{}` (arguments dropped), and
 *   the Mastra 1.x tool never received `{ city: "Paris" }`.
 * - parallel calls without `index`: two calls, but the second one's input was cut to `{"city":`
 *   (its continuation delta went astray).
 * - think tags, closing tag only / no tags: no text or reasoning part arrived in 5 s while the
 *   server held the rest of the body (everything came at the end); 250 KB in 4-char deltas took
 *   33.1 s of CPU against 0.12 s for 25 KB (280x: quadratic).
 * - `"stream":true` inside a tool schema default: doGenerate threw `Invalid JSON response` (the
 *   transport took the call for a streaming one and answered it with an SSE error).
 * - usage unknown, streamed and not: `providerMetadata.synthetic.cost` was
 *   `{ input: 0, output: 0, total: 0 }`.
 * - CRLF-delimited SSE with tools: no part arrived in 5 s while the server held the rest.
 * - `{"error":{...},"choices":[...]}` mid-stream: no error part, the stream just ended.
 *
 * Think-tag expectations follow the policy in docs/ (think-tag streaming): content before a lone
 * `</think>` is reasoning, streamed as it arrives; with no tags at all it streams as reasoning
 * and is then delivered once more as text.
 */
import type { LanguageModelV2CallOptions, LanguageModelV2FunctionTool } from "@ai-sdk/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSynthetic } from "../src";
import { thinkTagWork } from "../src/chat/think-tags";
import { mastraLines, readFullStream } from "./support/mastra-lines";
import { type ReplayServer, readParts, type StreamOutcome, startReplayServer } from "./support/replay-server";

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server?.close());

const provider = () => createSynthetic({ baseURL: `${server.url}/openai/v1`, apiKey: "k" });
const model = (id: string) => provider().chatModel(id);

type Delta = Record<string, unknown>;
const chunk = (model: string, delta: Delta, extra: Record<string, unknown> = {}) => ({
  id: "chatcmpl-wire",
  object: "chat.completion.chunk",
  created: 1_760_000_000,
  model,
  choices: [{ index: 0, delta, finish_reason: null }],
  ...extra,
});
const finish = (model: string, reason: string, usage?: Record<string, unknown>) => ({
  id: "chatcmpl-wire",
  object: "chat.completion.chunk",
  created: 1_760_000_000,
  model,
  choices: [{ index: 0, delta: {}, finish_reason: reason }],
  ...(usage ? { usage } : {}),
});
const usage = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };
/** A non-streamed reply, as the replay server sends it. */
const completion = (
  model: string,
  message: Record<string, unknown>,
  reason: string,
  usage?: Record<string, unknown>,
) => ({
  body: JSON.stringify({
    id: "chatcmpl-wire",
    object: "chat.completion",
    created: 1_760_000_000,
    model,
    choices: [{ index: 0, message, finish_reason: reason }],
    ...(usage ? { usage } : {}),
  }),
  contentType: "application/json",
});

/** SSE events as separate strings (one write each), ending with `[DONE]`. */
const events = (chunks: unknown[], eol = "\n") => [
  ...chunks.map((c) => `data: ${JSON.stringify(c)}${eol}${eol}`),
  `data: [DONE]${eol}${eol}`,
];

const weatherTool: LanguageModelV2FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Weather for a city",
  inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const prompt: LanguageModelV2CallOptions["prompt"] = [{ role: "user", content: [{ type: "text", text: "Go." }] }];

async function streamOf(id: string, options: Partial<LanguageModelV2CallOptions> = {}): Promise<StreamOutcome> {
  const { stream } = await model(id).doStream({ prompt, ...options });
  return readParts(stream as never);
}

/** JSON.parse, or the raw text when it is not JSON (so a failure shows what arrived). */
const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms))]);

/**
 * Reads parts until `isFirst` matches one, while the server cannot write past its `holdAt`
 * piece; then releases the server and reads to the end. `writtenAtFirst` is how many pieces the
 * server had written when that part arrived (< `holdAt` + 1 proves it came before the rest).
 */
async function readWhileHeld(
  stream: ReadableStream<{ type: string } & Record<string, unknown>>,
  isFirst: (part: { type: string } & Record<string, unknown>) => boolean,
): Promise<{ firstWhileHeld: boolean; writtenAtFirst: number; outcome: StreamOutcome }> {
  const reader = stream.getReader();
  const early: ({ type: string } & Record<string, unknown>)[] = [];
  let firstWhileHeld = false;
  let writtenAtFirst = -1;
  let pending: ReturnType<typeof reader.read> | undefined;
  for (;;) {
    pending = reader.read();
    const next = await withTimeout(pending, 5_000);
    if (next === "timeout") break;
    pending = undefined;
    if (next.done) break;
    early.push(next.value);
    if (isFirst(next.value)) {
      firstWhileHeld = !server.finished;
      writtenAtFirst = server.written;
      break;
    }
  }
  server.release();
  // A read that timed out is still pending: its part comes first.
  const rest = new ReadableStream({
    start(controller) {
      for (const part of early) controller.enqueue(part);
    },
    async pull(controller) {
      const { done, value } = await (pending ?? reader.read());
      pending = undefined;
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  return { firstWhileHeld, writtenAtFirst, outcome: await readParts(rest) };
}

describe("Kimi K2: call id repeated on every argument delta with an empty name", () => {
  const kimi = "moonshotai/Kimi-K2.6";
  const call = (fn: Record<string, unknown>) => ({
    tool_calls: [{ index: 0, id: "functions.get_weather:0", type: "function", function: fn }],
  });
  const body = events([
    chunk(kimi, { role: "assistant", content: "" }),
    chunk(kimi, call({ name: "get_weather", arguments: "" })),
    chunk(kimi, call({ name: "", arguments: '{"ci' })),
    chunk(kimi, call({ name: "", arguments: 'ty": "Pa' })),
    chunk(kimi, call({ name: "", arguments: 'ris"}' })),
    finish(kimi, "tool_calls", usage),
  ]);

  it("doStream yields one call with the full arguments", async () => {
    server.reply({ pieces: body });
    const out = await streamOf("hf:moonshotai/Kimi-K2.6", { tools: [weatherTool] });
    expect(out.errors).toEqual([]);
    expect(out.toolCalls).toHaveLength(1);
    expect(out.toolCalls[0]?.id).toBe("functions.get_weather:0");
    expect(out.toolCalls[0]?.name).toBe("get_weather");
    expect(parsed(out.toolCalls[0]?.input ?? "")).toEqual({ city: "Paris" });
    // Mastra 1.x builds the tool input from the deltas: they must add up to the same arguments.
    expect(parsed(out.toolInputs["functions.get_weather:0"] ?? "")).toEqual({ city: "Paris" });
    expect(out.finish?.finishReason).toBe("tool-calls");
  });

  it("a Mastra 1.x agent runs the tool with the arguments", async () => {
    const line = mastraLines.find((l) => l.name === "1.x");
    if (!line) throw new Error("the Mastra 1.x line is missing");
    const createTool = await line.createTool();
    const received: unknown[] = [];
    const getWeather = createTool({
      id: "get_weather",
      description: "Weather for a city",
      inputSchema: z.object({ city: z.string() }),
      execute: async (input: unknown) => {
        received.push(input);
        return { forecast: "sunny" };
      },
    });
    server.reply({
      pieces: events([chunk(kimi, { role: "assistant", content: "Sunny in Paris." }), finish(kimi, "stop", usage)]),
    });
    server.queue({ pieces: body });
    const agent = new line.Agent({
      id: "kimi",
      name: "kimi",
      instructions: "Use tools.",
      model: model("hf:moonshotai/Kimi-K2.6"),
      tools: { get_weather: getWeather },
    });
    const result = await readFullStream(await agent.stream("Weather in Paris?"));
    expect(result.errors).toEqual([]);
    expect(received).toEqual([{ city: "Paris" }]);
    expect(result.text).toBe("Sunny in Paris.");
  });
});

describe("parallel calls to the same tool whose deltas carry no index", () => {
  const id = "openai/gpt-oss-120b";
  it("each delta with its own id starts a call: two calls, each with its arguments", async () => {
    const fn = (callId: string | undefined, args: string, name?: string) => ({
      tool_calls: [
        {
          ...(callId ? { id: callId, type: "function" } : {}),
          function: { ...(name ? { name } : {}), arguments: args },
        },
      ],
    });
    server.reply({
      pieces: events([
        chunk(id, { role: "assistant", content: null }),
        chunk(id, fn("call_paris", '{"city":', "get_weather")),
        chunk(id, fn(undefined, '"Paris"}')),
        chunk(id, fn("call_rome", '{"city":', "get_weather")),
        chunk(id, fn(undefined, '"Rome"}')),
        finish(id, "tool_calls", usage),
      ]),
    });
    const out = await streamOf("hf:openai/gpt-oss-120b", { tools: [weatherTool] });
    expect(out.errors).toEqual([]);
    expect(out.toolCalls.map((c) => ({ id: c.id, name: c.name, input: parsed(c.input) }))).toEqual([
      { id: "call_paris", name: "get_weather", input: { city: "Paris" } },
      { id: "call_rome", name: "get_weather", input: { city: "Rome" } },
    ]);
  });
});

describe("tool calls the server sent without an id", () => {
  const id = "openai/gpt-oss-120b";
  const call = (index: number, args: string, name?: string) => ({
    tool_calls: [{ index, function: { ...(name ? { name } : {}), arguments: args } }],
  });
  const isGenerated = (callId: string) => /^call_[0-9a-f-]{36}$/.test(callId);

  it("doStream gives each call its own id, arguments intact", async () => {
    server.reply({
      pieces: events([
        chunk(id, call(0, '{"city":', "get_weather")),
        chunk(id, call(1, '{"city":', "get_weather")),
        chunk(id, call(0, '"Paris"}')),
        chunk(id, call(1, '"Rome"}')),
        finish(id, "tool_calls", usage),
      ]),
    });
    const out = await streamOf("hf:openai/gpt-oss-120b", { tools: [weatherTool] });
    expect(out.errors).toEqual([]);
    expect(out.toolCalls.map((c) => parsed(c.input))).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    const [paris, rome] = out.toolCalls.map((c) => c.id);
    expect(isGenerated(paris ?? ""), paris).toBe(true);
    expect(isGenerated(rome ?? ""), rome).toBe(true);
    expect(paris).not.toBe(rome);
  });

  it("doGenerate gives each call its own id", async () => {
    const message = {
      role: "assistant",
      content: null,
      tool_calls: [
        { type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
      ],
    };
    server.reply(completion(id, message, "tool_calls", usage));
    const result = await model("hf:openai/gpt-oss-120b").doGenerate({ prompt, tools: [weatherTool] });
    const calls = result.content.filter((part) => part.type === "tool-call");
    expect(calls.map((c) => JSON.parse(c.input))).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    expect(calls.every((c) => isGenerated(c.toolCallId))).toBe(true);
    expect(calls[0]?.toolCallId).not.toBe(calls[1]?.toolCallId);
  });
});

describe("think-tag model (hf:MiniMaxAI/MiniMax-M2) without an opening tag", () => {
  const mm = "MiniMaxAI/MiniMax-M2";
  // ~2 KB of reasoning before the server pauses: more than any bounded look-ahead could hold.
  const reasoningDeltas = Array.from({ length: 120 }, (_, i) => `step ${i} of working it out; `);
  const reasoning = reasoningDeltas.join("");
  const answerDeltas = ["The ", "answer ", "is ", "42."];
  const answer = answerDeltas.join("");
  const isDelta = (part: { type: string }) => part.type === "text-delta" || part.type === "reasoning-delta";
  const head = reasoningDeltas.map((d) => chunk(mm, { content: d }));
  /** Serves `head`, holds `tail` until a delta arrives (which must come while held), reads to the end. */
  const streamWhileHeld = async (tail: unknown[]): Promise<StreamOutcome> => {
    server.reply({ pieces: events([...head, ...tail]), holdAt: head.length });
    const { stream } = await model("hf:MiniMaxAI/MiniMax-M2").doStream({ prompt });
    const { firstWhileHeld, writtenAtFirst, outcome } = await readWhileHeld(stream as never, isDelta);
    expect(firstWhileHeld, "no text or reasoning part arrived while the server held the rest").toBe(true);
    expect(writtenAtFirst).toBeLessThanOrEqual(head.length);
    expect(outcome.errors).toEqual([]);
    return outcome;
  };

  it("closing tag only: streams before the body ends; reasoning before </think>, text after", async () => {
    const tail = [
      chunk(mm, { content: "</think>" }),
      chunk(mm, { content: "\n\n" }),
      ...answerDeltas.map((d) => chunk(mm, { content: d })),
      finish(mm, "stop", usage),
    ];
    const outcome = await streamWhileHeld(tail);
    // think-policy: content before a lone </think> is reasoning; whitespace after the tag is trimmed.
    expect(outcome.reasoning).toBe(reasoning);
    expect(outcome.text).toBe(answer);
    expect(outcome.reasoning + outcome.text).not.toContain("think>");
  });

  it("no tags at all: streams before the body ends and the answer ends up as text", async () => {
    const tail = [...answerDeltas.map((d) => chunk(mm, { content: d })), finish(mm, "stop", usage)];
    const outcome = await streamWhileHeld(tail);
    // think-policy: shown live as reasoning; without any </think> the same content follows as text.
    expect(outcome.text).toBe(reasoning + answer);
    expect(outcome.reasoning).toBe(reasoning + answer);
  });

  it("parses a closing-tag-only answer with linear work (250 KB vs 25 KB in 4-char deltas)", async () => {
    const body = (chars: number) =>
      events([
        ...Array.from({ length: chars / 4 }, () => chunk(mm, { content: "abcd" })),
        chunk(mm, { content: "</think>" }),
        chunk(mm, { content: "Done." }),
        finish(mm, "stop", usage),
      ]).join("");
    // Counted, not timed: the characters the think-tag parser searched, against what was streamed.
    const work = async (chars: number) => {
      server.reply({ body: body(chars), chunking: "whole" });
      const before = thinkTagWork.scanned;
      const out = await streamOf("hf:MiniMaxAI/MiniMax-M2");
      expect(out.reasoning.length).toBe(chars);
      expect(out.text).toBe("Done.");
      return thinkTagWork.scanned - before;
    };
    const small = await work(25_000);
    const large = await work(250_000);
    // Each 4-character delta once, plus at most a carried-over partial tag (7 characters) per delta.
    expect(large).toBeLessThanOrEqual(250_000 + (250_000 / 4) * 7 + 100);
    expect(large / small).toBeLessThan(10.1);
  }, 240_000);
});

describe('non-streamed call whose request body contains "stream":true in a tool schema default', () => {
  it("doGenerate reads the JSON reply", async () => {
    server.reply(completion("openai/gpt-oss-120b", { role: "assistant", content: "Fetched nothing." }, "stop", usage));
    const fetchTool: LanguageModelV2FunctionTool = {
      type: "function",
      name: "fetch_feed",
      inputSchema: {
        type: "object",
        properties: { options: { type: "object", default: { stream: true } } },
      },
    };
    const result = await model("hf:openai/gpt-oss-120b").doGenerate({ prompt, tools: [fetchTool] });
    const sent = server.requests.at(-1)?.body ?? "";
    expect(sent).toContain('"stream":true');
    expect(JSON.parse(sent).stream ?? false).toBe(false);
    expect(result.content).toEqual([{ type: "text", text: "Fetched nothing." }]);
    expect(result.finishReason).toBe("stop");
    expect(result.usage.inputTokens).toBe(120);
  });
});

describe("usage unknown: cost is absent, not $0", () => {
  const id = "openai/gpt-oss-120b";
  it("a stream that ends with [DONE] before any usage", async () => {
    server.reply({
      pieces: events([
        chunk(id, { role: "assistant", content: "Hi" }),
        chunk(id, { content: "!" }),
        finish(id, "stop"),
      ]),
    });
    const out = await streamOf("hf:openai/gpt-oss-120b");
    expect(out.text).toBe("Hi!");
    expect(out.finish?.usage.inputTokens).toBeUndefined();
    expect(out.finish?.usage.outputTokens).toBeUndefined();
    const metadata = out.finish?.providerMetadata as { synthetic?: { cost?: unknown } } | undefined;
    expect(metadata?.synthetic?.cost).toBeUndefined();
  });

  it("a JSON reply without usage", async () => {
    server.reply(completion(id, { role: "assistant", content: "Hi!" }, "stop"));
    const result = await model("hf:openai/gpt-oss-120b").doGenerate({ prompt });
    expect(result.content).toEqual([{ type: "text", text: "Hi!" }]);
    expect(result.usage.inputTokens).toBeUndefined();
    expect(result.usage.outputTokens).toBeUndefined();
    const metadata = result.providerMetadata as { synthetic?: { cost?: unknown } } | undefined;
    expect(metadata?.synthetic?.cost).toBeUndefined();
  });
});

describe("CRLF-delimited SSE on a request with tools", () => {
  it("parts arrive before the body ends, and the tool call after them is read", async () => {
    const id = "openai/gpt-oss-120b";
    const head = [
      chunk(id, { role: "assistant", content: "" }),
      chunk(id, { content: "Checking " }),
      chunk(id, { content: "the weather." }),
    ];
    const tail = [
      chunk(id, {
        tool_calls: [
          {
            index: 0,
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      }),
      finish(id, "tool_calls", usage),
    ];
    server.reply({ pieces: events([...head, ...tail], "\r\n"), holdAt: head.length });
    const { stream } = await model("hf:openai/gpt-oss-120b").doStream({ prompt, tools: [weatherTool] });
    const { firstWhileHeld, writtenAtFirst, outcome } = await readWhileHeld(
      stream as never,
      (part) => part.type === "text-delta",
    );
    expect(firstWhileHeld, "no text part arrived while the server held the rest").toBe(true);
    expect(writtenAtFirst).toBeLessThanOrEqual(head.length);
    expect(outcome.errors).toEqual([]);
    expect(outcome.text).toBe("Checking the weather.");
    expect(outcome.toolCalls.map((c) => ({ name: c.name, input: parsed(c.input) }))).toEqual([
      { name: "get_weather", input: { city: "Paris" } },
    ]);
  });
});

describe("mid-stream error sent as a chunk that also carries choices", () => {
  it("surfaces as an error part with the server's text", async () => {
    const id = "openai/gpt-oss-120b";
    server.reply({
      pieces: events([
        chunk(id, { role: "assistant", content: "Let me" }),
        chunk(
          id,
          { role: "assistant", content: "" },
          { error: { code: 400, message: "Upstream provider overloaded: retry later" } },
        ),
      ]),
    });
    const out = await streamOf("hf:openai/gpt-oss-120b");
    expect(out.text).toBe("Let me");
    expect(out.errors).toHaveLength(1);
    const error = out.errors[0];
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    expect(message).toContain("Upstream provider overloaded: retry later");
    expect(out.finish?.finishReason).toBe("error");
  });
});
