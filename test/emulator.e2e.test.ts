import { request as httpRequest } from "node:http";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { SyntheticModelInfo } from "../src/catalog-schema";
import {
  type EmulatorReply,
  type SyntheticEmulator,
  type SyntheticEmulatorOptions,
  startSyntheticEmulator,
} from "../src/testing";
import { useEmulator } from "./support/emulator";

// The official openai client reads the emulator as an independent consumer of the wire format;
// raw fetch covers what the client hides (error bodies, headers, raw SSE bytes).

const KEY = "test-key";
const GLM = "hf:zai-org/GLM-4.6"; // reasoning_content, efforts low/medium/high
const PLAIN = "hf:deepseek-ai/DeepSeek-V3"; // no reasoning, no efforts
const EMBED = "hf:nomic-ai/nomic-embed-text-v1.5";

type Delta = {
  role?: string;
  content?: string;
  reasoning_content?: string;
  reasoning?: string;
  tool_calls?: { index?: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }[];
};
type Chunk = {
  id: string;
  object: string;
  model: string;
  choices: { index: number; delta: Delta; finish_reason: string | null }[];
  usage?: Record<string, unknown>;
};

// These tests read per-model behaviour off the whole bundled catalog, retired entries included
// (PLAIN is its one chat model without reasoning), so their emulators serve retired models; the
// default refusal is tested in "retired models".
const SERVE_RETIRED = { retiredModels: "serve" } as const;

/** The emulator most tests share (reset before each test). */
const fixture = useEmulator(SERVE_RETIRED);

/** Tests of start options, sockets and close() get an emulator of their own. */
const running: SyntheticEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function start(options?: SyntheticEmulatorOptions): Promise<SyntheticEmulator> {
  const emulator = await startSyntheticEmulator({ ...SERVE_RETIRED, ...options });
  running.push(emulator);
  return emulator;
}

/** A small catalog entry for emulators started with their own `models`. */
const tinyModel = (id: string): SyntheticModelInfo => ({
  id,
  name: id.slice(id.indexOf("/") + 1),
  kind: "chat",
  contextWindow: 100,
  tools: false,
  reasoning: false,
  reasoningFormat: null,
  reasoningReplay: false,
  input: ["text"],
  structuredOutputs: false,
  cost: { input: 1, output: 2 },
});

const clientFor = (emulator: SyntheticEmulator, apiKey = KEY) =>
  new OpenAI({ apiKey, baseURL: emulator.url, maxRetries: 0 });

