/**
 * Recorded traffic of the open models Synthetic serves, replayed byte for byte through the
 * public API over loopback HTTP at several chunkings. Recordings and their provenance are in
 * test/fixtures/recorded/ (SOURCES.md); each `<name>.expected.json` was written from reading the
 * recording, not from running this package. See docs/internals/recorded-traffic.md.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LanguageModelV2CallOptions, LanguageModelV2FunctionTool } from "@ai-sdk/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { createSynthetic } from "../src";
import { type MastraLine, mastraLines, readFullStream } from "./support/mastra-lines";
import { type Chunking, type ReplayServer, readParts, startReplayServer } from "./support/replay-server";

const dir = join(import.meta.dirname, "fixtures", "recorded");

const expectedSchema = z.strictObject({
  model: z.string().startsWith("hf:"),
  mode: z.enum(["stream", "generate"]),
  text: z.string(),
  reasoning: z.string(),
  /** Reasoning came inline as <think>...</think>: compared without the whitespace around the tags. */
  thinkTags: z.boolean(),
  toolCalls: z.array(z.strictObject({ id: z.string(), name: z.string(), input: z.unknown() })),
  usage: z.union([
    z.null(),
    z.literal("unchecked"),
    z.strictObject({ inputTokens: z.number(), outputTokens: z.number(), cachedInputTokens: z.number().nullable() }),
  ]),
  finishReason: z.enum(["stop", "length", "tool-calls", "error"]),
  /** Text the error part's message must contain. */
  error: z.string().optional(),
});
type Expected = z.infer<typeof expectedSchema>;

type Recording = { name: string; file: string; body: Buffer; expected: Expected };

const recordings: Recording[] = readdirSync(dir)
  .filter((file) => file.endsWith(".sse") || (file.endsWith(".json") && !file.endsWith(".expected.json")))
  .sort()
  .map((file) => {
    const name = file.replace(/\.(sse|json)$/, "");
    const expected = expectedSchema.parse(JSON.parse(readFileSync(join(dir, `${name}.expected.json`), "utf8")));
    return { name, file, body: readFileSync(join(dir, file)), expected };
  });

const seedOf = (name: string) => [...name].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7);

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server?.close());

const model = (id: string) => createSynthetic({ baseURL: `${server.url}/openai/v1`, apiKey: "k" }).chatModel(id);

function callOptions(expected: Expected): LanguageModelV2CallOptions {
  // The tools the recorded request offered, as far as the reply shows them: enough for the model
  // to send `tools` and for a parser that checks names against them.
  const tools: LanguageModelV2FunctionTool[] = [...new Set(expected.toolCalls.map((call) => call.name))].map(
    (name) => ({
      type: "function",
      name,
      inputSchema: { type: "object", properties: {}, additionalProperties: true },
    }),
  );
  return {
    prompt: [{ role: "user", content: [{ type: "text", text: "Replay." }] }],
    ...(tools.length > 0 ? { tools } : {}),
  };
}

const messageOf = (error: unknown) =>
  error instanceof Error
    ? `${error.message} ${String((error as { responseBody?: unknown }).responseBody ?? "")}`
    : JSON.stringify(error);

type Outcome = {
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; input: string }[];
  errors: unknown[];
  finishReason: string | undefined;
  usage: Record<string, number | undefined> | undefined;
  providerMetadata: unknown;
};

function check(outcome: Outcome, expected: Expected) {
  const edges = (value: string) => (expected.thinkTags ? value.trim() : value);
  expect(edges(outcome.text)).toBe(edges(expected.text));
  expect(edges(outcome.reasoning)).toBe(edges(expected.reasoning));
  expect(outcome.toolCalls.map((call) => ({ id: call.id, name: call.name, input: JSON.parse(call.input) }))).toEqual(
    expected.toolCalls,
  );
  expect(outcome.finishReason).toBe(expected.finishReason);
  if (expected.error !== undefined) {
    expect(outcome.errors.length).toBeGreaterThan(0);
    expect(messageOf(outcome.errors[0])).toContain(expected.error);
  } else {
    expect(outcome.errors).toEqual([]);
  }
  const cost = (outcome.providerMetadata as { synthetic?: { cost?: unknown } } | undefined)?.synthetic?.cost;
  if (expected.usage === null) {
    expect(outcome.usage?.inputTokens).toBeUndefined();
    expect(outcome.usage?.outputTokens).toBeUndefined();
    // Unknown usage is not a free call: no cost rather than $0.
    expect(cost).toBeUndefined();
  } else if (expected.usage !== "unchecked") {
    expect(outcome.usage?.inputTokens).toBe(expected.usage.inputTokens);
    expect(outcome.usage?.outputTokens).toBe(expected.usage.outputTokens);
    expect(outcome.usage?.cachedInputTokens ?? 0).toBe(expected.usage.cachedInputTokens ?? 0);
    expect(cost).toMatchObject({ total: expect.any(Number) });
  }
}

