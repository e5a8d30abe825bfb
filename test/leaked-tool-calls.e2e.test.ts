/**
 * Tool calls written into the answer text, end to end: real leaked answers served over loopback
 * HTTP at the recorded suite's chunkings, streamed and not, on every face; and what must be left
 * alone. The scanner's own tests are in leaked-tool-calls.unit.test.ts.
 */
import type { LanguageModelV2CallOptions, LanguageModelV2FunctionTool } from "@ai-sdk/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSynthetic } from "../src";
import { createSynthetic as createV3 } from "../src/ai-v6";
import { createSynthetic as createV4 } from "../src/ai-v7";
import { type LeakedFixture, leakedBody, leakedFixtures, leakedStream, toolsFor } from "./support/leaked-fixtures";
import { type Chunking, type ReplayServer, readParts, startReplayServer } from "./support/replay-server";

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server?.close());

const baseURL = () => `${server.url}/openai/v1`;
const model = (id: string) => createSynthetic({ baseURL: baseURL(), apiKey: "k" }).chatModel(id);

function callOptions(
  fixture: LeakedFixture,
  extra: Partial<LanguageModelV2CallOptions> = {},
): LanguageModelV2CallOptions {
  const tools: LanguageModelV2FunctionTool[] = [...toolsFor(fixture)].map(([name, inputSchema]) => ({
    type: "function",
    name,
    inputSchema: inputSchema as LanguageModelV2FunctionTool["inputSchema"],
  }));
  return { prompt: [{ role: "user", content: [{ type: "text", text: "Go." }] }], tools, ...extra };
}

const seedOf = (name: string) => [...name].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7);
const notesOf = (metadata: unknown) =>
  (metadata as { synthetic?: { leakedToolCalls?: { outcome: string; form: string; message: string }[] } })?.synthetic
    ?.leakedToolCalls;

describe.each(leakedFixtures.map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
  const prefix = "I'll do that now.\n\n";
  const content = prefix + fixture.content;
  const expectedCalls = fixture.calls.map((call) => ({ name: call.name, input: call.input }));

  it.each(["per-event", "whole", "bytes", "random"] as Chunking[])(
    "doStream, chunked %s: tool-input and tool-call parts, finish tool-calls, the text before kept",
    async (chunking) => {
      server.reply({ body: leakedStream(fixture.model, content), chunking, seed: seedOf(fixture.name) });
      const { stream } = await model(fixture.model).doStream(callOptions(fixture));
      const parts = await readParts(stream as never);
      expect(parts.errors).toEqual([]);
      expect(parts.text).toBe(prefix + fixture.text);
      expect(parts.toolCalls.map((c) => ({ name: c.name, input: JSON.parse(c.input) }))).toEqual(expectedCalls);
      for (const call of parts.toolCalls) expect(parts.toolInputs[call.id]).toBe(call.input);
      expect(parts.types.filter((t) => t === "tool-input-start")).toHaveLength(expectedCalls.length);
      expect(parts.types.filter((t) => t === "tool-input-end")).toHaveLength(expectedCalls.length);
      expect(parts.finish?.finishReason).toBe("tool-calls");
      const notes = notesOf(parts.finish?.providerMetadata);
      expect(notes?.map((n) => [n.outcome, n.form])).toEqual(expectedCalls.map(() => ["recovered", fixture.form]));
      // The usual metadata is still there.
      expect(parts.finish?.providerMetadata).toMatchObject({ synthetic: { cost: { total: expect.any(Number) } } });
    },
  );

  it.each(["whole", "bytes", "random"] as Chunking[])(
    "doGenerate, chunked %s: the same calls, a warning naming the form per call",
    async (chunking) => {
      server.reply({
        body: leakedBody(fixture.model, content),
        chunking,
        seed: seedOf(fixture.name),
        contentType: "application/json",
      });
      const result = await model(fixture.model).doGenerate(callOptions(fixture));
      expect(result.content.filter((p) => p.type === "text")).toEqual([{ type: "text", text: prefix + fixture.text }]);
      expect(
        result.content.flatMap((p) =>
          p.type === "tool-call" ? [{ name: p.toolName, input: JSON.parse(p.input) }] : [],
        ),
      ).toEqual(expectedCalls);
      expect(result.finishReason).toBe("tool-calls");
      const warnings = result.warnings.filter((w) => w.type === "other");
      expect(warnings).toHaveLength(expectedCalls.length);
      for (const warning of warnings) expect(warning.type === "other" && warning.message).toContain(fixture.form);
      expect(notesOf(result.providerMetadata)).toHaveLength(expectedCalls.length);
    },
  );

  it("is left alone without tools: text byte for byte, finish stop, no note", async () => {
    server.reply({ body: leakedStream(fixture.model, content), chunking: "bytes" });
    const { stream } = await model(fixture.model).doStream({ ...callOptions(fixture), tools: undefined });
    const parts = await readParts(stream as never);
    expect(parts.text).toBe(content);
    expect(parts.toolCalls).toEqual([]);
    expect(parts.finish?.finishReason).toBe("stop");
    expect(notesOf(parts.finish?.providerMetadata)).toBeUndefined();

    server.reply({ body: leakedBody(fixture.model, content), contentType: "application/json" });
    const result = await model(fixture.model).doGenerate({ ...callOptions(fixture), tools: undefined });
    expect(result.content).toEqual([{ type: "text", text: content }]);
    expect(result.warnings).toEqual([]);
  });
});