function post(emulator: SyntheticEmulator, path: string, body: unknown, init: RequestInit = {}) {
  return fetch(`${emulator.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

const chatBody = (model: string, text: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: "user", content: text }],
  ...extra,
});

/** `data:` payloads of an SSE body, in order. */
const sseData = (text: string) =>
  text
    .split("\n\n")
    .filter((event) => event.startsWith("data: "))
    .map((event) => event.slice("data: ".length));

async function streamChunks(emulator: SyntheticEmulator, body: Record<string, unknown>): Promise<Chunk[]> {
  const response = await post(emulator, "/chat/completions", { ...body, stream: true });
  expect(response.status).toBe(200);
  const data = sseData(await response.text());
  expect(data.at(-1)).toBe("[DONE]");
  return data.slice(0, -1).map((payload) => JSON.parse(payload) as Chunk);
}

const deltasOf = (chunks: Chunk[]) => chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
const joined = (deltas: Delta[], field: "content" | "reasoning_content" | "reasoning") =>
  deltas.map((delta) => delta[field] ?? "").join("");
const toolDeltas = (chunks: Chunk[]) => deltasOf(chunks).flatMap((delta) => delta.tool_calls ?? []);

/** Reads an SSE response event by event; stops at `until` events or when the body ends or fails. */
async function readEvents(response: Response, until = Number.POSITIVE_INFINITY) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: string[] = [];
  try {
    while (events.length < until) {
      const { done, value } = await reader.read();
      if (done) return { events, ended: true, reader };
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf("\n\n");
      while (cut !== -1) {
        events.push(buffer.slice(0, cut).replace(/^data: /, ""));
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf("\n\n");
      }
    }
    return { events, ended: false, reader };
  } catch (error) {
    return { events, ended: false, error, reader };
  }
}

async function caught(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

describe("GET /models", () => {
  it("lists catalog models in Synthetic's shape, with $-prefixed per-token prices and efforts, without a key", async () => {
    const { emulator } = fixture;
    const response = await fetch(`${emulator.url}/models`);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: Record<string, unknown>[] };

    expect(data.find((model) => model.id === GLM)).toEqual({
      id: GLM,
      object: "model",
      provider: "synthetic",
      always_on: true,
      hugging_face_id: "zai-org/GLM-4.6",
      name: "zai-org/GLM-4.6",
      input_modalities: ["text"],
      output_modalities: ["text"],
      context_length: 200000,
      max_output_length: expect.any(Number),
      pricing: {
        prompt: "$0.00000055",
        completion: "$0.00000219",
        image: "0",
        request: "0",
        input_cache_reads: "$0.00000055",
        input_cache_writes: "0",
      },
      supported_features: ["tools", "json_mode", "structured_outputs", "reasoning"],
      reasoning_parameters: { efforts: ["low", "medium", "high"] },
    });
    const plain = data.find((model) => model.id === PLAIN);
    expect(plain?.supported_features).not.toContain("reasoning");
    expect(plain).not.toHaveProperty("reasoning_parameters");
    expect(plain?.pricing).toMatchObject({ prompt: "$0.00000125" });
  });

  it("is read by the openai client, on both the /openai/v1 and the older /v1 base", async () => {
    const { emulator } = fixture;
    const ids = (await clientFor(emulator).models.list()).data.map((model) => model.id);
    expect(ids).toContain(GLM);
    expect(ids).toContain(EMBED);

    const old = new OpenAI({ apiKey: KEY, baseURL: `${emulator.origin}/v1`, maxRetries: 0 });
    expect((await old.models.list()).data.map((model) => model.id)).toEqual(ids);
  });

  it("serves the models passed in options instead of the bundled catalog; no pricing when the price is unknown", async () => {
    const emulator = await start({
      models: [tinyModel("hf:acme/Tiny"), { ...tinyModel("hf:acme/Unpriced"), cost: undefined }],
    });
    const { data } = (await (await fetch(`${emulator.url}/models`)).json()) as { data: Record<string, unknown>[] };
    expect(data.map((model) => model.id)).toEqual(["hf:acme/Tiny", "hf:acme/Unpriced"]);
    expect(data[0]?.pricing).toMatchObject({ prompt: "$0.000001", completion: "$0.000002" });
    expect(data[1]).not.toHaveProperty("pricing");
  });
});

describe("chat completions", () => {
  it("answers a non-streaming request with an echo and estimated usage, and records the request", async () => {
    const { emulator } = fixture;
    const completion = await clientFor(emulator).chat.completions.create({
      model: PLAIN,
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Hello, world" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe(PLAIN);
    expect(completion.choices[0]?.message).toEqual({ role: "assistant", content: "Echo: Hello, world" });
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    // 26 prompt chars -> 7 tokens; 18 completion chars -> 5 tokens.
    expect(completion.usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: 5,
      total_tokens: 12,
      prompt_tokens_details: { cached_tokens: 0 },
    });

    const request = emulator.lastRequest();
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/openai/v1/chat/completions");
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toMatchObject({ model: PLAIN, messages: [{ role: "system" }, { role: "user" }] });
    expect(JSON.parse(request?.rawBody ?? "")).toEqual(request?.body);
  });

  it("adds made-up reasoning for models whose catalog entry reasons", async () => {
    const { emulator } = fixture;
    const completion = await clientFor(emulator).chat.completions.create(chatBody(GLM, "why?") as never);
    const message = completion.choices[0]?.message as unknown as Record<string, unknown>;
    expect(message.reasoning_content).toBe("Thinking about: why?");
    expect(message.content).toBe("Echo: why?");
  });

  it("streams chunks the openai client reads, ending with a usage chunk when include_usage is set", async () => {
    const { emulator } = fixture;
    emulator.script({ content: "The quick brown fox", chunkSize: 5, usage: { promptTokens: 100, cachedTokens: 40 } });
    const stream = await clientFor(emulator).chat.completions.create({
      ...chatBody(PLAIN, "go"),
      stream: true,
      stream_options: { include_usage: true },
    } as OpenAI.ChatCompletionCreateParamsStreaming);

    const pieces: string[] = [];
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      const piece = chunk.choices[0]?.delta.content;
      if (piece) pieces.push(piece);
    }
    expect(pieces).toEqual(["The q", "uick ", "brown", " fox"]);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 100,
      completion_tokens: 5,
      total_tokens: 105,
      prompt_tokens_details: { cached_tokens: 40 },
    });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it("sends no usage chunk without include_usage, nor with usage: false", async () => {
    const { emulator } = fixture;
    emulator.script({ content: "a" }, { content: "b", usage: false });
    const withoutOption = await streamChunks(emulator, chatBody(PLAIN, "x"));
    const suppressed = await streamChunks(emulator, chatBody(PLAIN, "x", { stream_options: { include_usage: true } }));
    for (const chunks of [withoutOption, suppressed]) {
      expect(chunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1)).toBe(true);
    }
    expect(joined(deltasOf(suppressed), "content")).toBe("b");
  });

  it("chunks by code point, never splitting an emoji", async () => {
    const { emulator } = fixture;
    emulator.script({ content: "😀é😀", chunkSize: 1 });
    const contents = deltasOf(await streamChunks(emulator, chatBody(PLAIN, "x"))).flatMap((d) =>
      d.content ? [d.content] : [],
    );
    expect(contents).toEqual(["😀", "é", "😀"]);
  });

  it("takes scripted replies first in, first out, then the default, and reset() restores the echo", async () => {
    const { emulator } = fixture;
    const client = clientFor(emulator);
    const ask = async (text: string) =>
      (await client.chat.completions.create(chatBody(PLAIN, text) as never)).choices[0]?.message.content;

    emulator.script({ content: "one" }, (request) => ({
      content: `saw ${(request.body as { messages: { content: string }[] }).messages[0]?.content}`,
    }));
    emulator.setDefault({ content: "fallback" });
    expect(await ask("a")).toBe("one");
    expect(await ask("b")).toBe("saw b");
    expect(await ask("c")).toBe("fallback");
    expect(await ask("d")).toBe("fallback");
    expect(emulator.requests.map((request) => request.path)).toHaveLength(4);

    emulator.reset();
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.lastRequest()).toBeUndefined();
    expect(await ask("e")).toBe("Echo: e");
  });
});

describe("reasoning formats", () => {
  const cases: [NonNullable<EmulatorReply["reasoningFormat"]>, Partial<Record<keyof Delta, string>>][] = [
    ["reasoning_content", { reasoning_content: "R is long enough", content: "Answer" }],
    ["reasoning", { reasoning: "R is long enough", content: "Answer" }],
    ["think-tags", { content: "<think>R is long enough</think>Answer" }],
    ["think-tags-no-open", { content: "R is long enough</think>Answer" }],
    ["think-tags-unclosed", { content: "<think>R is long enoughAnswer" }],
  ];

  it.each(cases)("streams %s as the raw chunks show", async (format, expected) => {
    const { emulator } = fixture;
    emulator.script({ reasoning: "R is long enough", content: "Answer", reasoningFormat: format, chunkSize: 4 });
    const deltas = deltasOf(await streamChunks(emulator, chatBody(PLAIN, "x")));
    expect({
      reasoning_content: joined(deltas, "reasoning_content"),
      reasoning: joined(deltas, "reasoning"),
      content: joined(deltas, "content"),
    }).toEqual({ reasoning_content: "", reasoning: "", content: "", ...expected });
    // Reasoning comes before the answer, in several deltas.
    const firstContent = deltas.findIndex((delta) => delta.content);
    const lastReasoning = deltas.map((delta) => Boolean(delta.reasoning_content || delta.reasoning)).lastIndexOf(true);
    expect(lastReasoning).toBeLessThan(firstContent);
    expect(deltas.length).toBeGreaterThan(5);
  });

  it("defaults to each model's catalog format", async () => {
    const model = (id: string, reasoningFormat: "think-tags" | "reasoning" | "reasoning_content") => ({
      ...tinyModel(id),
      reasoning: true,
      reasoningFormat,
    });
    const emulator = await start({
      models: [
        model("hf:acme/Inline", "think-tags"),
        model("hf:acme/Field", "reasoning"),
        model("hf:acme/Rc", "reasoning_content"),
      ],
    });
    const inline = deltasOf(await streamChunks(emulator, chatBody("hf:acme/Inline", "hi")));
    expect(joined(inline, "content")).toBe("<think>Thinking about: hi</think>Echo: hi");

    const field = deltasOf(await streamChunks(emulator, chatBody("hf:acme/Field", "hi")));
    expect(joined(field, "reasoning")).toBe("Thinking about: hi");
    expect(joined(field, "reasoning_content")).toBe("");

    const client = clientFor(emulator);
    expect(
      (await client.chat.completions.create(chatBody("hf:acme/Field", "hi") as never)).choices[0]?.message,
    ).toMatchObject({
      reasoning: "Thinking about: hi",
      content: "Echo: hi",
    });
    expect(
      (await client.chat.completions.create(chatBody("hf:acme/Rc", "hi") as never)).choices[0]?.message,
    ).toMatchObject({
      reasoning_content: "Thinking about: hi",
      content: "Echo: hi",
    });
  });
});

describe("tool calls", () => {
  const weather = { name: "get_weather", arguments: { city: "Paris", days: 3 } };

  it("returns parallel calls in a non-streaming response read by the client", async () => {
    const { emulator } = fixture;
    emulator.script({ toolCalls: [weather, { name: "my-tool__v2", arguments: '{"q":1}' }] });
    const completion = await clientFor(emulator).chat.completions.create(chatBody(PLAIN, "x") as never);
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      { id: "call_0", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris","days":3}' } },
      { id: "call_1", type: "function", function: { name: "my-tool__v2", arguments: '{"q":1}' } },
    ]);
  });

  it("streams each call as id/name/empty-arguments delta then argument pieces, with indexes 0, 1", async () => {
    const { emulator } = fixture;
    emulator.script({ toolCalls: [weather, { ...weather, id: "mine" }] });
    const chunks = await streamChunks(emulator, chatBody(PLAIN, "x"));
    expect(toolDeltas(chunks)).toEqual([
      { index: 0, id: "call_0", type: "function", function: { name: "get_weather", arguments: "" } },
      { index: 0, function: { arguments: '{"city":"Paris","days":3}' } },
      { index: 1, id: "mine", type: "function", function: { name: "get_weather", arguments: "" } },
      { index: 1, function: { arguments: '{"city":"Paris","days":3}' } },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("names the call after the request's first tool when the script gives no name", async () => {
    const { emulator } = fixture;
    emulator.script({ toolCalls: [{}] });
    const chunks = await streamChunks(
      emulator,
      chatBody(PLAIN, "x", {
        tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }],
      }),
    );
    expect(toolDeltas(chunks)[0]?.function).toEqual({ name: "lookup", arguments: "" });
    expect(toolDeltas(chunks)[1]?.function).toEqual({ arguments: "{}" });
  });

  it("applies quirks: no index, split arguments, late name, Kimi ids", async () => {
    const { emulator } = fixture;
    emulator.script({
      toolCalls: [weather],
      toolCallQuirks: { omitIndex: true, argumentChunks: 3, lateName: true, kimiIds: true },
    });
    const deltas = toolDeltas(await streamChunks(emulator, chatBody(PLAIN, "x")));
    expect(deltas.some((delta) => "index" in delta)).toBe(false);
    expect(deltas[0]).toEqual({ id: "functions.get_weather:0", type: "function", function: { arguments: "" } });
    expect(deltas[1]).toEqual({ function: { name: "get_weather" } });
    const pieces = deltas.slice(2).map((delta) => delta.function?.arguments);
    expect(pieces).toHaveLength(3);
    expect(JSON.parse(pieces.join(""))).toEqual(weather.arguments);
  });

  it("applies quirks: empty and double-encoded arguments", async () => {
    const { emulator } = fixture;
    emulator.script(
      { toolCalls: [weather], toolCallQuirks: { emptyArguments: true } },
      { toolCalls: [weather], toolCallQuirks: { doubleEncode: true } },
    );
    const empty = toolDeltas(await streamChunks(emulator, chatBody(PLAIN, "x")));
    expect(empty.map((delta) => delta.function?.arguments).join("")).toBe("");

    const doubled = toolDeltas(await streamChunks(emulator, chatBody(PLAIN, "x")));
    const raw = doubled.map((delta) => delta.function?.arguments).join("");
    expect(typeof JSON.parse(raw)).toBe("string");
    expect(JSON.parse(JSON.parse(raw))).toEqual(weather.arguments);
  });
});

describe("errors", () => {
  it("rejects a model id without the hf: prefix with Synthetic's message", async () => {
    const { emulator } = fixture;
    const error = await caught(clientFor(emulator).chat.completions.create(chatBody("gpt-4o", "x") as never));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.status).toBe(400);
    expect(error.error).toMatch(/^Your model name should start with an hf: prefix/);

    const raw = await post(emulator, "/chat/completions", chatBody("gpt-4o", "x"));
    const body = (await raw.json()) as { error: unknown };
    expect(typeof body.error).toBe("string");
  });

  it("accepts models the catalog does not list (on-demand models)", async () => {
    const { emulator } = fixture;
    const completion = await clientFor(emulator).chat.completions.create(
      chatBody("hf:someone/New-Model", "x") as never,
    );
    expect(completion.choices[0]?.message.content).toBe("Echo: x");
  });

  it("answers 401 for a wrong or missing key and accepts the configured one", async () => {
    const emulator = await start({ apiKey: "secret" });
    const error = await caught(clientFor(emulator, "wrong").chat.completions.create(chatBody(PLAIN, "x") as never));
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.error).toBe("Invalid API key");

    const missing = await fetch(`${emulator.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(chatBody(PLAIN, "x")),
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: "Invalid API key" });

    const ok = await clientFor(emulator, "secret").chat.completions.create(chatBody(PLAIN, "x") as never);
    expect(ok.choices[0]?.message.content).toBe("Echo: x");
  });

  it("accepts any bearer token by default but not a missing one", async () => {
    const { emulator } = fixture;
    expect((await post(emulator, "/chat/completions", chatBody(PLAIN, "x"))).status).toBe(200);
    const missing = await post(emulator, "/chat/completions", chatBody(PLAIN, "x"), {
      headers: { "content-type": "application/json" },
    });
    expect(missing.status).toBe(401);
  });

  it("sends a scripted 429 with Synthetic's text and extra headers, then the next reply", async () => {
    const { emulator } = fixture;
    emulator.script({ status: 429, headers: { "retry-after": "3" } }, { content: "recovered" });
    const client = clientFor(emulator);
    const error = await caught(client.chat.completions.create(chatBody(PLAIN, "x") as never));
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.error).toMatch(/^You've exceeded your subscription rate limits/);
    expect(error.headers?.get("retry-after")).toBe("3");

    const next = await client.chat.completions.create(chatBody(PLAIN, "x") as never);
    expect(next.choices[0]?.message.content).toBe("recovered");
  });

  it("answers a wrong method with an empty 405 and an unknown route with 404", async () => {
    const { emulator } = fixture;
    const wrongMethod = await fetch(`${emulator.url}/chat/completions`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.text()).toBe("");

    emulator.script({ status: 405 });
    const scripted = await post(emulator, "/chat/completions", chatBody(PLAIN, "x"));
    expect(scripted.status).toBe(405);
    expect(await scripted.text()).toBe("");

    const unknown = await fetch(`${emulator.url}/nope`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "Not found" });
  });

  it("rejects a prompt longer than the catalog context window", async () => {
    const { emulator } = fixture;
    // Qwen2.5-Coder-32B has 32768 tokens; 131073 chars estimate to 32769.
    const error = await caught(
      clientFor(emulator).chat.completions.create(
        chatBody("hf:Qwen/Qwen2.5-Coder-32B-Instruct", "x".repeat(32768 * 4 + 1)) as never,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.error).toBe("The input (32769 tokens) is longer than the model's context length (32768 tokens).");
  });

  it("rejects a reasoning_effort the model does not list, naming the allowed values", async () => {
    const { emulator } = fixture;
    const client = clientFor(emulator);
    const error = await caught(
      client.chat.completions.create(chatBody(GLM, "x", { reasoning_effort: "max" }) as never),
    );
    expect(error.status).toBe(400);
    expect(error.error).toContain("low, medium, high");

    const none = await caught(
      client.chat.completions.create(chatBody(PLAIN, "x", { reasoning_effort: "low" }) as never),
    );
    expect(none.status).toBe(400);

    const ok = await client.chat.completions.create(chatBody(GLM, "x", { reasoning_effort: "high" }) as never);
    expect(ok.choices[0]?.message.content).toBe("Echo: x");
  });

  it("rejects a tool message with no preceding call and tool schemas carrying $schema", async () => {
    const { emulator } = fixture;
    const orphan = await post(emulator, "/chat/completions", {
      model: PLAIN,
      messages: [
        { role: "user", content: "x" },
        { role: "tool", tool_call_id: "call_9", content: "42" },
      ],
    });
    expect(orphan.status).toBe(400);
    expect(((await orphan.json()) as { error: string }).error).toContain("call_9");

    const answered = await post(emulator, "/chat/completions", {
      model: PLAIN,
      messages: [
        { role: "user", content: "x" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_9", type: "function", function: { name: "f", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "call_9", content: "42" },
      ],
    });
    expect(answered.status).toBe(200);

    const schema = await post(emulator, "/chat/completions", {
      ...chatBody(PLAIN, "x"),
      tools: [
        {
          type: "function",
          function: { name: "f", parameters: { $schema: "http://json-schema.org/draft-07/schema#", type: "object" } },
        },
      ],
    });
    expect(schema.status).toBe(400);
    expect(((await schema.json()) as { error: string }).error).toContain("$schema");
  });

  it("rejects a body that is not JSON", async () => {
    const { emulator } = fixture;
    const response = await post(emulator, "/chat/completions", "{not json");
    expect(response.status).toBe(400);
    expect(typeof ((await response.json()) as { error: unknown }).error).toBe("string");
  });

  it("leaves the script untouched when it rejects a request", async () => {
    const { emulator } = fixture;
    emulator.script({ content: "kept" });
    expect((await post(emulator, "/chat/completions", chatBody("nope", "x"))).status).toBe(400);
    const ok = await clientFor(emulator).chat.completions.create(chatBody(PLAIN, "x") as never);
    expect(ok.choices[0]?.message.content).toBe("kept");
  });
});

