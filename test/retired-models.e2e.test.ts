/**
 * `retiredModels`: by default a retired id is sent as asked (Synthetic's refusal then names the
 * successor); `"follow"` sends the catalog's current successor with a warning naming both,
 * through the provider, ai's generateText and a Mastra agent routed by the gateway.
 */
import { generateText } from "ai";
import { describe, expect, it } from "vitest";
import { createSynthetic, currentSuccessor, listModels, SyntheticConfigurationError, syntheticGateway } from "../src";
import { useEmulator } from "./support/emulator";
import { mastraLines, registerAgents } from "./support/mastra-lines";

// Serves retired ids, so the scripted refusal below is what answers (not the emulator's own).
const fixture = useEmulator({ retiredModels: "serve" });
const retired = listModels({ kind: "chat", retired: true }).find((m) => currentSuccessor(m.id))?.id ?? "";
const successor = currentSuccessor(retired)?.id ?? "";
const sentModels = () => fixture.chatBodies().map((body) => body.model);

describe("retiredModels", () => {
  it("the catalog has a retired chat model with a current successor to test with", () => {
    expect(retired).toMatch(/^hf:/);
    expect(successor).not.toBe("");
    expect(successor).not.toBe(retired);
  });

  it('default ("send"): the retired id goes out as asked; a refusal names the successor', async () => {
    fixture.emulator.script({ status: 404, error: `Model ${retired} not found` });
    const error = await generateText({ model: fixture.provider()(retired), prompt: "hi" }).catch((e: unknown) => e);
    expect(sentModels()).toEqual([retired]);
    expect(String((error as Error).message).toLowerCase()).toContain(`use ${successor}`.toLowerCase());
  });

  it('"follow": the current successor goes out, with a warning naming both', async () => {
    const model = fixture.provider({ retiredModels: "follow" })(retired);
    expect(model.modelId).toBe(successor);
    const result = await generateText({ model, prompt: "hi" });
    expect(sentModels()).toEqual([successor]);
    expect(result.warnings).toEqual([
      {
        type: "other",
        message: `${retired} was retired by Synthetic; sent its current successor ${successor} instead (retiredModels: "follow").`,
      },
    ]);
  });

  it('"follow" leaves current and unlisted models alone', async () => {
    const provider = fixture.provider({ retiredModels: "follow" });
    await generateText({ model: provider(successor), prompt: "hi" });
    await generateText({ model: provider("hf:someone/unlisted-model"), prompt: "hi" });
    expect(sentModels()).toEqual([successor, "hf:someone/unlisted-model"]);
  });

  it("rejects an unknown value at creation, naming the choices", () => {
    expect(() => createSynthetic({ retiredModels: "upgrade" as never })).toThrow(SyntheticConfigurationError);
    expect(() => createSynthetic({ retiredModels: "upgrade" as never })).toThrow(/"send" or "follow"/);
  });

  it.each(mastraLines)('Mastra $name agent through the gateway with retiredModels: "follow"', async (line) => {
    const { agents } = registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${retired}` }) },
      {
        gateways: {
          synthetic: syntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k", retiredModels: "follow" }),
        },
      },
    );
    await agents.agent.generate("hi");
    expect(sentModels()).toEqual([successor]);
  });
});
