/** The gateway as Mastra's router and registry see it: provider listing, id parsing, routing of every catalog id. */
import { ModelRouterLanguageModel } from "@mastra/core/llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listModels, SyntheticGateway, syntheticGateway } from "../src";
import { type SyntheticEmulator, startSyntheticEmulator } from "../src/testing";
import { withEnv } from "./support/mastra-lines";

let emulator: SyntheticEmulator;
beforeAll(async () => {
  emulator = await startSyntheticEmulator({ apiKey: "k" });
});
afterAll(() => emulator.close());

const chatIds = listModels({ kind: "chat" }).map((m) => m.id);

describe("fetchProviders", () => {
  it("describes every catalog chat model under the synthetic provider, as Mastra's registry keys them", async () => {
    const providers = await syntheticGateway({ baseURL: emulator.url, apiKey: "k" }).fetchProviders();
    expect(Object.keys(providers)).toEqual(["synthetic"]);
    const config = providers.synthetic;
    expect(config).toMatchObject({ gateway: "synthetic", apiKeyEnvVar: "SYNTHETIC_API_KEY", url: emulator.url });
    // Mastra keys a provider whose id equals the gateway id as the gateway id itself, so the
    // generated router ids are `synthetic/<model>`: exactly what users write.
    expect(config?.models).toEqual(expect.arrayContaining(chatIds));
    expect(config?.models).not.toContain("hf:nomic-ai/nomic-embed-text-v1.5");
  });
});

describe("Mastra 1.x router", () => {
  it.each(chatIds)("routes synthetic/%s through this gateway to the right model", async (id) => {
    const gateway = new SyntheticGateway({ baseURL: emulator.url, apiKey: "k" });
    const router = new ModelRouterLanguageModel(`synthetic/${id}`, [gateway]);
    expect(router.gatewayId).toBe("synthetic");
    emulator.script({ content: `hello from ${id}` });
    // Mastra types doGenerate as its error-stream shape; a successful call returns the model's result.
    const result = (await router.doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
    })) as unknown as {
      content: unknown[];
    };
    expect(result.content).toContainEqual({ type: "text", text: `hello from ${id}` });
    expect(emulator.lastRequest()?.body).toMatchObject({ model: id });
  });

  it("routes syn: aliases (two-part ids) to the alias", async () => {
    const router = new ModelRouterLanguageModel("synthetic/syn:large:text", [
      new SyntheticGateway({ baseURL: emulator.url, apiKey: "k" }),
    ]);
    emulator.script({ content: "alias" });
    await router.doGenerate({ prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
    expect(emulator.lastRequest()?.body).toMatchObject({ model: "syn:large:text" });
  });
});

describe("getApiKey", () => {
  it("reads SYNTHETIC_API_KEY at call time and names it when missing", async () => {
    await withEnv({ SYNTHETIC_API_KEY: undefined }, async () => {
      await expect(new SyntheticGateway().getApiKey("synthetic/hf:a/b")).rejects.toThrow(/SYNTHETIC_API_KEY/);
    });
    await withEnv({ SYNTHETIC_API_KEY: "from-env" }, async () => {
      expect(await new SyntheticGateway().getApiKey("synthetic/hf:a/b")).toMatch(/^from-env/);
    });
  });

  it("keeps two gateways with different settings apart in Mastra's model cache", async () => {
    const other = await startSyntheticEmulator({ apiKey: "k" });
    try {
      for (const target of [emulator, other, emulator]) {
        const router = new ModelRouterLanguageModel("synthetic/hf:zai-org/GLM-4.6", [
          new SyntheticGateway({ baseURL: target.url, apiKey: "k" }),
        ]);
        target.script({ content: "routed" });
        const before = target.requests.length;
        await router.doGenerate({ prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
        expect(target.requests.length).toBe(before + 1);
      }
    } finally {
      await other.close();
    }
  });
});
