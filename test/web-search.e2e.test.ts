/**
 * Synthetic's web search: `searchWeb()` against the emulator's `POST /v2/search`, and
 * `synthetic.tools.webSearch()` as a tool in ai 5/6/7 `generateText` and in Mastra agents of both
 * lines, with the provider's key, base URL, headers, retries and abort signal, and clear errors.
 */
import type { APICallError } from "@ai-sdk/provider";
import * as ai5 from "ai";
import * as ai6 from "ai-v6";
import * as ai7 from "ai-v7";
import { describe, expect, it } from "vitest";
import { createSynthetic, SyntheticConfigurationError, searchWeb } from "../src";
import { createSynthetic as createV6 } from "../src/ai-v6";
import { createSynthetic as createV7 } from "../src/ai-v7";
import { startSyntheticEmulator, todaysPlan } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { mastraLines } from "./support/mastra-lines";

const KEY = "sk-search-test";
const MODEL = "hf:zai-org/GLM-5.2";
const plan = todaysPlan(Date.now());
const fixture = useEmulator({ apiKey: KEY, quotas: plan, quotasHeader: true });
const searches = () => fixture.emulator.requests.filter((r) => r.path === "/v2/search");
const settings = () => ({ baseURL: fixture.emulator.url, apiKey: KEY, retryBaseDelayMs: 1 });
const failure = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );

const docs = [
  {
    url: "https://mastra.ai/docs/agents",
    title: "Agents | Mastra",
    text: "Agents use LLMs and tools.",
    published: "2026-11-02T00:00:00.000Z",
  },
  { url: "https://synthetic.new", title: "Synthetic", text: "x".repeat(5000) },
];

describe("searchWeb", () => {
  it("POSTs {query} to /v2/search at the API origin with the key, headers and user agent", async () => {
    fixture.emulator.scriptSearch({ results: docs });
    const results = await searchWeb("mastra agents", { ...settings(), headers: { "x-team": "ops" } });
    expect(results).toEqual(docs);
    const [request] = searches();
    expect(request).toMatchObject({ method: "POST", body: { query: "mastra agents" } });
    expect(request?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, "x-team": "ops" });
    expect(request?.headers["user-agent"]).toContain("mastra-synthetic/");
  });

  it("retries a 5xx as chat calls do, and follows the caller's abort", async () => {
    fixture.emulator.scriptSearch({ status: 503, error: "busy" }, { results: docs });
    expect(await searchWeb("retry me", settings())).toHaveLength(2);
    expect(searches()).toHaveLength(2);
    const controller = new AbortController();
    controller.abort();
    const aborted = await failure(searchWeb("never sent", { ...settings(), abortSignal: controller.signal }));
    expect((aborted as Error).name).toBe("AbortError");
    expect(searches()).toHaveLength(2);
  });

  it("fails before any request on an empty query, naming the fix", async () => {
    const error = await failure(searchWeb("  ", settings()));
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect(searches()).toHaveLength(0);
  });

  it("says a key without a subscription cannot search", async () => {
    const emulator = await startSyntheticEmulator({ apiKey: KEY, searchSubscriber: false });
    try {
      const error = (await failure(searchWeb("x", { baseURL: emulator.url, apiKey: KEY }))) as APICallError;
      expect(error.message).toMatch(
        /^Synthetic's web search is for subscribers only, and this API key has no subscription/,
      );
      expect(error).toMatchObject({ statusCode: 403, isRetryable: false });
      expect(emulator.requests.filter((r) => r.path === "/v2/search")).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });

  it("says when an exhausted search.hourly resets, sending the search once", async () => {
    const hourly = fixture.emulator;
    (plan.search.hourly as { requests: number }).requests = 250;
    try {
      const error = (await failure(searchWeb("x", settings()))) as APICallError;
      const at = new Date(plan.search.hourly.renewsAt).toISOString().slice(11, 16);
      expect(error.message).toContain(
        `Synthetic's hourly search limit is used up (250 of 250 searches used); it resets at ${at} UTC`,
      );
      expect(error).toMatchObject({ statusCode: 429, isRetryable: false });
      expect(hourly.requests.filter((r) => r.path === "/v2/search")).toHaveLength(1);
    } finally {
      (plan.search.hourly as { requests: number }).requests = 0;
    }
  });
});

