/**
 * The gateway as both Mastra lines' routers and registries see it: provider listing, capability
 * hooks, auth, id parsing, routing of every catalog id, per-instance separation.
 */

import { LoadAPIKeyError } from "@ai-sdk/provider";
import { ModelRouterLanguageModel } from "@mastra/core/llm";
import { ModelRouterLanguageModel as ModelRouter024 } from "@mastra/core-024/llm";
import { describe, expect, it } from "vitest";
import { listModels, SyntheticGateway, syntheticGateway } from "../src";
import { type SyntheticEmulator, startSyntheticEmulator } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { withEnv } from "./support/mastra-lines";

const fixture = useEmulator({ apiKey: "k" });

const chatModels = listModels({ kind: "chat" });
const chatIds = chatModels.map((m) => m.id);
const currentChatIds = listModels({ kind: "chat", retired: false }).map((m) => m.id);
const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];

// biome-ignore lint/suspicious/noExplicitAny: each line's router takes its own copy of the gateway type.
type Any = any;
const routers = [
  { line: "1.x", route: (id: string, gateways: unknown[]) => new ModelRouterLanguageModel(id, gateways as Any) },
  { line: "0.24", route: (id: string, gateways: unknown[]) => new ModelRouter024(id, gateways as Any) },
] as const;

/** Runs one generate call through a router and returns the model id the emulator received. */
async function routedModel(router: { doGenerate(options: Any): PromiseLike<unknown> }, target = fixture.emulator) {
  target.script({ content: "routed" });
  // Chat requests only: the gateway's models also read /models (the live catalog) once per TTL.
  const chats = () => target.requests.filter((r) => r.path.endsWith("/chat/completions"));
  const before = chats().length;
  await router.doGenerate({ prompt });
  expect(chats().length).toBe(before + 1);
  return (chats().at(-1)?.body as { model?: string } | undefined)?.model;
}

describe("fetchProviders", () => {
  it("describes every catalog chat model under the synthetic provider, as Mastra's registry keys them", async () => {
    const providers = await syntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k" }).fetchProviders();
    expect(Object.keys(providers)).toEqual(["synthetic"]);
    const config = providers.synthetic;
    expect(config).toMatchObject({
      gateway: "synthetic",
      apiKeyEnvVar: "SYNTHETIC_API_KEY",
      url: fixture.emulator.url,
    });
    // Mastra keys a provider whose id equals the gateway id as the gateway id itself, so the
    // generated router ids are `synthetic/<model>`: exactly what users write.
    // What /models lists: current models only, as Synthetic serves them.
    expect([...(config?.models ?? [])].sort()).toEqual([...currentChatIds].sort());
    expect(config?.models).not.toContain("hf:nomic-ai/nomic-embed-text-v1.5");
  });
});

describe("capability hooks (what Mastra 1.x's registry sync writes to its capability file for 'synthetic')", () => {
  const gateway = syntheticGateway({ liveCatalog: false, apiKey: "k" });

  it("lists every chat model as taking temperature/topP", () => {
    expect(gateway.getTemperatureCapabilities()).toEqual({ synthetic: chatIds });
  });

  it("lists image input and native structured output from the catalog", () => {
    const attachments = gateway.getAttachmentCapabilities().synthetic;
    const structured = gateway.getStructuredOutputCapabilities().synthetic;
    for (const model of chatModels) {
      expect(attachments?.includes(model.id), model.id).toBe(model.input.includes("image"));
      expect(structured?.includes(model.id), model.id).toBe(model.structuredOutputs);
    }
    expect(attachments?.length).toBeGreaterThan(0);
  });

  it("describes the models fetchProviders() listed (live /models included) and retired catalog models too", async () => {
    const live = syntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k" });
    const listed = (await live.fetchProviders()).synthetic?.models ?? [];
    const described = live.getTemperatureCapabilities().synthetic;
    expect(described).toEqual(expect.arrayContaining([...listed, ...chatIds]));
    expect(new Set(described).size).toBe(described?.length);
  });
});

/** How each line's router takes a catalog id: 0.24's parser needs `synthetic/syn/alias` for aliases. */
const routerString = (line: string, id: string) =>
  line === "0.24" && id.startsWith("syn:") ? `synthetic/syn/${id.slice(4)}` : `synthetic/${id}`;

