/**
 * The seed's object form, `model: { url, id: "synthetic/hf:Owner/Name", apiKey, headers }`, in a
 * Mastra that registers this package's gateway, on both lines.
 *
 * Neither line asks a registered gateway about a config with `url`: ModelRouterLanguageModel
 * (1.x: dist/llm-*.js `resolveLanguageModel`, `if (this.config.url)`; 0.24: the same method in
 * its router chunk) builds its own `createOpenAICompatible({ name: providerId, baseURL: url })
 * .chatModel(modelId)` from `parseModelRouterId(id, "synthetic")`, which splits
 * `synthetic/hf:Owner/Name` into providerId `hf:Owner` and modelId `Name`. Only `getId()` /
 * `shouldEnable()` of the gateway run, without the model, so nothing in the package can see or
 * fix that request. The first test pins this down (it fails, and tells, if Mastra starts handing
 * such configs to the gateway); the second proves the package's spelling of the same intent:
 * one model object with its own base URL, key and headers.
 */
import { describe, expect, it } from "vitest";
import { createSynthetic, syntheticGateway } from "../src";
import { useEmulator } from "./support/emulator";
import { mastraLines, registerAgents } from "./support/mastra-lines";

const fixture = useEmulator({ apiKey: "sk-object-form" });
const headers = { "X-Custom-Header": "value" };

describe.each(mastraLines)("Mastra $name", (line) => {
  it("sends { url, id, apiKey, headers } past a registered gateway, with the id split by Mastra's router", async () => {
    const gateway = syntheticGateway({ baseURL: "http://127.0.0.1:9/unused", apiKey: "other", liveCatalog: false });
    let asked = 0;
    const resolve = gateway.resolveLanguageModel.bind(gateway);
    gateway.resolveLanguageModel = (args) => {
      asked++;
      return resolve(args);
    };
    const model = { url: fixture.emulator.url, id: "synthetic/hf:zai-org/GLM-5.2", apiKey: "sk-object-form", headers };
    const { agents } = registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model }) },
      { gateways: { synthetic: gateway } },
    );
    const outcome = await agents.agent.generate("hi").then(
      () => "answered",
      (error: unknown) => String((error as Error).message),
    );
    const request = fixture.emulator.lastRequest();
    expect(request?.path).toBe("/openai/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-object-form");
    expect(request?.headers["x-custom-header"]).toBe("value");
    expect((request?.body as { model?: string } | undefined)?.model).toBe("GLM-5.2");
    // Synthetic (and the emulator) answer 400 "Your model name should start with an hf: prefix".
    expect(outcome).not.toBe("answered");
    expect(asked).toBe(0);
  });

  it("the package's spelling reaches the same URL with the key and header, the whole id, through the package", async () => {
    const synthetic = createSynthetic({ baseURL: fixture.emulator.url, apiKey: "sk-object-form", headers });
    const { agents } = registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: synthetic("hf:zai-org/GLM-5.2") }) },
      { gateways: { synthetic: syntheticGateway({ liveCatalog: false }) } },
    );
    fixture.emulator.script({ reasoning: "Think first.", content: "ok" });
    const result = await agents.agent.generate("hi");
    const request = fixture.emulator.lastRequest();
    expect(request?.path).toBe("/openai/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-object-form");
    expect(request?.headers["x-custom-header"]).toBe("value");
    expect((request?.body as { model?: string } | undefined)?.model).toBe("hf:zai-org/GLM-5.2");
    expect(result.text).toBe("ok");
    expect(result.reasoningText).toBe("Think first.");
    expect(result.providerMetadata?.synthetic?.cost).toEqual({
      input: expect.any(Number),
      output: expect.any(Number),
      total: expect.any(Number),
    });
  });
});