describe("quotas", () => {
  it("serves GET /v2/quotas at the origin, with a key, in today's plan shape by default", async () => {
    const before = Date.now();
    const { emulator } = fixture;
    const response = await fetch(`${emulator.origin}/v2/quotas`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, Record<string, unknown>>;
    expect(body.rollingFiveHourLimit).toMatchObject({ remaining: 135, max: 135, limited: false, tickPercent: 0.05 });
    expect(body.weeklyTokenLimit).toMatchObject({
      percentRemaining: 100,
      maxCredits: "$24.00",
      remainingCredits: "$24.00",
      nextRegenCredits: "$0.48",
    });
    expect(body.subscription).toMatchObject({ limit: 135, requests: 0 });
    // Refill ticks as yapcap#33 reads them: +5% every 15 min, +2% every 202 min.
    const tick = Date.parse(String(body.rollingFiveHourLimit?.nextTickAt)) - before;
    expect(tick).toBeGreaterThan(14 * 60_000);
    expect(tick).toBeLessThan(16 * 60_000);
    const regen = Date.parse(String(body.weeklyTokenLimit?.nextRegenAt)) - before;
    expect(regen).toBeGreaterThan(201 * 60_000);
    expect(regen).toBeLessThan(203 * 60_000);

    expect((await fetch(`${emulator.origin}/v2/quotas`)).status).toBe(401);
  });

  it("sends x-synthetic-quotas on API responses, errors included, only when asked", async () => {
    const quotas = { subscription: { limit: 10, requests: 4, renewsAt: "2030-01-01T00:00:00.000Z" } };
    const emulator = await start({ quotas, quotasHeader: true });
    const ok = await post(emulator, "/chat/completions", chatBody(PLAIN, "x"));
    expect(JSON.parse(ok.headers.get("x-synthetic-quotas") ?? "null")).toEqual(quotas);
    const bad = await post(emulator, "/chat/completions", chatBody("bad", "x"));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.headers.get("x-synthetic-quotas") ?? "null")).toEqual(quotas);

    // The body is read at each request, so a test can move the counters.
    quotas.subscription.requests = 5;
    const served = await fetch(`${emulator.origin}/v2/quotas`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(await served.json()).toEqual(quotas);

    const response = await post(fixture.emulator, "/chat/completions", chatBody(PLAIN, "x"));
    expect(response.headers.get("x-synthetic-quotas")).toBeNull();
  });
});

