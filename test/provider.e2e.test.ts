/**
 * createSynthetic settings as requests see them: base URL and key resolution, headers, provider
 * options, instance reuse.
 */

import { NoSuchModelError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import {
  createSynthetic,
  DEFAULT_BASE_URL,
  SyntheticConfigurationError,
  synthetic,
  syntheticChatOptions,
  VERSION,
} from "../src";
import { useEmulator } from "./support/emulator";
import { withEnv } from "./support/mastra-lines";

const fixture = useEmulator();

const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];

describe("base URL", () => {
  it("defaults to Synthetic's OpenAI-compatible base", () => {
    expect(DEFAULT_BASE_URL).toBe("https://api.synthetic.new/openai/v1");
    return withEnv({ SYNTHETIC_BASE_URL: undefined }, async () => {
      expect(createSynthetic().baseURL).toBe(DEFAULT_BASE_URL);
    });
  });

  it("reads SYNTHETIC_BASE_URL at request time, so the default instance follows it", async () => {
    await withEnv({ SYNTHETIC_BASE_URL: `${fixture.emulator.url}/`, SYNTHETIC_API_KEY: "env-key" }, async () => {
      expect(synthetic.baseURL).toBe(fixture.emulator.url);
      await synthetic("hf:zai-org/GLM-5.2").doGenerate({ prompt });
    });
    expect(fixture.emulator.lastRequest()?.path).toBe("/openai/v1/chat/completions");
    expect(fixture.emulator.lastRequest()?.headers.authorization).toBe("Bearer env-key");
  });

  it("strips a trailing slash from baseURL", async () => {
    await createSynthetic({ baseURL: `${fixture.emulator.url}/`, apiKey: "k" })("hf:zai-org/GLM-5.2").doGenerate({
      prompt,
    });
    expect(fixture.emulator.lastRequest()?.path).toBe("/openai/v1/chat/completions");
  });

  it("rejects a base URL that is not a URL, without echoing it", () => {
    let error: unknown;
    try {
      createSynthetic({ baseURL: "sk-looks-like-a-key" });
    } catch (e) {
      error = e;
    }
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain("sk-looks-like-a-key");
  });
});

describe("headers", () => {
  it("sends the key, custom headers and a mastra-synthetic user-agent", async () => {
    const model = createSynthetic({
      baseURL: fixture.emulator.url,
      apiKey: "k",
      headers: { "X-Custom-Header": "value" },
    })("hf:zai-org/GLM-5.2");
    await model.doGenerate({ prompt, headers: { "X-Per-Call": "call" } });
    const headers = fixture.emulator.lastRequest()?.headers ?? {};
    expect(headers.authorization).toBe("Bearer k");
    expect(headers["x-custom-header"]).toBe("value");
    expect(headers["x-per-call"]).toBe("call");
    expect(headers["user-agent"]).toContain(`mastra-synthetic/${VERSION}`);
  });

  it("appends its user-agent to the caller's own (test/request-encoding.unit.test.ts: every spelling)", async () => {
    const model = createSynthetic({
      baseURL: fixture.emulator.url,
      apiKey: "k",
      headers: { "User-Agent": "my-app/2.1" },
    })("hf:zai-org/GLM-5.2");
    await model.doGenerate({ prompt });
    expect(fixture.emulator.lastRequest()?.headers["user-agent"]).toBe(`my-app/2.1 mastra-synthetic/${VERSION}`);
  });
});

describe("models", () => {
  it("reuses one instance per id and per override set", () => {
    const provider = createSynthetic({ apiKey: "k" });
    expect(provider("hf:zai-org/GLM-5.2")).toBe(provider.chatModel("hf:zai-org/GLM-5.2"));
    expect(provider.languageModel("hf:zai-org/GLM-5.2", { apiKey: "a" })).toBe(
      provider.languageModel("hf:zai-org/GLM-5.2", { apiKey: "a" }),
    );
    expect(provider.languageModel("hf:zai-org/GLM-5.2", { apiKey: "a" })).not.toBe(
      provider.languageModel("hf:zai-org/GLM-5.2", { apiKey: "b" }),
    );
  });

  it("points an embedding id used as a chat model at textEmbeddingModel", () => {
    expect(() => synthetic("hf:nomic-ai/nomic-embed-text-v1.5")).toThrow(NoSuchModelError);
    expect(() => synthetic("hf:nomic-ai/nomic-embed-text-v1.5")).toThrow(/textEmbeddingModel/);
  });

  it("reports provider and model id as the AI SDK expects", () => {
    const model = synthetic("synthetic/hf:MiniMaxAI/MiniMax-M2");
    expect(model.provider).toBe("mastra-synthetic.chat");
    expect(model.modelId).toBe("hf:MiniMaxAI/MiniMax-M2");
    expect(model.specificationVersion).toBe("v2");
    expect(synthetic.textEmbeddingModel("hf:nomic-ai/nomic-embed-text-v1.5").provider).toBe(
      "mastra-synthetic.embedding",
    );
  });
});

describe("providerOptions.synthetic", () => {
  it("sends minP, parallelToolCalls and user as Synthetic's fields", async () => {
    const model = fixture.provider()("hf:zai-org/GLM-5.2");
    await model.doGenerate({
      prompt,
      providerOptions: { synthetic: { minP: 0.05, parallelToolCalls: false, user: "u-1" } },
    });
    expect(fixture.chatBodies()[0]).toMatchObject({ min_p: 0.05, parallel_tool_calls: false, user: "u-1" });
  });

  it("rejects an unknown key before the request, naming the accepted ones", async () => {
    const model = fixture.provider()("hf:zai-org/GLM-5.2");
    const error = await model.doGenerate({ prompt, providerOptions: { synthetic: { min_p: 0.05 } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect((error as SyntheticConfigurationError).code).toBe("invalid-provider-options");
    expect((error as SyntheticConfigurationError).fix).toBe(
      "Accepted keys: reasoningEffort, minP, parallelToolCalls, user, recoverLeakedToolCalls.",
    );
    expect(fixture.chatBodies()).toHaveLength(0);
  });

  it("exports the schema: it parses, rejects unknown keys, and unwraps to the object", () => {
    expect(syntheticChatOptions.parse({ minP: 0.1 })).toEqual({ minP: 0.1 });
    expect(syntheticChatOptions.safeParse({ minP: 2 }).success).toBe(false);
    expect(syntheticChatOptions.safeParse({ topK: 5 }).success).toBe(false);
    expect(Object.keys(syntheticChatOptions.unwrap().shape)).toEqual([
      "reasoningEffort",
      "minP",
      "parallelToolCalls",
      "user",
      "recoverLeakedToolCalls",
    ]);
  });
});
