/**
 * The live catalog: `/models` mapped into catalog entries, merged over the bundled catalog,
 * cached with a TTL, and falling back (warning once) when `/models` is slow, failing or gone.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { APICallError } from "@ai-sdk/provider";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fetchLiveModels, LiveCatalog, listModels, parseLiveModels, syntheticGateway } from "../src";
import { priceOf } from "../src/live-catalog";
import { type SyntheticEmulator, startSyntheticEmulator } from "../src/testing";

const fixture: unknown = JSON.parse(readFileSync(new URL("./fixtures/models-response.json", import.meta.url), "utf8"));

/** A loopback server answering every request with `handler`; counts requests. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/openai/v1`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

let emulator: SyntheticEmulator;
let fixtureServer: Awaited<ReturnType<typeof serve>>;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  emulator = await startSyntheticEmulator();
  fixtureServer = await serve(json(200, fixture));
});
afterAll(async () => {
  await emulator.close();
  await fixtureServer.close();
});
afterEach(async () => {
  emulator.reset();
  fixtureServer.seen.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe("priceOf", () => {
  it("turns $-prefixed USD per token into USD per 1M without float noise", () => {
    expect(priceOf("$0.00000055")).toBe(0.55);
    expect(priceOf("$0.00000219")).toBe(2.19);
    expect(priceOf("$0.000000056")).toBe(0.056);
    expect(priceOf("$0.000003")).toBe(3);
    expect(priceOf("0")).toBe(0);
    expect(priceOf(5.5e-7)).toBe(0.55);
    expect(priceOf("free")).toBeUndefined();
    expect(priceOf(undefined)).toBeUndefined();
  });
});

describe("parseLiveModels (saved /models response)", () => {
  const { models, skipped } = parseLiveModels(fixture);
  const byId = (id: string) => models.find((model) => model.id === id);

  it("maps a full entry: context, max output, features, efforts, prices", () => {
    expect(byId("hf:zai-org/GLM-4.7")).toEqual({
      id: "hf:zai-org/GLM-4.7",
      name: "GLM-4.7",
      kind: "chat",
      contextWindow: 202752,
      maxOutputTokens: 65536,
      tools: true,
      reasoning: true,
      reasoningFormat: "reasoning_content",
      reasoningEfforts: ["low", "medium", "high"],
      reasoningReplay: false,
      input: ["text"],
      structuredOutputs: true,
      cost: { input: 0.55, output: 2.19 },
    });
  });

  it("reads a cache-read discount, and ignores a cache price of 0 next to a paid prompt", () => {
    expect(byId("hf:deepseek-ai/DeepSeek-V3.2")?.cost).toEqual({ input: 0.56, output: 1.68, cacheRead: 0.056 });
    expect(byId("hf:deepseek-ai/DeepSeek-V3.2")?.reasoningEfforts).toEqual(["low", "high", "max"]);
    expect(byId("hf:Qwen/Qwen3-VL-235B-A22B-Instruct")?.cost).toEqual({ input: 0.3, output: 1.2 });
  });

  it("keeps only text/image/audio/video input modalities", () => {
    expect(byId("hf:Qwen/Qwen3-VL-235B-A22B-Instruct")?.input).toEqual(["text", "image"]);
  });

  it("maps a syn: alias to the model it routes to", () => {
    expect(byId("syn:large:text")).toMatchObject({
      name: "syn:large:text",
      aliasOf: "hf:zai-org/GLM-4.7",
      reasoning: true,
    });
  });

  it("fills fields a partner-backend entry omits from the bundled entry, else defaults them off", () => {
    // Kimi-K2-Thinking: no max_output_length or supported_features in the fixture.
    const bundled = listModels().find((model) => model.id === "hf:moonshotai/Kimi-K2-Thinking");
    expect(byId("hf:moonshotai/Kimi-K2-Thinking")).toEqual(bundled);
    expect(byId("hf:nvidia/Llama-3.3-Nemotron-Super-49B-v1.5")).toMatchObject({
      contextWindow: 131072,
      tools: false,
      reasoning: false,
      reasoningFormat: null,
      cost: { input: 0.1, output: 0.4 },
      notes: expect.stringContaining("partner backend"),
    });
    expect(byId("hf:nvidia/Llama-3.3-Nemotron-Super-49B-v1.5")?.maxOutputTokens).toBeUndefined();
  });

  it("keeps the bundled reasoning format for known ids and defaults new reasoning models to reasoning_content", () => {
    expect(byId("hf:MiniMaxAI/MiniMax-M2")?.reasoningFormat).toBe("think-tags");
    expect(byId("hf:openai/gpt-oss-120b")?.reasoningFormat).toBe("reasoning");
    expect(byId("hf:deepseek-ai/DeepSeek-V3.2")?.reasoningFormat).toBe("reasoning_content");
  });

  it("reports entries it cannot map instead of failing the whole list", () => {
    expect(skipped).toEqual([{ id: "hf:example-org/No-Context-Yet", reason: "no context_length" }]);
    const odd = parseLiveModels({ data: [{ id: 42 }, { id: "gpt-4", context_length: 8192 }] });
    expect(odd.models).toEqual([]);
    expect(odd.skipped.map((s) => s.id)).toEqual(["42", "gpt-4"]);
  });

  it("rejects a body without a data array", () => {
    expect(() => parseLiveModels({ models: [] })).toThrow();
  });
});

describe("fetchLiveModels", () => {
  it("reads /models from the emulator and maps every bundled entry back to itself", async () => {
    const { models, skipped } = await fetchLiveModels({ baseURL: emulator.url });
    expect(skipped).toEqual([]);
    expect(models).toEqual(listModels());
    expect(emulator.lastRequest()?.path).toBe("/openai/v1/models");
  });

  it("sends the key when there is one, and works without one", async () => {
    await fetchLiveModels({ baseURL: emulator.url, apiKey: "sk-live" });
    expect(emulator.lastRequest()?.headers.authorization).toBe("Bearer sk-live");
    expect(emulator.lastRequest()?.headers["user-agent"]).toContain("mastra-synthetic/");
    vi.stubEnv("SYNTHETIC_API_KEY", "");
    await fetchLiveModels({ baseURL: emulator.url, headers: { "x-trace": "1" } });
    expect(emulator.lastRequest()?.headers.authorization).toBeUndefined();
    expect(emulator.lastRequest()?.headers["x-trace"]).toBe("1");
    expect(emulator.lastRequest()?.headers["user-agent"]).toContain("mastra-synthetic/");
  });

  it("surfaces Synthetic's error text as an APICallError on 5xx, after the transport's retries", async () => {
    const server = await serve(json(503, { error: "Backend warming up" }));
    closers.push(server.close);
    const error = await fetchLiveModels({ baseURL: server.url, retryBaseDelayMs: 1 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    // Retried here (3 attempts), so callers are told not to retry again.
    expect(error).toMatchObject({ statusCode: 503, message: "Backend warming up", isRetryable: false });
    expect(server.seen).toHaveLength(3);
    const once = await fetchLiveModels({ baseURL: server.url, maxRetries: 0 }).catch((e: unknown) => e);
    expect(once).toMatchObject({ statusCode: 503, isRetryable: true });
    expect(server.seen).toHaveLength(4);
  });

  it("times out, naming the URL", async () => {
    const server = await serve(() => {}); // never answers
    closers.push(server.close);
    const started = Date.now();
    await expect(fetchLiveModels({ baseURL: server.url, timeoutMs: 150 })).rejects.toThrow(
      `GET ${server.url}/models timed out after 150 ms.`,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("LiveCatalog", () => {
  const warnings: string[] = [];
  const logger = (message: string) => void warnings.push(message);
  afterEach(() => {
    warnings.length = 0;
  });

  it("merges live entries over the bundled catalog, keeping bundled-only models", async () => {
    const catalog = new LiveCatalog({ baseURL: fixtureServer.url, logger });
    const snapshot = await catalog.load();
    expect(snapshot.source).toBe("live");
    const ids = snapshot.models.map((model) => model.id);
    expect(ids).toContain("hf:zai-org/GLM-4.7");
    expect(ids).toContain("syn:large:text");
    // Not in the live list, still served from the bundle.
    expect(ids).toContain("hf:meta-llama/Llama-3.1-405B-Instruct");
    expect(snapshot.liveIds).not.toContain("hf:meta-llama/Llama-3.1-405B-Instruct");
    expect(new Set(ids).size).toBe(ids.length);
    // Live price wins over the bundled one.
    expect((await catalog.get("synthetic/hf:deepseek-ai/DeepSeek-V3"))?.cost).toEqual({ input: 0.49, output: 0.89 });
    expect(warnings).toEqual([]);
  });

  it("caches within the TTL and shares one request between concurrent callers", async () => {
    const catalog = new LiveCatalog({ baseURL: fixtureServer.url, ttlMs: 60_000, logger });
    await Promise.all([catalog.list(), catalog.list(), catalog.get("hf:zai-org/GLM-4.7")]);
    await catalog.list();
    expect(fixtureServer.seen).toHaveLength(1);
    catalog.clear();
    await catalog.list();
    expect(fixtureServer.seen).toHaveLength(2);
  });

  it("fetches again once the TTL has passed", async () => {
    const catalog = new LiveCatalog({ baseURL: fixtureServer.url, ttlMs: 50, logger });
    await catalog.list();
    await new Promise((resolve) => setTimeout(resolve, 80));
    await catalog.list();
    expect(fixtureServer.seen).toHaveLength(2);
  });

  it("falls back to the bundled catalog when /models is slow, and warns once", async () => {
    const slow = await serve((req, res) => setTimeout(() => json(200, fixture)(req, res), 2_000));
    closers.push(slow.close);
    const catalog = new LiveCatalog({ baseURL: slow.url, timeoutMs: 100, ttlMs: 0, logger });
    const started = Date.now();
    const first = await catalog.load();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(first.source).toBe("bundled");
    expect(first.models).toEqual(listModels());
    await catalog.list();
    await catalog.list();
    expect(slow.seen).toHaveLength(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("timed out after 100 ms");
    expect(warnings[0]).toContain("using the bundled catalog");
  });

  it("falls back to the bundled catalog when /models fails with 500, and warns once", async () => {
    const failing = await serve(json(500, { error: "Internal server error" }));
    closers.push(failing.close);
    const catalog = new LiveCatalog({ baseURL: failing.url, ttlMs: 0, logger });
    expect(await catalog.list()).toEqual(listModels());
    expect(await catalog.get("hf:zai-org/GLM-4.6")).toEqual(listModels().find((m) => m.id === "hf:zai-org/GLM-4.6"));
    expect(warnings).toEqual([expect.stringContaining("HTTP 500: Internal server error")]);
  });

  it("falls back when nothing listens, and when the body is not a model list", async () => {
    const gone = await serve(() => {});
    await gone.close();
    const notAList = await serve(json(200, { hello: "world" }));
    closers.push(notAList.close);
    for (const baseURL of [gone.url, notAList.url]) {
      const snapshot = await new LiveCatalog({ baseURL, logger }).load();
      expect(snapshot.source).toBe("bundled");
      expect(snapshot.error).toBeInstanceOf(Error);
    }
    expect(warnings).toHaveLength(2);
  });

  it("warns through console.warn by default", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const failing = await serve(json(500, { error: "down" }));
    closers.push(failing.close);
    await new LiveCatalog({ baseURL: failing.url }).list();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("could not read the live model list");
  });
});

describe("SyntheticGateway.fetchProviders with the live catalog", () => {
  it("lists live chat models merged over the bundled ones", async () => {
    const gateway = syntheticGateway({ baseURL: fixtureServer.url, apiKey: "k" });
    const { synthetic } = await gateway.fetchProviders();
    expect(synthetic?.models).toContain("hf:zai-org/GLM-4.7");
    expect(synthetic?.models).toContain("syn:large:text");
    expect(synthetic?.models).toContain("hf:meta-llama/Llama-3.1-405B-Instruct");
    expect(synthetic?.models).not.toContain("hf:nomic-ai/nomic-embed-text-v1.5");
    await gateway.fetchProviders();
    expect(fixtureServer.seen).toHaveLength(1);
  });

  it("never fails when /models fails: bundled list, one warning", async () => {
    const warnings: string[] = [];
    const failing = await serve(json(500, { error: "down" }));
    const slow = await serve(() => {});
    closers.push(failing.close, slow.close);
    for (const baseURL of [failing.url, slow.url]) {
      const gateway = syntheticGateway({
        baseURL,
        liveCatalog: { timeoutMs: 100, ttlMs: 0, logger: (m) => void warnings.push(m) },
      });
      const first = await gateway.fetchProviders();
      const second = await gateway.fetchProviders();
      expect(first.synthetic?.models).toEqual(
        listModels({ kind: "chat" })
          .filter((m) => !m.deprecated)
          .map((m) => m.id),
      );
      expect(second).toEqual(first);
    }
    expect(warnings).toHaveLength(2);
  });

  it("keeps the 3 s /models deadline when the provider's per-attempt timeoutMs is long", async () => {
    const warnings: string[] = [];
    const silent = await serve(() => {});
    closers.push(silent.close);
    const gateway = syntheticGateway({
      baseURL: silent.url,
      timeoutMs: 600_000,
      liveCatalog: { logger: (m) => void warnings.push(m) },
    });
    const started = Date.now();
    await gateway.fetchProviders();
    expect(Date.now() - started).toBeLessThan(4_500);
    expect(warnings).toEqual([expect.stringContaining("timed out after 3000 ms")]);
  });

  it("reads no /models with liveCatalog: false", async () => {
    const gateway = syntheticGateway({ baseURL: fixtureServer.url, liveCatalog: false });
    const { synthetic } = await gateway.fetchProviders();
    expect(synthetic?.models).not.toContain("hf:zai-org/GLM-4.7");
    expect(fixtureServer.seen).toHaveLength(0);
  });
});
