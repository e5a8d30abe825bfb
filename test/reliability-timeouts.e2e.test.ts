/**
 * Timeouts: `timeoutMs` until the response headers, `idleTimeoutMs` between body reads. A stalled
 * server ends the call with an error naming the setting to raise, within the limit.
 */

import { setTimeout as sleep } from "node:timers/promises";
import { APICallError } from "@ai-sdk/provider";
import { generateText, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { createSynthetic, SyntheticConfigurationError, type SyntheticProviderSettings, syntheticGateway } from "../src";
import { startSyntheticEmulator } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream, registerAgents } from "./support/mastra-lines";
import { connectionsDropTo, httpFetch } from "./support/sockets";

const KEY = "sk-timeouts-test";
const MODEL = "hf:zai-org/GLM-5.2";
const fixture = useEmulator({ apiKey: KEY });

const chatRequests = () => fixture.emulator.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
const settings = (extra: SyntheticProviderSettings = {}): SyntheticProviderSettings => ({
  baseURL: fixture.emulator.url,
  apiKey: KEY,
  retryBaseDelayMs: 5,
  ...extra,
});
const model = (extra?: SyntheticProviderSettings) => createSynthetic(settings(extra))(MODEL);

async function streamParts(result: ReturnType<typeof streamText>) {
  let text = "";
  const errors: Error[] = [];
  let finishReason: string | undefined;
  for await (const part of result.fullStream) {
    if (part.type === "text-delta") text += part.text;
    if (part.type === "error") errors.push(part.error as Error);
    if (part.type === "finish") finishReason = part.finishReason;
  }
  return { text, errors, finishReason };
}

describe("timeoutMs (until the response headers)", () => {
  it("fails a call whose headers do not arrive in time, naming timeoutMs, without retrying", async () => {
    // Headers after 5 s: were the limit not applied, the call would succeed.
    fixture.emulator.setDefault({ delayMs: 5_000 });
    const error = await generateText({ model: model({ timeoutMs: 200 }), prompt: "hi" }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(false);
    expect((error as Error).message).toContain("no response within 200 ms");
    expect((error as Error).message).toContain("`timeoutMs`");
    expect(chatRequests()).toBe(1);
  });

  it("applies per attempt: a slow answer inside the limit succeeds", async () => {
    fixture.emulator.script({ delayMs: 150, content: "slow but fine" });
    const { text } = await generateText({ model: model({ timeoutMs: 1_000 }), prompt: "hi" });
    expect(text).toBe("slow but fine");
  });

  it.each(mastraLines)("Mastra $name: agent.generate fails after timeoutMs, one request", async (line) => {
    fixture.emulator.setDefault({ delayMs: 5_000 });
    const agent = registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) },
      { gateways: { synthetic: syntheticGateway(settings({ timeoutMs: 200 })) } },
    ).agents.agent;
    const error = await agent.generate("hi").catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain("`timeoutMs`");
    expect(chatRequests()).toBe(1);
  });
});

describe("idleTimeoutMs (between stream chunks)", () => {
  it("ends a stalled stream with an error part naming idleTimeoutMs, keeping the text so far", async () => {
    fixture.emulator.script({ content: "Hello there, world", chunkSize: 4, stallAfterChunks: 3 });
    const started = Date.now();
    const { text, errors, finishReason } = await streamParts(
      streamText({ model: model({ idleTimeoutMs: 300 }), prompt: "hi", onError: () => {} }),
    );
    const elapsed = Date.now() - started;
    expect(text).toBe("Hello th");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("sent nothing for 300 ms");
    expect(errors[0]?.message).toContain("`idleTimeoutMs`");
    expect(finishReason).toBe("error");
    // Not before the limit (a timer never fires early); the stall never ends by itself.
    expect(elapsed).toBeGreaterThanOrEqual(290);
  });

  it.each(mastraLines)(
    "Mastra $name: fullStream keeps the text, then an error part naming idleTimeoutMs",
    async (line) => {
      fixture.emulator.script({ content: "Hello there, world", chunkSize: 4, stallAfterChunks: 3 });
      const agent = registerAgents(
        line,
        { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) },
        { gateways: { synthetic: syntheticGateway(settings({ idleTimeoutMs: 300 })) } },
      ).agents.agent;
      const { text, errors, types } = await readFullStream(await agent.stream("hi"));
      expect(text).toBe("Hello th");
      expect(String((errors[0] as Error)?.message)).toContain("`idleTimeoutMs`");
      expect(types.at(-1)).toBe("finish");
    },
  );

  it("closes the socket of a stalled stream", async () => {
    // A fresh emulator: the shared one still holds other tests' keep-alive sockets.
    await using own = await startSyntheticEmulator({ apiKey: KEY });
    own.script({ content: "Hello there, world", chunkSize: 4, stallAfterChunks: 3 });
    const synthetic = createSynthetic({ baseURL: own.url, apiKey: KEY, idleTimeoutMs: 200, fetch: httpFetch });
    const result = streamText({ model: synthetic(MODEL), prompt: "hi", onError: () => {} });
    let open = 0;
    for await (const part of result.fullStream) if (part.type === "text-delta") open = own.openConnections();
    expect(open).toBe(1);
    expect(await connectionsDropTo(own, 0)).toBe(true);
  });

  it("measures gaps, not the total: a slow, steady stream longer than the limit completes", async () => {
    fixture.emulator.script({ content: "one two three four five six", chunkSize: 3, chunkDelayMs: 60 });
    const started = Date.now();
    const { text, errors } = await streamParts(
      streamText({ model: model({ idleTimeoutMs: 250 }), prompt: "hi", onError: () => {} }),
    );
    expect(Date.now() - started).toBeGreaterThan(250);
    expect(errors).toEqual([]);
    expect(text).toBe("one two three four five six");
  });

  it("measures the server, not the reader: a consumer pausing longer than the limit gets everything", async () => {
    fixture.emulator.script({ content: "abcdefghijklmnop", chunkSize: 2 });
    const result = streamText({ model: model({ idleTimeoutMs: 100 }), prompt: "hi", onError: () => {} });
    let text = "";
    const errors: unknown[] = [];
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        text += part.text;
        if (text.length === 2) await sleep(400);
      }
      if (part.type === "error") errors.push(part.error);
    }
    expect(errors).toEqual([]);
    expect(text).toBe("abcdefghijklmnop");
  });

  it("fails a non-streaming call whose JSON body stalls mid-way, naming idleTimeoutMs, without retrying", async () => {
    let calls = 0;
    const stalledJson: typeof fetch = async () => {
      calls++;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{"id":"x","choices":[{"mess')),
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    };
    // The body never ends by itself: only the idle limit ends the call.
    const error = await generateText({
      model: model({ idleTimeoutMs: 200, fetch: stalledJson }),
      prompt: "hi",
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("`idleTimeoutMs`");
    expect(calls).toBe(1);
  });
});

describe("settings", () => {
  it.each([
    { timeoutMs: 0 },
    { timeoutMs: -5 },
    { idleTimeoutMs: Number.NaN },
    { idleTimeoutMs: "1000" },
    { maxRetries: 1.5 },
    { maxRetries: -1 },
    { retryBaseDelayMs: -1 },
  ])("rejects %o before any request", (bad) => {
    expect(() => createSynthetic({ apiKey: KEY, ...(bad as SyntheticProviderSettings) })).toThrow(
      SyntheticConfigurationError,
    );
  });

  it("accepts Infinity to disable a timeout", () => {
    expect(() => createSynthetic({ apiKey: KEY, timeoutMs: Infinity, idleTimeoutMs: Infinity })).not.toThrow();
  });
});