describe.each(routers)("Mastra $line router", ({ line, route }) => {
  // Current models: the emulator refuses retired ones, as Synthetic does.
  it.each(currentChatIds)("routes %s through this gateway to the right model", async (id) => {
    const router = route(routerString(line, id), [
      new SyntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k" }),
    ]);
    expect(await routedModel(router)).toBe(id);
  });

  it("routes synthetic/syn/alias (the spelling 0.24's parser splits) to syn:alias", async () => {
    const router = route("synthetic/syn/large:text", [
      new SyntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k" }),
    ]);
    expect(await routedModel(router)).toBe("syn:large:text");
  });

  it("keeps two gateways with different settings but the same key apart", async () => {
    const other = await startSyntheticEmulator({ apiKey: "k" });
    try {
      for (const target of [fixture.emulator, other, fixture.emulator, other]) {
        const router = route("synthetic/hf:zai-org/GLM-5.2", [
          new SyntheticGateway({ baseURL: target.url, apiKey: "k", liveCatalog: false }),
        ]);
        expect(await routedModel(router, target)).toBe("hf:zai-org/GLM-5.2");
      }
    } finally {
      await other.close();
    }
  });

  it("keeps them apart under concurrent calls", async () => {
    const other = await startSyntheticEmulator({ apiKey: "k" });
    try {
      const gateways = [fixture.emulator, other].map(
        (target) => new SyntheticGateway({ baseURL: target.url, apiKey: "k" }),
      );
      const chats = (target: SyntheticEmulator) =>
        target.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
      const before = [chats(fixture.emulator), chats(other)];
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          route("synthetic/hf:zai-org/GLM-5.3-Flash", [gateways[i % 2]]).doGenerate({ prompt }),
        ),
      );
      expect([chats(fixture.emulator) - (before[0] ?? 0), chats(other) - (before[1] ?? 0)]).toEqual([6, 6]);
    } finally {
      await other.close();
    }
  });

  it(`hands the router the plain key (${line})`, async () => {
    let seen: string | undefined;
    const gateway = new SyntheticGateway({ baseURL: fixture.emulator.url, apiKey: "plain-key" });
    const resolve = gateway.resolveLanguageModel.bind(gateway);
    gateway.resolveLanguageModel = (args) => {
      seen = args.apiKey;
      return resolve(args);
    };
    await route("synthetic/hf:zai-org/GLM-5.1", [gateway])
      .doGenerate({ prompt })
      .then(undefined, () => undefined);
    expect(seen).toBe("plain-key");
  });
});

describe("Mastra 1.x router only", () => {
  it("routes synthetic/syn:alias (two-part ids) to the alias", async () => {
    const router = new ModelRouterLanguageModel("synthetic/syn:large:text", [
      new SyntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k" }),
    ]);
    expect(await routedModel(router)).toBe("syn:large:text");
  });

  it("claims bare hf:Owner/Name strings (handlesModel) and routes them", async () => {
    const router = new ModelRouterLanguageModel("hf:zai-org/GLM-5.2", [
      new SyntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k" }),
    ]);
    expect(router.gatewayId).toBe("synthetic");
    expect(await routedModel(router)).toBe("hf:zai-org/GLM-5.2");
    const gateway = syntheticGateway();
    expect(["hf:a/b", "openai/gpt-4o", "syn:large:text", "hf:no-slash"].map((id) => gateway.handlesModel(id))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("auth", () => {
  it("getApiKey returns exactly the key: settings first, else SYNTHETIC_API_KEY read at call time", async () => {
    await withEnv({ SYNTHETIC_API_KEY: "from-env" }, async () => {
      expect(await new SyntheticGateway().getApiKey("synthetic/hf:a/b")).toBe("from-env");
      expect(await new SyntheticGateway({ apiKey: "from-settings" }).getApiKey("synthetic/hf:a/b")).toBe(
        "from-settings",
      );
    });
  });

  it("without a key, getApiKey rejects with a LoadAPIKeyError in the words Mastra 1.x reads as 'not authenticated'", async () => {
    await withEnv({ SYNTHETIC_API_KEY: undefined }, async () => {
      const error = await new SyntheticGateway().getApiKey("synthetic/hf:a/b").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/^Missing SYNTHETIC_API_KEY environment variable/);
      expect((error as Error).message).toContain("apiKey");
    });
  });

  it("resolveAuth (1.x) answers the key, or nothing when there is none", async () => {
    const request = { gatewayId: "synthetic", providerId: "hf:a", modelId: "b", routerId: "synthetic/hf:a/b" };
    await withEnv({ SYNTHETIC_API_KEY: undefined }, async () => {
      expect(new SyntheticGateway().resolveAuth()).toBeUndefined();
      expect(new SyntheticGateway({ apiKey: "k1" }).resolveAuth()).toEqual({ apiKey: "k1" });
    });
    await withEnv({ SYNTHETIC_API_KEY: "env-key" }, async () => {
      const { resolveModelAuth } = await import("@mastra/core/llm");
      // Mastra's public helper hands callers what the gateway answers: the plain key.
      // biome-ignore lint/suspicious/noExplicitAny: Mastra's gateway type is its own copy.
      const auth = await resolveModelAuth({ gateway: new SyntheticGateway() as any, request });
      expect(auth.apiKey).toBe("env-key");
    });
  });
});