describe("left as text", () => {
  const fixture = leakedFixtures.find((f) => f.form === "xtml");
  if (!fixture) throw new Error("the xtml fixture is missing");

  it("a call to a tool the request did not offer is never handed over, and says so", async () => {
    const options = callOptions(fixture, {
      tools: [{ type: "function", name: "read_file", inputSchema: { type: "object" } }],
    });
    server.reply({ body: leakedStream(fixture.model, fixture.content, 3), chunking: "bytes" });
    const parts = await readParts((await model(fixture.model).doStream(options)).stream as never);
    expect(parts.text).toBe(fixture.content);
    expect(parts.toolCalls).toEqual([]);
    expect(parts.finish?.finishReason).toBe("stop");
    expect(notesOf(parts.finish?.providerMetadata)).toMatchObject([{ outcome: "tool-not-offered" }]);

    server.reply({ body: leakedBody(fixture.model, fixture.content), contentType: "application/json" });
    const result = await model(fixture.model).doGenerate(options);
    expect(result.content).toEqual([{ type: "text", text: fixture.content }]);
    expect(result.warnings).toMatchObject([{ type: "other", message: expect.stringContaining("did not offer") }]);
  });

  it("with toolChoice none, and with providerOptions.synthetic.recoverLeakedToolCalls false", async () => {
    for (const extra of [
      { toolChoice: { type: "none" } },
      { providerOptions: { synthetic: { recoverLeakedToolCalls: false } } },
    ] as Partial<LanguageModelV2CallOptions>[]) {
      server.reply({ body: leakedStream(fixture.model, fixture.content), chunking: "random", seed: 3 });
      const parts = await readParts((await model(fixture.model).doStream(callOptions(fixture, extra))).stream as never);
      expect(parts.text).toBe(fixture.content);
      expect(parts.toolCalls).toEqual([]);
      server.reply({ body: leakedBody(fixture.model, fixture.content), contentType: "application/json" });
      const result = await model(fixture.model).doGenerate(callOptions(fixture, extra));
      expect(result.content).toEqual([{ type: "text", text: fixture.content }]);
      expect(result.warnings).toEqual([]);
    }
  });

  it("markup cut off at the end of the stream comes out as text, with a note in the finish", async () => {
    const cut = `Reading it.${fixture.content.slice(0, 120)}`;
    server.reply({ body: leakedStream(fixture.model, cut), chunking: "bytes" });
    const parts = await readParts((await model(fixture.model).doStream(callOptions(fixture))).stream as never);
    expect(parts.text).toBe(cut);
    expect(parts.toolCalls).toEqual([]);
    expect(parts.finish?.finishReason).toBe("stop");
    expect(notesOf(parts.finish?.providerMetadata)).toMatchObject([
      { outcome: "cut-off", form: "xtml", message: expect.stringContaining("kept as text") },
    ]);

    server.reply({ body: leakedBody(fixture.model, cut), contentType: "application/json" });
    const result = await model(fixture.model).doGenerate(callOptions(fixture));
    expect(result.content).toEqual([{ type: "text", text: cut }]);
    expect(result.warnings).toMatchObject([{ type: "other", message: expect.stringContaining("kept as text") }]);
  });

  it("a model whose catalog entry lists other forms is left alone", async () => {
    // Llama's entry lists none of these forms.
    server.reply({
      body: leakedBody("hf:meta-llama/Llama-3.3-70B-Instruct", fixture.content),
      contentType: "application/json",
    });
    const result = await model("hf:meta-llama/Llama-3.3-70B-Instruct").doGenerate(callOptions(fixture));
    expect(result.content).toEqual([{ type: "text", text: fixture.content }]);
  });
});

describe("faces V3 and V4", () => {
  const fixture = leakedFixtures.find((f) => f.form === "kimi-k2");
  if (!fixture) throw new Error("the kimi-k2 fixture is missing");
  it.each([
    ["V3", () => createV3({ baseURL: baseURL(), apiKey: "k" })(fixture.model)],
    ["V4", () => createV4({ baseURL: baseURL(), apiKey: "k" })(fixture.model)],
  ] as const)("%s: recovered calls, a warning, finish tool-calls", async (_face, build) => {
    const face = build() as unknown as {
      doGenerate(options: unknown): Promise<{
        content: { type: string; toolName?: string; input?: string }[];
        warnings: { type: string; message?: string }[];
        finishReason: unknown;
      }>;
      doStream(options: unknown): Promise<{ stream: ReadableStream }>;
    };
    server.reply({ body: leakedBody(fixture.model, fixture.content), contentType: "application/json" });
    const result = await face.doGenerate(callOptions(fixture));
    expect(result.content.filter((p) => p.type === "tool-call").map((p) => p.toolName)).toEqual(
      fixture.calls.map((c) => c.name),
    );
    expect(result.warnings).toMatchObject([{ type: "other", message: expect.stringContaining("kimi-k2") }]);
    expect(JSON.stringify(result.finishReason)).toContain("tool-calls");

    server.reply({ body: leakedStream(fixture.model, fixture.content), chunking: "bytes" });
    const parts = await readParts((await face.doStream(callOptions(fixture))).stream as never);
    expect(parts.toolCalls.map((c) => c.name)).toEqual(fixture.calls.map((c) => c.name));
    expect(JSON.stringify(parts.finish?.finishReason)).toContain("tool-calls");
  });
});
