/**
 * Mastra 1.x only: the AgentController's model catalog (what Studio and the controller's model
 * pickers list) with the Synthetic gateway, with and without a key. Mastra's own gateways
 * (models.dev, Netlify) fetch their lists from the internet; here that fails fast, as offline.
 */
import { LoadAPIKeyError } from "@ai-sdk/provider";
import { Agent } from "@mastra/core/agent";
import { AgentController } from "@mastra/core/agent-controller";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listModels, syntheticGateway } from "../src";
import { useEmulator } from "./support/emulator";
import { readFullStream, withEnv } from "./support/mastra-lines";

const fixture = useEmulator({ apiKey: "k" });
// What the gateway lists: retired catalog models are left out.
const chatIds = listModels({ kind: "chat", retired: false }).map((model) => model.id);

beforeAll(() => {
  const realFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") {
      return Promise.reject(new TypeError(`fetch failed (offline test): ${url.hostname}`));
    }
    return realFetch(input, init);
  });
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterAll(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function controller(settings: Parameters<typeof syntheticGateway>[0] = {}) {
  const gateway = syntheticGateway({ baseURL: fixture.emulator.url, liveCatalog: false, ...settings });
  const agent = new Agent({ id: "agent", name: "agent", instructions: "x", model: "synthetic/hf:zai-org/GLM-4.6" });
  // biome-ignore lint/suspicious/noExplicitAny: Mastra types gateways with its own copy of the AI SDK types.
  return new AgentController({ id: "c", agent, modes: [{ id: "default" }], gateways: [gateway as any] });
}

type ListedModel = { id: string; provider: string; hasApiKey?: boolean; apiKeyEnvVar?: string };
const syntheticEntries = (models: ListedModel[]) => models.filter((model) => model.provider === "synthetic");

describe("AgentController.listAvailableModels (Mastra 1.x)", () => {
  it("without SYNTHETIC_API_KEY: lists Synthetic's models as not authenticated instead of rejecting", async () => {
    await withEnv({ SYNTHETIC_API_KEY: undefined }, async () => {
      const models = syntheticEntries(await controller().listAvailableModels());
      expect(models.map((model) => model.id)).toEqual(expect.arrayContaining(chatIds.map((id) => `synthetic/${id}`)));
      for (const model of models) {
        expect(model).toMatchObject({ hasApiKey: false, apiKeyEnvVar: "SYNTHETIC_API_KEY" });
      }
    });
  });

  it("with the key in the environment or in the gateway's settings: authenticated", async () => {
    await withEnv({ SYNTHETIC_API_KEY: "k" }, async () => {
      const models = syntheticEntries(await controller().listAvailableModels());
      expect(models.length).toBeGreaterThanOrEqual(chatIds.length);
      expect(models.every((model) => (model as { hasApiKey?: boolean }).hasApiKey === true)).toBe(true);
    });
    await withEnv({ SYNTHETIC_API_KEY: undefined }, async () => {
      const models = syntheticEntries(await controller({ apiKey: "k" }).listAvailableModels());
      expect(models.every((model) => (model as { hasApiKey?: boolean }).hasApiKey === true)).toBe(true);
    });
  });

  it("an actual call without a key still fails with the error naming SYNTHETIC_API_KEY, sending nothing", async () => {
    await withEnv({ SYNTHETIC_API_KEY: undefined }, async () => {
      const gateway = syntheticGateway({ baseURL: fixture.emulator.url, liveCatalog: false });
      const { Mastra } = await import("@mastra/core");
      const mastra = new Mastra({
        agents: {
          agent: new Agent({ id: "agent", name: "agent", instructions: "x", model: "synthetic/hf:zai-org/GLM-4.6" }),
        },
        // biome-ignore lint/suspicious/noExplicitAny: as above.
        gateways: { synthetic: gateway as any },
        logger: false,
      });
      const error = await mastra
        .getAgent("agent")
        .generate("hi")
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("SYNTHETIC_API_KEY");
      const { errors } = await readFullStream(await mastra.getAgent("agent").stream("hi"));
      expect(String((errors[0] as Error)?.message)).toContain("SYNTHETIC_API_KEY");
    });
    expect(fixture.chatBodies()).toHaveLength(0);
  });
});
