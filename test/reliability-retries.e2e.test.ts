/**
 * Retries: which failures are retried, how long the transport waits, and how its attempts
 * compose with the AI SDK's and Mastra's own `maxRetries` (counted at the emulator).
 */

import { createServer, type Server } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { APICallError } from "@ai-sdk/provider";
import { embed, generateText, streamText } from "ai";
import { beforeEach, describe, expect, it } from "vitest";
import { createSynthetic, type SyntheticProviderSettings, syntheticGateway } from "../src";
import { createTransport, retryAfterMs } from "../src/transport";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream, registerAgents } from "./support/mastra-lines";

const KEY = "sk-retries-test";
const MODEL = "hf:zai-org/GLM-5.2";
const fixture = useEmulator({ apiKey: KEY });

const chatRequests = () => fixture.emulator.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
// Fast backoff so a test spends milliseconds, not seconds, between attempts.
const fast = (extra: SyntheticProviderSettings = {}) =>
  createSynthetic({ baseURL: fixture.emulator.url, apiKey: KEY, retryBaseDelayMs: 5, ...extra });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );

describe("what is retried", () => {
  it.each([429, 500, 502, 503])("retries %i and succeeds on a later attempt", async (status) => {
    // An ordinary 429 (the subscription cap's text is final: test/subscription-limit.e2e.test.ts).
    const error = "Too many requests";
    fixture.emulator.script({ status, error }, { status, error }, { content: "third time lucky" });
    const { text } = await generateText({ model: fast()(MODEL), prompt: "hi", maxRetries: 0 });
    expect(text).toBe("third time lucky");
    expect(chatRequests()).toBe(3);
  });

  it.each([400, 401, 402, 404])("never retries %i, and marks it not retryable", async (status) => {
    fixture.emulator.setDefault({ status });
    const error = await failure(generateText({ model: fast()(MODEL), prompt: "hi" }));
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(status);
    expect((error as APICallError).isRetryable).toBe(false);
    expect(chatRequests()).toBe(1);
  });

  it("gives up after maxRetries + 1 attempts with Synthetic's message and the retry count", async () => {
    fixture.emulator.setDefault({ status: 503, error: "all backends busy" });
    const error = (await failure(
      generateText({ model: fast({ maxRetries: 3 })(MODEL), prompt: "hi", maxRetries: 0 }),
    )) as APICallError;
    expect(error.message).toBe("all backends busy");
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(false);
    expect(chatRequests()).toBe(4);
  });

  it("retries connection failures before the first byte (a server that resets every socket)", async () => {
    let connections = 0;
    const server = await listen(
      createServer((socket) => {
        connections++;
        socket.destroy();
      }),
    );
    const { port } = server.address() as { port: number };
    const synthetic = createSynthetic({
      baseURL: `http://127.0.0.1:${port}/openai/v1`,
      apiKey: KEY,
      retryBaseDelayMs: 5,
    });
    const error = (await failure(generateText({ model: synthetic(MODEL), prompt: "hi" }))) as APICallError;
    server.close();
    expect(connections).toBe(3);
    expect(error.message).toMatch(/^Cannot connect to Synthetic: .*\(3 attempts\)\.$/);
    expect(error.isRetryable).toBe(false);
  });

  it("retries a refused connection, then reaches the server", async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (++calls <= 2) {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
        });
      }
      return fetch(input, init);
    };
    fixture.emulator.script({ content: "connected" });
    const { text } = await generateText({ model: fast({ fetch: flaky })(MODEL), prompt: "hi", maxRetries: 0 });
    expect(text).toBe("connected");
    expect(calls).toBe(3);
  });

  it("does not retry a fetch failure that is not a connection problem (an invalid header)", async () => {
    let calls = 0;
    const invalid: typeof fetch = async () => {
      calls++;
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("invalid x-thing header"), { code: "UND_ERR_INVALID_ARG" }),
      });
    };
    await failure(generateText({ model: fast({ fetch: invalid })(MODEL), prompt: "hi", maxRetries: 0 }));
    expect(calls).toBe(1);
  });

  it("never retries once the caller's AbortSignal fired, even for a connection error", async () => {
    const controller = new AbortController();
    let calls = 0;
    const abortThenReset: typeof fetch = async () => {
      calls++;
      controller.abort();
      throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    };
    await failure(
      generateText({
        model: fast({ fetch: abortThenReset })(MODEL),
        prompt: "hi",
        abortSignal: controller.signal,
        maxRetries: 0,
      }),
    );
    expect(calls).toBe(1);
  });

  it("stops waiting for a retry as soon as the caller aborts", async () => {
    // A Retry-After past the test's timeout, within the budget: only the abort can end the wait in time.
    fixture.emulator.setDefault({ status: 429, error: "Too many requests", headers: { "retry-after": "60" } });
    const controller = new AbortController();
    void (async () => {
      while (chatRequests() === 0) await sleep(5);
      await sleep(50);
      controller.abort();
    })();
    const error = await failure(
      generateText({
        model: fast({ retryBudgetMs: 120_000 })(MODEL),
        prompt: "hi",
        abortSignal: controller.signal,
        maxRetries: 0,
      }),
    );
    expect((error as Error).name).toBe("AbortError");
    expect(chatRequests()).toBe(1);
  });
});

