/**
 * Abort: the caller's AbortSignal (AI SDK's `abortSignal`, Mastra's `agent.stream(msg, { abortSignal })`)
 * cancels the request and the stream promptly and closes the socket.
 */
import { getEventListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { generateText, streamText } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSynthetic, syntheticGateway } from "../src";
import { type SyntheticEmulator, startSyntheticEmulator } from "../src/testing";
import { mastraLines, registerAgents } from "./support/mastra-lines";
import { connectionsDropTo, httpFetch } from "./support/sockets";

const KEY = "sk-abort-test";
const MODEL = "hf:zai-org/GLM-5.2";
// "Promptly", without a clock: the server never ends these replies by itself (it stalls, or holds
// the headers past the test's timeout), so only the abort can end the call before the test fails.
const STALLING = { content: "Hello there, world", chunkSize: 4, stallAfterChunks: 3 };
const HEADERS_NEVER_IN_TIME = { delayMs: 60_000 };
// Each test gets its own emulator so its socket count is this test's sockets only.
let emulator: SyntheticEmulator;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(() => void process.on("unhandledRejection", onUnhandled));
afterAll(() => void process.off("unhandledRejection", onUnhandled));
afterEach(async () => {
  await emulator?.close();
  expect(unhandled).toEqual([]);
});

async function start(): Promise<SyntheticEmulator> {
  emulator = await startSyntheticEmulator({ apiKey: KEY });
  return emulator;
}
const settings = () => ({ baseURL: emulator.url, apiKey: KEY, fetch: httpFetch });

describe("AI SDK abortSignal", () => {
  it("cancels a stream mid-way: abort part right away, text so far kept, socket closed", async () => {
    await start();
    emulator.script(STALLING);
    const controller = new AbortController();
    const result = streamText({
      model: createSynthetic(settings())(MODEL),
      prompt: "hi",
      abortSignal: controller.signal,
      onError: () => {},
    });
    let text = "";
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === "text-delta") {
        text += part.text;
        if (text.length === 8) {
          expect(emulator.openConnections()).toBe(1);
          controller.abort();
        }
      }
    }
    expect(text).toBe("Hello th");
    expect(types.at(-1)).toBe("abort");
    expect(await connectionsDropTo(emulator, 0)).toBe(true);
  });

  it("cancels a request still waiting for headers; the AI SDK does not retry it", async () => {
    await start();
    emulator.setDefault(HEADERS_NEVER_IN_TIME);
    const controller = new AbortController();
    const aborted = abortOnceRequested(controller);
    const error = await generateText({
      model: createSynthetic(settings())(MODEL),
      prompt: "hi",
      abortSignal: controller.signal,
    }).catch((e: unknown) => e);
    await aborted;
    expect((error as Error).name).toBe("AbortError");
    expect(emulator.requests).toHaveLength(1);
    expect(await connectionsDropTo(emulator, 0)).toBe(true);
  });

  it("cancels promptly with Node's own fetch too", async () => {
    await start();
    emulator.script(STALLING);
    const controller = new AbortController();
    const synthetic = createSynthetic({ baseURL: emulator.url, apiKey: KEY });
    const result = streamText({
      model: synthetic(MODEL),
      prompt: "hi",
      abortSignal: controller.signal,
      onError: () => {},
    });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta" && !controller.signal.aborted) {
        controller.abort();
      }
    }
  });

  it("cancels promptly even when a custom fetch ignores the signal", async () => {
    await start();
    const deaf: typeof fetch = async () => {
      const body = new ReadableStream<Uint8Array>({
        start: (c) =>
          c.enqueue(new TextEncoder().encode('data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n')),
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    };
    const controller = new AbortController();
    const result = streamText({
      model: createSynthetic({ apiKey: KEY, fetch: deaf })(MODEL),
      prompt: "hi",
      abortSignal: controller.signal,
      onError: () => {},
    });
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === "text-delta") {
        controller.abort();
      }
    }
    expect(types.at(-1)).toBe("abort");
  });

  it("leaves no listener on a long-lived signal after calls complete", async () => {
    await start();
    const controller = new AbortController();
    const model = createSynthetic(settings())(MODEL);
    for (let i = 0; i < 20; i++) {
      const { stream } = await model.doStream({
        prompt: [{ role: "user", content: [{ type: "text", text: `call ${i}` }] }],
        abortSignal: controller.signal,
      });
      for await (const _ of stream as unknown as AsyncIterable<unknown>);
      await model.doGenerate({
        prompt: [{ role: "user", content: [{ type: "text", text: `call ${i}` }] }],
        abortSignal: controller.signal,
      });
    }
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe.each(mastraLines)("Mastra $name abortSignal", (line) => {
  const agent = () =>
    registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) },
      { gateways: { synthetic: syntheticGateway(settings()) } },
    ).agents.agent;

  it("agent.stream(msg, { abortSignal }) stops the stream promptly and closes the socket", async () => {
    await start();
    emulator.script(STALLING);
    const controller = new AbortController();
    const output = await agent().stream("hi", { abortSignal: controller.signal });
    let text = "";
    for await (const chunk of output.fullStream as AsyncIterable<{ type: string; payload?: { text?: string } }>) {
      if (chunk.type === "text-delta") {
        text += chunk.payload?.text ?? "";
        if (text.length === 8) {
          controller.abort();
        }
      }
    }
    expect(text).toBe("Hello th");
    expect(await connectionsDropTo(emulator, 0)).toBe(true);
  });

  it("agent.generate(msg, { abortSignal }) rejects promptly while waiting for headers", async () => {
    await start();
    emulator.setDefault(HEADERS_NEVER_IN_TIME);
    const controller = new AbortController();
    const aborted = abortOnceRequested(controller);
    await agent()
      .generate("hi", { abortSignal: controller.signal })
      .catch(() => {});
    await aborted;
    expect(chatRequests()).toHaveLength(1);
    expect(await connectionsDropTo(emulator, 0)).toBe(true);
  });
});

// Chat requests only: the gateway's models also read /models (the live catalog) first.
const chatRequests = () => emulator.requests.filter((r) => r.path.endsWith("/chat/completions"));

/** Aborts once the emulator has the request (under load, a fixed delay may fire before it is sent). */
async function abortOnceRequested(controller: AbortController): Promise<void> {
  while (chatRequests().length === 0) await sleep(5);
  await sleep(50);
  controller.abort();
}
