/**
 * Mastra 1.x with each AI SDK face of the package (V2 `mastra-synthetic`/`ai-v5`, V3 `ai-v6`,
 * V4 `ai-v7`): what 1.x does with each (warnings, options that reach the wire, usage details).
 * They come out the same, so the gateway hands both Mastra lines V2, the one face both handle
 * natively (issue 11 point 4; the CPU numbers are in the comment on
 * SyntheticGateway.resolveLanguageModel).
 */
import { Agent } from "@mastra/core/agent";
import { ModelRouterLanguageModel } from "@mastra/core/llm";
import { createTool } from "@mastra/core/tools";
import { ModelRouterLanguageModel as ModelRouter024 } from "@mastra/core-024/llm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod/v4";
import { SyntheticGateway } from "../src";
import { createSynthetic as createV2 } from "../src/ai-v5";
import { createSynthetic as createV3 } from "../src/ai-v6";
import { createSynthetic as createV4 } from "../src/ai-v7";
import { useEmulator } from "./support/emulator";
import { mastraLines, registerAgents } from "./support/mastra-lines";

const fixture = useEmulator({ apiKey: "k" });
const MODEL = "hf:zai-org/GLM-5.2"; // reasons, takes tools and reasoning_effort none/high/max

// biome-ignore lint/suspicious/noExplicitAny: each face's provider returns its own spec type.
type Any = any;
const faces = [
  { spec: "v2", create: createV2 as Any },
  { spec: "v3", create: createV3 as Any },
  { spec: "v4", create: createV4 as Any },
] as const;

let warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
beforeEach(() => {
  warnings = [];
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(" ")));
  process.on("warning", onWarning);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.off("warning", onWarning);
});

const weather = createTool({
  id: "weather",
  description: "Forecast for a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, forecast: "sunny" }),
});

function agentOn(spec: (typeof faces)[number]) {
  const model = spec.create({ baseURL: fixture.emulator.url, apiKey: "k" })(MODEL);
  expect(model.specificationVersion).toBe(spec.spec);
  return new Agent({ id: "agent", name: "agent", instructions: "x", model, tools: { weather } });
}

const settings = { maxOutputTokens: 300, seed: 7, stopSequences: ["END"], presencePenalty: 0.1, frequencyPenalty: 0.2 };

describe("Mastra 1.x with each face", () => {
  it.each(faces)(
    "$spec: a tool loop, generate and stream, the same results and wire bodies, no warning",
    async (face) => {
      fixture.emulator.script(
        { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }], reasoning: "Look it up." },
        { content: "Sunny in Paris.", reasoning: "Got it." },
        { content: "Streamed.", reasoning: "Again.", chunkSize: 3 },
      );
      const agent = agentOn(face);
      const result = await agent.generate("Weather in Paris?", { modelSettings: settings });
      const stream = await agent.stream("And now?", { modelSettings: settings });
      expect({
        text: result.text,
        reasoning: result.reasoningText,
        finishReason: result.finishReason,
        tools: result.toolResults.map((r: Any) => r.payload?.result ?? r.result),
        streamed: await stream.text,
        streamedReasoning: await stream.reasoningText,
      }).toEqual({
        text: "Sunny in Paris.",
        reasoning: "Look it up.Got it.",
        finishReason: "stop",
        tools: [{ city: "Paris", forecast: "sunny" }],
        streamed: "Streamed.",
        streamedReasoning: "Again.",
      });
      const bodies = fixture.chatBodies();
      expect(bodies).toHaveLength(3);
      for (const body of bodies) {
        expect(body).toMatchObject({
          max_tokens: 300,
          seed: 7,
          stop: ["END"],
          presence_penalty: 0.1,
          frequency_penalty: 0.2,
        });
      }
      expect(JSON.stringify(bodies[1]?.messages)).toContain("sunny");
      expect(warnings).toEqual([]);
    },
  );

  it("modelSettings.reasoning reaches the wire through every face (1.x passes it to all; its docs say V4 only)", async () => {
    const sent: Record<string, unknown> = {};
    for (const face of faces) {
      fixture.emulator.reset();
      await agentOn(face).generate("Think hard.", { modelSettings: { reasoning: "high" } });
      sent[face.spec] = fixture.chatBodies()[0]?.reasoning_effort;
    }
    expect(sent).toEqual({ v2: "high", v3: "high", v4: "high" });
    expect(warnings).toEqual([]);
  });

  it("usage details (cached input, reasoning tokens) reach Mastra's result from every face", async () => {
    const usage: Record<string, unknown> = {};
    for (const face of faces) {
      fixture.emulator.reset();
      fixture.emulator.script({
        rawBody: JSON.stringify({
          id: "c1",
          object: "chat.completion",
          created: 0,
          model: MODEL,
          choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
          usage: {
            prompt_tokens: 100,
            completion_tokens: 50,
            total_tokens: 150,
            prompt_tokens_details: { cached_tokens: 40 },
            completion_tokens_details: { reasoning_tokens: 20 },
          },
        }),
      });
      const result = await agentOn(face).generate("hi");
      const { inputTokens, outputTokens, cachedInputTokens, reasoningTokens } = result.usage as Any;
      usage[face.spec] = { inputTokens, outputTokens, cachedInputTokens, reasoningTokens };
    }
    const expected = { inputTokens: 100, outputTokens: 50, cachedInputTokens: 40, reasoningTokens: 20 };
    expect(usage).toEqual({ v2: expected, v3: expected, v4: expected });
  });
});

describe("the gateway hands both lines the V2 face", () => {
  const gatewayOn = () => new SyntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k", liveCatalog: false });
  const args = { modelId: "GLM-5.2", providerId: "hf:zai-org", apiKey: "k" };

  it("as 1.x's router asks (with `transport`) and as 0.24's does", async () => {
    const gateway = gatewayOn();
    expect((await gateway.resolveLanguageModel({ ...args, transport: "fetch" } as Any)).specificationVersion).toBe(
      "v2",
    );
    expect((await gateway.resolveLanguageModel(args)).specificationVersion).toBe("v2");
  });

  it("so modelSettings.reasoning works on synthetic/ strings in 1.x", async () => {
    const line = mastraLines[0];
    if (line?.name !== "1.x") throw new Error("mastraLines[0] must be 1.x");
    const agent = registerAgents(
      line,
      { agent: new line.Agent({ id: "agent", name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) },
      { gateways: { synthetic: gatewayOn() } },
    ).agents.agent;
    await agent.generate("Think hard.", { modelSettings: { reasoning: "high" } });
    const stream = await agent.stream("Again.", { modelSettings: { reasoning: "max" } });
    await stream.consumeStream();
    expect(fixture.chatBodies().map((body) => body.reasoning_effort)).toEqual(["high", "max"]);
    expect(warnings).toEqual([]);
  });

  it("both routers run the model they were handed", async () => {
    for (const router of [
      new ModelRouterLanguageModel(`synthetic/${MODEL}`, [gatewayOn() as Any]),
      new ModelRouter024(`synthetic/${MODEL}`, [gatewayOn() as Any]),
    ]) {
      fixture.emulator.script({ content: "routed" });
      const result = (await router.doGenerate({
        prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
      } as Any)) as Any;
      const stream = result.stream as ReadableStream<{ type: string; delta?: string }> | undefined;
      let text = "";
      if (stream) for await (const part of stream as Any) text += part.type === "text-delta" ? (part.delta ?? "") : "";
      else text = (result.content ?? []).map((part: Any) => part.text ?? "").join("");
      expect(text).toBe("routed");
    }
    expect(warnings).toEqual([]);
  });
});