describe("recorded traffic", () => {
  it("holds at least 20 recordings, streamed and not, each with its expectation", () => {
    expect(recordings.length).toBeGreaterThanOrEqual(20);
    expect(recordings.filter((r) => r.file.endsWith(".sse")).length).toBeGreaterThanOrEqual(8);
    expect(recordings.filter((r) => r.file.endsWith(".json")).length).toBeGreaterThanOrEqual(8);
    for (const r of recordings) expect(r.expected.mode).toBe(r.file.endsWith(".sse") ? "stream" : "generate");
    const sources = readFileSync(join(dir, "SOURCES.md"), "utf8");
    for (const r of recordings) expect(sources, `${r.file} has no row in SOURCES.md`).toContain(`\`${r.file}\``);
  });

  const streamed = recordings.filter((r) => r.file.endsWith(".sse"));
  const chunkings: Chunking[] = ["per-event", "whole", "bytes", "random"];
  describe.each(streamed.map((r) => [r.name, r] as const))("doStream %s", (_name, recording) => {
    it.each(chunkings)("chunked %s", async (chunking) => {
      server.reply({ body: recording.body, chunking, seed: seedOf(recording.name) });
      const { stream } = await model(recording.expected.model).doStream(callOptions(recording.expected));
      const parts = await readParts(stream as never);
      check(
        {
          ...parts,
          finishReason: parts.finish?.finishReason,
          usage: parts.finish?.usage,
          providerMetadata: parts.finish?.providerMetadata,
        },
        recording.expected,
      );
      const sent = JSON.parse(server.requests.at(-1)?.body ?? "{}");
      expect(sent.stream).toBe(true);
    });
  });

  const generated = recordings.filter((r) => r.file.endsWith(".json"));
  describe.each(generated.map((r) => [r.name, r] as const))("doGenerate %s", (_name, recording) => {
    it.each(["whole", "bytes", "random"] as Chunking[])("chunked %s", async (chunking) => {
      server.reply({ body: recording.body, chunking, seed: seedOf(recording.name), contentType: "application/json" });
      const result = await model(recording.expected.model).doGenerate(callOptions(recording.expected));
      check(
        {
          text: result.content.map((part) => (part.type === "text" ? part.text : "")).join(""),
          reasoning: result.content.map((part) => (part.type === "reasoning" ? part.text : "")).join(""),
          toolCalls: result.content.flatMap((part) =>
            part.type === "tool-call" ? [{ id: part.toolCallId, name: part.toolName, input: part.input }] : [],
          ),
          errors: [],
          finishReason: result.finishReason,
          usage: result.usage as Record<string, number | undefined>,
          providerMetadata: result.providerMetadata,
        },
        recording.expected,
      );
      const sent = JSON.parse(server.requests.at(-1)?.body ?? "{}");
      expect(sent.stream ?? false).toBe(false);
    });
  });
});

// A few recordings through a real Mastra Agent on both lines: what users actually call.
const throughAgent = ["deepseek-reasoner-reasoning", "zai-glm-4.7-thinking", "together-deepseek-r1-think-tags"];
describe.each(mastraLines.map((line) => [line.name, line] as const))("Mastra %s agent", (_name, line: MastraLine) => {
  it.each(throughAgent)("streams %s", async (name) => {
    const recording = recordings.find((r) => r.name === name);
    if (!recording) throw new Error(`recording ${name} is missing`);
    server.reply({ body: recording.body, chunking: "random", seed: seedOf(name) });
    const agent = new line.Agent({
      id: "replay",
      name: "replay",
      instructions: "Answer.",
      model: createSynthetic({ baseURL: `${server.url}/openai/v1`, apiKey: "k" }).chatModel(recording.expected.model),
    });
    const result = await readFullStream(await agent.stream("Replay."));
    const edges = (value: string) => (recording.expected.thinkTags ? value.trim() : value);
    expect(result.errors).toEqual([]);
    expect(edges(result.text)).toBe(edges(recording.expected.text));
    expect(edges(result.reasoning)).toBe(edges(recording.expected.reasoning));
  });

  it("runs a recorded tool call, then answers with the next recording", async () => {
    const call = recordings.find((r) => r.name === "deepseek-reasoner-tool-call");
    const answer = recordings.find((r) => r.name === "deepseek-reasoner-reasoning");
    if (!call || !answer) throw new Error("recordings are missing");
    const createTool = await line.createTool();
    const received: unknown[] = [];
    const weather = createTool({
      id: "weather",
      description: "Weather for a location",
      inputSchema: z.object({ location: z.string() }),
      // Mastra 1.x passes the input first; 0.24 passes { context }.
      // biome-ignore lint/suspicious/noExplicitAny: the two lines' execute signatures differ.
      execute: async (arg: any) => {
        received.push(line.name === "1.x" ? arg : arg.context);
        return { forecast: "fog" };
      },
    });
    server.reply({ body: answer.body, chunking: "per-event" });
    server.queue({ body: call.body, chunking: "random", seed: seedOf(call.name) });
    const agent = new line.Agent({
      id: "replay-tools",
      name: "replay-tools",
      instructions: "Use tools.",
      model: createSynthetic({ baseURL: `${server.url}/openai/v1`, apiKey: "k" }).chatModel(call.expected.model),
      tools: { weather },
    });
    const result = await readFullStream(await agent.stream("Weather in San Francisco?"));
    expect(result.errors).toEqual([]);
    expect(received).toEqual([{ location: "San Francisco" }]);
    expect(result.text).toBe(answer.expected.text);
    // The second request carries the tool result back.
    const second = JSON.parse(server.requests.at(-1)?.body ?? "{}");
    expect(JSON.stringify(second.messages)).toContain("fog");
  });
});