describe("how long it waits", () => {
  it("honours Retry-After in seconds", async () => {
    fixture.emulator.script(
      { status: 429, error: "Too many requests", headers: { "retry-after": "1" } },
      { content: "after the pause" },
    );
    const started = Date.now();
    const { text } = await generateText({ model: fast()(MODEL), prompt: "hi", maxRetries: 0 });
    expect(text).toBe("after the pause");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const at = new Date(Math.ceil((Date.now() + 1_100) / 1000) * 1000);
    fixture.emulator.script({ status: 503, headers: { "retry-after": at.toUTCString() } }, { content: "on time" });
    await generateText({ model: fast()(MODEL), prompt: "hi", maxRetries: 0 });
    expect(fixture.emulator.requests[1]?.time).toBeGreaterThanOrEqual(at.getTime() - 50);
  });

  it("does not wait for a Retry-After beyond retryBudgetMs: the 429 comes back at once, final", async () => {
    // Waiting 120 s would time the test out.
    fixture.emulator.setDefault({ status: 429, error: "Too many requests", headers: { "retry-after": "120" } });
    const error = (await failure(generateText({ model: fast()(MODEL), prompt: "hi" }))) as APICallError;
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(false);
    expect(error.responseHeaders?.["retry-after"]).toBe("120");
    expect(chatRequests()).toBe(1);
  });

  it("bounds the total time by retryBudgetMs however large maxRetries is", async () => {
    fixture.emulator.setDefault({ status: 503 });
    await failure(
      generateText({
        model: fast({ maxRetries: 100, retryBaseDelayMs: 50, retryBudgetMs: 400 })(MODEL),
        prompt: "hi",
        maxRetries: 0,
      }),
    );
    // The budget, not maxRetries, stopped it: 100 retries would be 101 requests.
    expect(chatRequests()).toBeLessThan(30);
    expect(chatRequests()).toBeGreaterThan(2);
  });

  it("backs off exponentially with full jitter: retry n waits random * base * 2^n", async () => {
    const times: number[] = [];
    const always503: typeof fetch = async () => {
      times.push(Date.now());
      return new Response('{"error":"busy"}', { status: 503 });
    };
    const run = (random: () => number, retryBaseDelayMs = 100) =>
      createTransport({ fetch: always503, maxRetries: 3, retryBaseDelayMs, random }).fetch("http://x.test/v1");
    await run(() => 0.99);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(390);
    // random 0 waits nothing however large the base: unscaled, a 60 s base would time the test out.
    times.length = 0;
    await run(() => 0, 60_000);
    expect(times).toHaveLength(4);
  });

  it("parses Retry-After seconds, decimals, HTTP dates and retry-after-ms; ignores garbage", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const h = (init: Record<string, string>) => retryAfterMs(new Headers(init), now);
    expect(h({ "retry-after": "3" })).toBe(3_000);
    expect(h({ "retry-after": "1.5" })).toBe(1_500);
    expect(h({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" })).toBe(7_000);
    expect(h({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" })).toBe(0);
    expect(h({ "retry-after-ms": "250", "retry-after": "9" })).toBe(250);
    expect(h({ "retry-after": "soon" })).toBeUndefined();
    expect(h({ "retry-after": "-1" })).toBeUndefined();
    expect(h({})).toBeUndefined();
  });
});

/**
 * A persistent 503, counted at the emulator. Without marking retried errors not retryable the AI SDK (and
 * Mastra 0.24's model call, also maxRetries 2) retried each of our 3 attempts: 9 requests.
 */
describe("composition with the AI SDK's and Mastra's maxRetries", () => {
  beforeEach(() => fixture.emulator.setDefault({ status: 503, error: "backend down" }));

  it("AI SDK generateText and streamText (default maxRetries 2): 3 requests, not 9", async () => {
    const model = fast()(MODEL);
    await failure(generateText({ model, prompt: "hi" }));
    expect(chatRequests()).toBe(3);
    fixture.emulator.reset();
    fixture.emulator.setDefault({ status: 503 });
    const errors: unknown[] = [];
    const result = streamText({ model, prompt: "hi", onError: ({ error }) => void errors.push(error) });
    await result.consumeStream();
    expect(chatRequests()).toBe(3);
    expect((errors[0] as APICallError).statusCode).toBe(503);
  });

  it("AI SDK embed (default maxRetries 2): 3 requests, not 9", async () => {
    await failure(embed({ model: fast().textEmbeddingModel("hf:nomic-ai/nomic-embed-text-v1.5"), value: "x" }));
    expect(fixture.emulator.requests.filter((r) => r.path.endsWith("/embeddings"))).toHaveLength(3);
  });

  it("with our maxRetries: 0 the AI SDK's own maxRetries alone decides (1 -> 2 requests)", async () => {
    const started = Date.now();
    const error = await failure(generateText({ model: fast({ maxRetries: 0 })(MODEL), prompt: "hi", maxRetries: 1 }));
    expect(chatRequests()).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500); // the AI SDK's own 2 s backoff
    expect((error as Error).message).toContain("backend down");
  });

  it("a connection failure that the transport gave up on is not retried by the AI SDK either", async () => {
    let connections = 0;
    const server = await listen(
      createServer((socket) => {
        connections++;
        socket.destroy();
      }),
    );
    const { port } = server.address() as { port: number };
    const synthetic = createSynthetic({
      baseURL: `http://127.0.0.1:${port}/openai/v1`,
      apiKey: KEY,
      retryBaseDelayMs: 5,
    });
    await failure(generateText({ model: synthetic(MODEL), prompt: "hi" }));
    server.close();
    expect(connections).toBe(3);
  });

  const agentOf = (line: (typeof mastraLines)[number]) =>
    registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) },
      {
        gateways: { synthetic: syntheticGateway({ baseURL: fixture.emulator.url, apiKey: KEY, retryBaseDelayMs: 5 }) },
      },
    ).agents.agent;
  const [mastra1, mastra024] = mastraLines as [(typeof mastraLines)[number], (typeof mastraLines)[number]];

  it("Mastra 0.24 agent.generate and agent.stream (model calls retried twice by default): 3 requests, not 9", async () => {
    await failure(agentOf(mastra024).generate("hi"));
    expect(chatRequests()).toBe(3);
    fixture.emulator.requests.length = 0;
    const { errors } = await readFullStream(await agentOf(mastra024).stream("hi"));
    expect((errors[0] as APICallError).statusCode).toBe(503);
    expect(chatRequests()).toBe(3);
  });

  it.each(mastraLines)("Mastra $name with modelSettings.maxRetries 2: 3 requests, not 9", async (line) => {
    await failure(agentOf(line).generate("hi", { modelSettings: { maxRetries: 2 } }));
    expect(chatRequests()).toBe(3);
  });

  it("Mastra 1.x agent.generate and agent.stream (no model retries by default): the transport's 3 attempts", async () => {
    await failure(agentOf(mastra1).generate("hi"));
    expect(chatRequests()).toBe(3);
    fixture.emulator.requests.length = 0;
    const { errors } = await readFullStream(await agentOf(mastra1).stream("hi"));
    expect((errors[0] as APICallError).statusCode).toBe(503);
    expect(chatRequests()).toBe(3);
  });
});

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