describe("synthetic.tools.webSearch() in ai 5, 6 and 7", () => {
  const faces = [
    ["ai 5 (main entry)", ai5, () => createSynthetic(settings())],
    ["ai 6 (ai-v6)", ai6, () => createV6(settings())],
    ["ai 7 (ai-v7)", ai7, () => createV7(settings())],
  ] as const;

  it.each(faces)("%s: the model searches, gets compact results, and answers from them", async (_name, ai, create) => {
    const synthetic = create();
    fixture.emulator.scriptSearch({ results: docs });
    fixture.emulator.script(
      { toolCalls: [{ name: "webSearch", arguments: { query: "mastra agents" } }] },
      { content: "Mastra agents use LLMs and tools (https://mastra.ai/docs/agents)." },
    );
    const result = await (ai.generateText as typeof ai5.generateText)({
      model: synthetic(MODEL) as Parameters<typeof ai5.generateText>[0]["model"],
      prompt: "What are Mastra agents?",
      tools: { webSearch: synthetic.tools.webSearch({ maxCharsPerResult: 100 }) },
      stopWhen: (ai.stepCountIs as typeof ai5.stepCountIs)(3),
    });
    expect(result.text).toBe("Mastra agents use LLMs and tools (https://mastra.ai/docs/agents).");
    expect(searches().map((r) => r.body)).toEqual([{ query: "mastra agents" }]);
    const [first, second] = fixture.chatBodies() as {
      tools?: unknown[];
      messages: { role: string; content: unknown }[];
    }[];
    expect(first?.tools).toEqual([
      expect.objectContaining({
        function: expect.objectContaining({
          name: "webSearch",
          parameters: expect.objectContaining({ required: ["query"] }),
        }),
      }),
    ]);
    const output = JSON.parse(String(second?.messages.find((m) => m.role === "tool")?.content));
    expect(output).toEqual({
      results: [
        {
          title: "Agents | Mastra",
          url: "https://mastra.ai/docs/agents",
          published: "2026-11-02T00:00:00.000Z",
          text: "Agents use LLMs and tools.",
        },
        { title: "Synthetic", url: "https://synthetic.new", text: `${"x".repeat(100)}…` },
      ],
    });
  });

  it("rejects bad options before any request", () => {
    expect(() => createSynthetic(settings()).tools.webSearch({ maxResults: 0 })).toThrow(SyntheticConfigurationError);
  });
});

describe.each(mastraLines)("synthetic.tools.webSearch() in a Mastra $name agent", (line) => {
  it("generate: the agent searches and answers from the results", async () => {
    const synthetic = createSynthetic(settings());
    fixture.emulator.scriptSearch({ results: docs });
    fixture.emulator.script(
      { toolCalls: [{ name: "webSearch", arguments: { query: "mastra agents" } }] },
      { content: "From the web: agents use LLMs and tools." },
    );
    const agent = new line.Agent({
      name: "researcher",
      instructions: "Search the web before answering.",
      model: synthetic(MODEL),
      tools: { webSearch: synthetic.tools.webSearch({ maxResults: 1 }) },
    });
    const result = await agent.generate("What are Mastra agents?", { maxSteps: 3 });
    expect(result.text).toBe("From the web: agents use LLMs and tools.");
    expect(searches().map((r) => r.body)).toEqual([{ query: "mastra agents" }]);
    const second = fixture.chatBodies()[1] as { messages: { role: string; content: unknown }[] };
    const output = JSON.parse(String(second.messages.find((m) => m.role === "tool")?.content));
    expect(output.results).toHaveLength(1);
    expect(output.results[0]).toMatchObject({ url: "https://mastra.ai/docs/agents" });
  });
});
