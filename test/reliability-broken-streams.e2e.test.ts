/**
 * Broken streams: each fault ends the call with an error part (or a rejection) carrying
 * Synthetic's or a precise message, after the text received so far, with no unhandled rejection.
 *
 * Decision: a stream that sends a `finish_reason` but no `[DONE]` is complete (the model said it
 * finished; only the terminator is missing), so it finishes normally without an error.
 */

import { createServer, type Server } from "node:net";
import { APICallError } from "@ai-sdk/provider";
import { generateText, streamText } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSynthetic, syntheticGateway } from "../src";
import type { EmulatorReply } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream, registerAgents } from "./support/mastra-lines";

const KEY = "sk-broken-streams-test";
const MODEL = "hf:zai-org/GLM-5.2";
const fixture = useEmulator({ apiKey: KEY });
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(() => void process.on("unhandledRejection", onUnhandled));
afterAll(() => void process.off("unhandledRejection", onUnhandled));
afterEach(async () => {
  // Let any stray rejection surface before checking.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled).toEqual([]);
});

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", model: MODEL, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

type Fault = {
  name: string;
  reply: EmulatorReply;
  /** Text before the fault (Mastra stops at the first error part; the AI SDK may read on). */
  text: string;
  /** Substring of the error message; `null` for no error. */
  error: string | null;
  /** The AI SDK reads on after this error part and finishes normally. */
  recovers?: boolean;
};

const FAULTS: Fault[] = [
  {
    name: "connection cut mid-stream",
    reply: { content: "Hello there, world", chunkSize: 4, disconnectAfterChunks: 3 },
    text: "Hello th",
    error: "The connection to Synthetic was lost mid-stream",
  },
  {
    name: "SSE truncated in the middle of an event",
    reply: { rawSse: `${chunk({ content: "Hel" })}data: {"choices":[{"index":0,"delta":{"content":"lo"` },
    text: "Hel",
    error: "Synthetic's stream ended in the middle of an event",
  },
  {
    name: "malformed JSON chunk",
    reply: { content: "Hello there, world", chunkSize: 4, malformedChunkAt: 2 },
    text: "Hell",
    error: "JSON parsing failed",
    recovers: true,
  },
  {
    name: '{"error"} object inside a 200 stream',
    reply: { content: "Hello there", chunkSize: 4, streamError: "The model crashed, please retry." },
    text: "Hello there",
    error: "Synthetic stream error: The model crashed, please retry.",
  },
  {
    name: "no [DONE] and no finish_reason (clean close)",
    reply: { rawSse: chunk({ content: "Hello" }) + chunk({ content: " there" }) },
    text: "Hello there",
    error: "Synthetic's stream ended before the answer was complete",
  },
  {
    name: "no [DONE] but a finish_reason (complete)",
    reply: { content: "Hello there", chunkSize: 4, omitDone: true },
    text: "Hello there",
    error: null,
  },
  {
    name: "a final event without its blank line (complete)",
    reply: { rawSse: `${chunk({ content: "Hello there" })}${chunk({}, "stop").trimEnd()}` },
    text: "Hello there",
    error: null,
  },
  {
    name: "JSON instead of an event stream",
    reply: { rawBody: JSON.stringify({ id: "x", choices: [{ message: { content: "Hello" } }] }) },
    text: "",
    error: "instead of an event stream",
  },
];

describe("AI SDK streamText", () => {
  it.each(FAULTS)("$name", async ({ reply, text, error, recovers }) => {
    fixture.emulator.script(reply);
    const result = streamText({
      model: createSynthetic({ baseURL: fixture.emulator.url, apiKey: KEY })(MODEL),
      prompt: "hi",
    });
    let received = "";
    const errors: Error[] = [];
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === "text-delta") received += part.text;
      if (part.type === "error") errors.push(part.error as Error);
    }
    expect(received.startsWith(text)).toBe(true);
    expect(types.at(-1)).toBe("finish");
    if (error === null) {
      expect(errors).toEqual([]);
      expect(await result.finishReason).toBe("stop");
    } else {
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]?.message).toContain(error);
      expect(await result.finishReason).toBe(recovers ? "stop" : "error");
    }
  });
});

describe.each(mastraLines)("Mastra $name agent.stream", (line) => {
  it.each(FAULTS)("$name", async ({ reply, text, error }) => {
    const agent = registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) },
      { gateways: { synthetic: syntheticGateway({ baseURL: fixture.emulator.url, apiKey: KEY }) } },
    ).agents.agent;
    fixture.emulator.script(reply);
    const { text: received, errors, types } = await readFullStream(await agent.stream("hi"));
    expect(received).toBe(text);
    expect(types.at(-1)).toBe("finish");
    if (error === null) expect(errors).toEqual([]);
    else expect(String((errors[0] as Error)?.message)).toContain(error);
  });
});

describe("non-streaming (generateText)", () => {
  const generate = (baseURL = fixture.emulator.url) =>
    generateText({ model: createSynthetic({ baseURL, apiKey: KEY })(MODEL), prompt: "hi", maxRetries: 0 });

  it("rejects a truncated JSON body as an invalid response", async () => {
    fixture.emulator.script({ rawBody: '{"id":"x","choices":[{"message":{"content":"Hel' });
    const error = await generate().catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("Invalid JSON response");
  });

  it("rejects a body cut by the server mid-way, saying the connection was lost", async () => {
    const server = await listen(
      createServer((socket) => {
        socket.once("data", () => {
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n{"id":"x",');
          setTimeout(() => socket.destroy(), 20);
        });
      }),
    );
    const { port } = server.address() as { port: number };
    const error = await generate(`http://127.0.0.1:${port}/openai/v1`).catch((e: unknown) => e);
    server.close();
    expect((error as Error).message).toContain("The connection to Synthetic was lost while reading the response");
  });

  it("surfaces Synthetic's own text for an error status", async () => {
    fixture.emulator.script({
      status: 400,
      error: "The input (9000 tokens) is longer than the model's context length (8192 tokens).",
    });
    const error = await generate().catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "The input (9000 tokens) is longer than the model's context length (8192 tokens).",
    );
  });
});

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