describe("embeddings", () => {
  const norm = (vector: number[]) => Math.hypot(...vector);

  it("returns deterministic unit vectors of the requested dimensions to the openai client", async () => {
    const { emulator } = fixture;
    const result = await clientFor(emulator).embeddings.create({
      model: EMBED,
      input: ["alpha", "beta", "alpha"],
      dimensions: 256,
    });
    expect(result.data.map((item) => item.index)).toEqual([0, 1, 2]);
    const [a, b, again] = result.data.map((item) => item.embedding);
    expect(a).toHaveLength(256);
    expect(norm(a ?? [])).toBeCloseTo(1, 5);
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
    expect(result.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
  });

  it("defaults to 768 float dimensions and returns scripted vectors", async () => {
    const { emulator } = fixture;
    const response = await post(emulator, "/embeddings", { model: EMBED, input: "hello", encoding_format: "float" });
    const body = (await response.json()) as { object: string; model: string; data: { embedding: number[] }[] };
    expect(body.object).toBe("list");
    expect(body.model).toBe(EMBED);
    expect(body.data[0]?.embedding).toHaveLength(768);

    emulator.script({ embedding: [[0.6, 0.8]] });
    const scripted = await clientFor(emulator).embeddings.create({
      model: EMBED,
      input: "x",
      encoding_format: "float",
    });
    expect(scripted.data[0]?.embedding).toEqual([0.6, 0.8]);
  });

  it("rejects a model that is not an embedding model", async () => {
    const { emulator } = fixture;
    const error = await caught(clientFor(emulator).embeddings.create({ model: GLM, input: "x" }));
    expect(error.status).toBe(400);
    expect(error.error).toContain("not an embedding model");
  });
});

describe("text completions", () => {
  it("answers /completions with an echo of the prompt", async () => {
    const { emulator } = fixture;
    const completion = await clientFor(emulator).completions.create({ model: PLAIN, prompt: "Say hi" });
    expect(completion.object).toBe("text_completion");
    expect(completion.choices[0]?.text).toBe("Echo: Say hi");
  });
});

describe("stream faults", () => {
  const streamRequest = (emulator: SyntheticEmulator, init: RequestInit = {}) =>
    post(emulator, "/chat/completions", chatBody(PLAIN, "abcdefghijklmnopqrstuvwxyz", { stream: true }), init);

  it("cuts the connection after disconnectAfterChunks events", async () => {
    const { emulator } = fixture;
    emulator.script({ disconnectAfterChunks: 2 });
    const result = await readEvents(await streamRequest(emulator));
    expect(result.events).toHaveLength(2);
    expect(result.error).toBeInstanceOf(Error);
    expect(result.ended).toBe(false);
  });

  it("stalls after stallAfterChunks events until close() destroys the socket", async () => {
    const emulator = await start();
    emulator.script({ stallAfterChunks: 2 });
    const response = await streamRequest(emulator);
    const first = await readEvents(response, 2);
    expect(first.events).toHaveLength(2);

    let settled = false;
    const rest = first.reader.read().then(
      () => "ended",
      () => "failed",
    );
    void rest.then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    expect(emulator.openConnections()).toBeGreaterThan(0);

    await emulator.close();
    expect(await rest).toBe("failed");
    expect(emulator.openConnections()).toBe(0);
  });

  it("frees the socket of a stalled stream when the client aborts", async () => {
    const emulator = await start();
    emulator.script({ stallAfterChunks: 1 });
    // node:http without an agent, so the abort closes the one socket (fetch's pool may reconnect).
    const request = httpRequest(`${emulator.url}/chat/completions`, {
      method: "POST",
      agent: false,
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    });
    request.on("error", () => {});
    const firstData = new Promise<string>((resolve) => {
      request.on("response", (response) => response.once("data", (data: Buffer) => resolve(data.toString())));
    });
    request.end(JSON.stringify(chatBody(PLAIN, "x", { stream: true })));
    expect(await firstData).toMatch(/^data: /);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emulator.openConnections()).toBe(1);

    request.destroy();
    const deadline = Date.now() + 2000;
    while (emulator.openConnections() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(emulator.openConnections()).toBe(0);
  });

  it("ends the stream without [DONE] when omitDone is set", async () => {
    const { emulator } = fixture;
    emulator.script({ omitDone: true });
    const data = sseData(await (await streamRequest(emulator)).text());
    expect(data).not.toContain("[DONE]");
    expect((JSON.parse(data.at(-1) ?? "{}") as Chunk).choices[0]?.finish_reason).toBe("stop");
  });

  it("sends invalid JSON as the event at malformedChunkAt", async () => {
    const { emulator } = fixture;
    emulator.script({ malformedChunkAt: 1 });
    const data = sseData(await (await streamRequest(emulator)).text());
    expect(data[1]).toBe('{"choices":[{');
    expect(() => JSON.parse(data[1] ?? "")).toThrow();
    expect(() => JSON.parse(data[2] ?? "")).not.toThrow();
    expect(data.at(-1)).toBe("[DONE]");
  });

  it("sends an in-stream error event that the openai client raises", async () => {
    const { emulator } = fixture;
    emulator.script(
      { content: "partial", streamError: "Backend overloaded" },
      { content: "partial", streamError: "Backend overloaded" },
    );
    const data = sseData(await (await streamRequest(emulator)).text());
    expect(data.at(-1)).toBe('{"error":"Backend overloaded"}');
    expect(data).not.toContain("[DONE]");

    const stream = await clientFor(emulator).chat.completions.create({
      ...chatBody(PLAIN, "x"),
      stream: true,
    } as never);
    const error = await caught(
      (async () => {
        for await (const _ of stream as unknown as AsyncIterable<unknown>) {
          // drain
        }
      })(),
    );
    expect(error.message).toContain("Backend overloaded");
  });

  it("waits delayMs before the headers and chunkDelayMs between events", async () => {
    const { emulator } = fixture;
    emulator.script({ delayMs: 150 }, { content: "abcd", chunkSize: 1, chunkDelayMs: 40 });
    let began = Date.now();
    await post(emulator, "/chat/completions", chatBody(PLAIN, "x"));
    expect(Date.now() - began).toBeGreaterThanOrEqual(140);

    began = Date.now();
    const response = await streamRequest(emulator);
    await response.text();
    // role + 4 content + finish + [DONE] = 7 events, 6 gaps.
    expect(Date.now() - began).toBeGreaterThanOrEqual(6 * 40 - 10);
  });

  it("sends rawSse and rawBody verbatim", async () => {
    const { emulator } = fixture;
    const sse = 'data: {"weird":true}\n\ndata: [DONE]\n\n';
    emulator.script({ rawSse: sse }, { rawBody: '{"not":"a completion"}', status: 502 });
    const streamed = await streamRequest(emulator);
    expect(streamed.headers.get("content-type")).toContain("text/event-stream");
    expect(await streamed.text()).toBe(sse);

    const plain = await post(emulator, "/chat/completions", chatBody(PLAIN, "x"));
    expect(plain.status).toBe(502);
    expect(await plain.text()).toBe('{"not":"a completion"}');
  });
});

describe("lifecycle", () => {
  it("close() is idempotent, also through Symbol.asyncDispose, and stops serving", async () => {
    const emulator = await start();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/);
    await Promise.all([emulator.close(), emulator[Symbol.asyncDispose]()]);
    await emulator.close();
    await expect(fetch(`${emulator.url}/models`)).rejects.toThrow();
  });
});

describe("thinking models that need reasoning back", () => {
  it("rejects a Kimi-K2-Thinking tool-call turn without reasoning_content, or with an empty one", async () => {
    const { emulator } = fixture;
    const turn = (reasoning?: string) => ({
      model: "hf:moonshotai/Kimi-K2-Thinking",
      messages: [
        { role: "user", content: "hi" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
          ...(reasoning === undefined ? {} : { reasoning_content: reasoning }),
        },
        { role: "tool", tool_call_id: "c1", content: "ok" },
      ],
    });
    const post = (body: unknown) =>
      fetch(`${emulator.url}/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer k", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (const reasoning of [undefined, ""]) {
      const response = await post(turn(reasoning));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/reasoning_content is missing or empty/);
    }
    expect((await post(turn("thought"))).status).toBe(200);
  });
});
