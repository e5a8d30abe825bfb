/**
 * The seed page's examples, end to end through real Mastra agents of both lines, against the
 * emulator on loopback: generate, stream, gateway string ids, standalone `synthetic(...)`,
 * custom headers, dynamic selection, missing key.
 */

import { AISDKError, LoadAPIKeyError } from "@ai-sdk/provider";
import { describe, expect, it, vi } from "vitest";
import { createSynthetic, dynamicModel, SyntheticConfigurationError, syntheticGateway } from "../src";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream, registerAgents, withEnv } from "./support/mastra-lines";

const KEY = "sk-e2e-test-key";
// Wire behaviours only retired catalog models show (the think-tag model (MiniMax-M2) and the plain one (DeepSeek-V3)): the emulator
// serves them here; Synthetic itself refuses them (test/emulator-served-models.e2e.test.ts).
const fixture = useEmulator({ apiKey: KEY, retiredModels: "serve" });

const chatRequests = () => fixture.emulator.requests.filter((r) => r.path.endsWith("/chat/completions"));

describe.each(mastraLines)("Mastra $name", (line) => {
  const gatewayAgent = (model: unknown, gateway = syntheticGateway({ baseURL: fixture.emulator.url, apiKey: KEY })) =>
    registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "You are a helpful assistant", model }) },
      { gateways: { synthetic: gateway } },
    ).agents.agent;

  it("does not retry a configuration error: one model call, no request, an AI SDK error with the fix", async () => {
    const model = createSynthetic({ baseURL: fixture.emulator.url, apiKey: KEY })("hf:zai-org/GLM-5.2");
    const calls = vi.spyOn(model, "doGenerate");
    const agent = new line.Agent({ name: "agent", instructions: "x", model });
    const error = await agent
      .generate("hi", { providerOptions: { synthetic: { reasoningEffort: "medium" } } })
      .catch((e: unknown) => e);
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect(AISDKError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/does not accept reasoningEffort "medium"\. Use one of:/);
    // Mastra 1.x retries model errors that are not APICallErrors, except TypeErrors (p-retry).
    expect(calls).toHaveBeenCalledTimes(1);
    expect(chatRequests()).toHaveLength(0);
  });

  it("generates through the gateway from a synthetic/ string id", async () => {
    const agent = gatewayAgent("synthetic/hf:MiniMaxAI/MiniMax-M2");
    fixture.emulator.script({ content: "Hi! How can I help?", reasoning: "A greeting." });
    const result = await agent.generate("Hello!");
    expect(result.text).toBe("Hi! How can I help?");
    expect(result.reasoningText).toBe("A greeting.");
    const [request] = chatRequests();
    expect(request?.body).toMatchObject({
      model: "hf:MiniMaxAI/MiniMax-M2",
      messages: [
        { role: "system", content: "You are a helpful assistant" },
        { role: "user", content: "Hello!" },
      ],
    });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers["user-agent"]).toMatch(/mastra-synthetic\/\d+\.\d+\.\d+/);
  });

  it("streams text through textStream, with usage requested", async () => {
    const agent = gatewayAgent("synthetic/hf:zai-org/GLM-4.6");
    // A few ms between events, as a model streams: each arrives in a read of its own.
    fixture.emulator.script({
      content: "Once upon a time, a model streamed.",
      chunkSize: 4,
      chunkDelayMs: 5,
      reasoning: "",
    });
    const stream = await agent.stream("Tell me a story");
    let text = "";
    let chunks = 0;
    for await (const delta of stream.textStream) {
      text += delta;
      chunks++;
    }
    expect(text).toBe("Once upon a time, a model streamed.");
    expect(chunks).toBeGreaterThan(3);
    expect(chatRequests()[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  // Mastra 0.24's agent stream on Node 24 dropped deltas that reached it back to back; events sent
  // without pauses arrive in few reads, the case that lost text. Run on Node 20, 22 and 24.
  it("loses no text of a burst of events", async () => {
    const agent = gatewayAgent("synthetic/hf:zai-org/GLM-4.6");
    const content = "Once upon a time, a model streamed. ".repeat(20);
    for (const chunkSize of [1, 4, 64]) {
      fixture.emulator.script({ content, chunkSize, reasoning: "" });
      const stream = await agent.stream("Tell me a story");
      let text = "";
      for await (const delta of stream.textStream) text += delta;
      expect(text, `chunkSize ${chunkSize}`).toBe(content);
    }
  });

  it("streams typed parts through fullStream, reasoning separate from text", async () => {
    const agent = gatewayAgent("synthetic/hf:moonshotai/Kimi-K2-Thinking");
    fixture.emulator.script({ content: "Forty-two.", reasoning: "Deep thought." });
    const { text, reasoning, types } = await readFullStream(await agent.stream("Meaning of life?"));
    expect(text).toBe("Forty-two.");
    expect(reasoning).toBe("Deep thought.");
    expect(types).toContain("reasoning-delta");
    expect(types.indexOf("reasoning-delta")).toBeLessThan(types.indexOf("text-delta"));
    expect(types.at(-1)).toBe("finish");
  });

  it("routes syn: aliases and on-demand ids outside the catalog", async () => {
    const agent = gatewayAgent("synthetic/hf:someone/on-demand-model");
    fixture.emulator.script({ content: "on demand" });
    expect((await agent.generate("hi")).text).toBe("on demand");
    expect(chatRequests()[0]?.body).toMatchObject({ model: "hf:someone/on-demand-model" });
  });

  it("runs a standalone agent built with synthetic(...) (no Mastra instance)", async () => {
    const synthetic = createSynthetic({ baseURL: fixture.emulator.url, apiKey: KEY });
    const agent = new line.Agent({ name: "solo", instructions: "x", model: synthetic("hf:deepseek-ai/DeepSeek-V3") });
    fixture.emulator.script({ content: "standalone works" });
    expect((await agent.generate("hi")).text).toBe("standalone works");
  });

  it("sends custom headers set on createSynthetic", async () => {
    const synthetic = createSynthetic({
      baseURL: fixture.emulator.url,
      apiKey: KEY,
      headers: { "X-Custom-Header": "value" },
    });
    const agent = new line.Agent({ name: "h", instructions: "x", model: synthetic("hf:MiniMaxAI/MiniMax-M2") });
    await agent.generate("hi");
    expect(chatRequests()[0]?.headers["x-custom-header"]).toBe("value");
  });

  it("sends custom headers set on the gateway", async () => {
    const agent = gatewayAgent(
      "synthetic/hf:MiniMaxAI/MiniMax-M2",
      syntheticGateway({ baseURL: fixture.emulator.url, apiKey: KEY, headers: { "X-Custom-Header": "gateway" } }),
    );
    await agent.generate("hi");
    expect(chatRequests()[0]?.headers["x-custom-header"]).toBe("gateway");
  });

  it("supports the seed's { url, id, apiKey, headers } model config (Mastra's own route)", async () => {
    // The seed page writes the older `/v1` base; Synthetic serves both.
    const agent = new line.Agent({
      name: "custom-agent",
      instructions: "x",
      model: {
        url: `${fixture.emulator.origin}/v1`,
        id: "synthetic/hf:MiniMaxAI/MiniMax-M2",
        apiKey: KEY,
        headers: { "X-Custom-Header": "value" },
      },
    });
    fixture.emulator.script({ content: "custom config" });
    expect((await agent.generate("hi")).text).toContain("custom config");
    const [request] = chatRequests();
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers["x-custom-header"]).toBe("value");
    expect(request?.body).toMatchObject({ model: "hf:MiniMaxAI/MiniMax-M2" });
  });

  it("runs the seed's dynamic selector verbatim, with the value set by ctx.set", async () => {
    const synthetic = createSynthetic({ baseURL: fixture.emulator.url, apiKey: KEY });
    const agent = new line.Agent({
      name: "dynamic-agent",
      instructions: "x",
      model: dynamicModel(
        // biome-ignore lint/suspicious/noExplicitAny: the seed's selector, as written there.
        ({ runtimeContext }: any) => {
          const useAdvanced = runtimeContext.task === "complex";
          return useAdvanced ? "synthetic/hf:zai-org/GLM-4.6" : "synthetic/hf:MiniMaxAI/MiniMax-M2";
        },
        synthetic,
      ),
    });
    const complex = line.newContext();
    complex.set("task", "complex");
    await agent.generate("hard question", line.contextOptions(complex));
    await agent.generate("easy question", line.contextOptions(line.newContext()));
    const models = chatRequests().map((r) => (r.body as { model: string }).model);
    expect(models).toEqual(["hf:zai-org/GLM-4.6", "hf:MiniMaxAI/MiniMax-M2"]);
  });

  it("gives the selector the same context as requestContext, readable with .get()", async () => {
    const synthetic = createSynthetic({ baseURL: fixture.emulator.url, apiKey: KEY });
    const seen: unknown[] = [];
    const agent = new line.Agent({
      name: "dynamic-get",
      instructions: "x",
      model: dynamicModel(({ requestContext, runtimeContext }) => {
        seen.push(requestContext.get("tier"), runtimeContext.tier, requestContext === runtimeContext);
        return "hf:deepseek-ai/DeepSeek-V3";
      }, synthetic),
    });
    const context = line.newContext();
    context.set("tier", "pro");
    await agent.generate("hi", line.contextOptions(context));
    // Mastra may resolve the model more than once per call; every resolution must see the value.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < seen.length; i += 3) expect(seen.slice(i, i + 3)).toEqual(["pro", "pro", true]);
  });

  it("fails with an error naming SYNTHETIC_API_KEY when no key is set, before any request", async () => {
    await withEnv({ SYNTHETIC_API_KEY: undefined }, async () => {
      const agent = gatewayAgent(
        "synthetic/hf:MiniMaxAI/MiniMax-M2",
        syntheticGateway({ baseURL: fixture.emulator.url }),
      );
      const error = await agent.generate("hi").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("SYNTHETIC_API_KEY");
      const { errors } = await readFullStream(await agent.stream("hi"));
      expect(String((errors[0] as Error)?.message)).toContain("SYNTHETIC_API_KEY");
    });
    expect(chatRequests()).toHaveLength(0);
  });

  it("reads the key from SYNTHETIC_API_KEY at request time, not at import", async () => {
    const agent = gatewayAgent(
      "synthetic/hf:MiniMaxAI/MiniMax-M2",
      syntheticGateway({ baseURL: fixture.emulator.url }),
    );
    await withEnv({ SYNTHETIC_API_KEY: KEY }, async () => {
      fixture.emulator.script({ content: "key from env" });
      expect((await agent.generate("hi")).text).toBe("key from env");
    });
  });
});

describe("Mastra 1.x only", () => {
  const line = mastraLines[0];
  if (line?.name !== "1.x") throw new Error("mastraLines[0] must be 1.x");

  it("registers the gateway with mastra.addGateway", async () => {
    const { mastra, agents } = registerAgents(line, {
      agent: new line.Agent({ name: "agent", instructions: "x", model: "synthetic/hf:MiniMaxAI/MiniMax-M2" }),
    });
    mastra.addGateway(syntheticGateway({ baseURL: fixture.emulator.url, apiKey: KEY }));
    fixture.emulator.script({ content: "added later" });
    expect((await agents.agent.generate("hi")).text).toBe("added later");
    expect(chatRequests()).toHaveLength(1);
  });

  it("turns a synthetic/ string without hf:/syn: into an error naming the retired model and its successor", async () => {
    const agent = registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: "synthetic/MiniMax-M2" }) },
      { gateways: { synthetic: syntheticGateway({ baseURL: fixture.emulator.url, apiKey: KEY }) } },
    ).agents.agent;
    const error = await agent.generate("hi").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'hf:MiniMaxAI/MiniMax-M2 was retired by Synthetic (recorded 2026-06-23); use syn:large:text (currently hf:zai-org/GLM-5.3-Flash). Did you mean "syn:large:text"?',
    );
    expect(chatRequests()).toHaveLength(0);
  });
});
