/**
 * The live catalog: `/models` mapped into catalog entries (strict about what each field means),
 * merged over the bundled catalog, cached with a TTL, keeping the last good list when a refresh
 * fails, and falling back (warning once) when `/models` was never readable.
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { APICallError } from "@ai-sdk/provider";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  estimateCost,
  fetchLiveModels,
  getModelInfo,
  LiveCatalog,
  listModels,
  parseLiveModels,
  syntheticGateway,
} from "../src";
import { createModelInfoResolver } from "../src/live-catalog";
import { useEmulator } from "./support/emulator";

/** A loopback server answering every request with `handler`; counts requests. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  closers.push(close);
  return { url: `${origin}/openai/v1`, seen, close };
}
const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

// Entries in the shape Synthetic's /models sends today (USD per token, as strings).
const kimiK3 = {
  id: "hf:moonshotai/Kimi-K3",
  hugging_face_id: "moonshotai/Kimi-K3",
  name: "moonshotai/Kimi-K3",
  input_modalities: ["text", "image"],
  output_modalities: ["text"],
  context_length: 524288,
  max_output_length: 65536,
  pricing: { prompt: "$0.000003", completion: "$0.000015", input_cache_reads: "$0.00000045", input_cache_writes: "0" },
  supported_features: ["tools", "json_mode", "structured_outputs", "reasoning"],
  reasoning_parameters: { efforts: ["low", "high", "max"] },
};
const fresh = {
  id: "hf:newlab/Fresh-1",
  hugging_face_id: "newlab/Fresh-1",
  input_modalities: ["text"],
  output_modalities: ["text"],
  context_length: 131072,
  max_output_length: 32768,
  pricing: { prompt: "$0.0000004", completion: "$0.0000016", input_cache_reads: "$0.0000001" },
  supported_features: ["tools", "reasoning"],
  reasoning_parameters: { efforts: ["low", "high"] },
};
const alias = {
  id: "syn:large:text",
  hugging_face_id: "zai-org/GLM-5.3-Flash",
  name: "syn:large:text",
  input_modalities: ["text", "image"],
  output_modalities: ["text"],
  context_length: 524288,
  max_output_length: 65536,
  pricing: { prompt: "$0.00000015", completion: "$0.0000005", input_cache_reads: "$0.00000004" },
  supported_features: ["tools", "structured_outputs", "reasoning"],
  reasoning_parameters: { efforts: ["low", "high", "max"] },
};
const today = { data: [kimiK3, fresh, alias] };

const fixture = useEmulator();
let todayServer: Awaited<ReturnType<typeof serve>>;
const closers: (() => Promise<void>)[] = [];
const warnings: string[] = [];
const logger = (message: string) => void warnings.push(message);
beforeAll(async () => {
  todayServer = await serve(json(200, today));
  closers.length = 0; // todayServer lives for the whole file
});
afterAll(async () => {
  await todayServer.close();
});
afterEach(async () => {
  todayServer.seen.length = 0;
  warnings.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** One entry parsed alone: the mapped model (if any), and what was reported. */
const parseOne = (entry: Record<string, unknown>) => {
  const { models, skipped, problems } = parseLiveModels({ data: [entry] });
  return { model: models[0], skipped, problems };
};
const bare = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  context_length: 131072,
  supported_features: ["tools"],
  ...extra,
});

describe("parseLiveModels: today's shape", () => {
  it("maps a full entry over the bundled one: live figures win, bundled-only fields stay", () => {
    const { model, problems } = parseOne(kimiK3);
    const bundled = getModelInfo("hf:moonshotai/Kimi-K3");
    expect(problems).toEqual([]);
    expect(model).toMatchObject({
      id: "hf:moonshotai/Kimi-K3",
      contextWindow: 524288,
      maxOutputTokens: 65536,
      tools: true,
      reasoning: true,
      reasoningEfforts: ["low", "high", "max"],
      input: ["text", "image"],
      structuredOutputs: true,
      cost: { input: 3, output: 15, cacheRead: 0.45 },
      // /models never says these; the bundled entry does.
      reasoningFormat: bundled?.reasoningFormat,
      reasoningReplay: bundled?.reasoningReplay,
      notes: bundled?.notes,
    });
  });

  it("maps a model no catalog lists, with its own price", () => {
    expect(parseOne(fresh).model).toEqual({
      id: "hf:newlab/Fresh-1",
      name: "Fresh-1",
      kind: "chat",
      contextWindow: 131072,
      maxOutputTokens: 32768,
      tools: true,
      reasoning: true,
      reasoningFormat: "reasoning_content",
      reasoningEfforts: ["low", "high"],
      reasoningReplay: false,
      input: ["text"],
      structuredOutputs: false,
      cost: { input: 0.4, output: 1.6, cacheRead: 0.1 },
    });
  });

  it("maps a syn: alias to the model it routes to (hugging_face_id)", () => {
    expect(parseOne(alias).model).toMatchObject({ name: "Synthetic Large Text", aliasOf: "hf:zai-org/GLM-5.3-Flash" });
    expect(parseOne({ ...alias, id: "syn:new:alias" }).model).toMatchObject({
      name: "syn:new:alias",
      aliasOf: "hf:zai-org/GLM-5.3-Flash",
    });
  });

  it("drops the bundled retired flag for a model listed again, and records the source given", () => {
    const { models } = parseLiveModels(
      { data: [bare("hf:zai-org/GLM-4.6", { pricing: { prompt: "$0.00000055", completion: "$0.00000219" } })] },
      { source: { url: "http://127.0.0.1/openai/v1/models" }, date: "2026-12-01" },
    );
    expect(getModelInfo("hf:zai-org/GLM-4.6")?.retired).toBe(true);
    expect(models[0]?.retired).toBeUndefined();
    expect(models[0]).toMatchObject({ source: { url: "http://127.0.0.1/openai/v1/models" }, date: "2026-12-01" });
  });

  it("skips entries without an id instead of failing the whole list, and rejects a body without data", () => {
    const odd = parseLiveModels({ data: [{ id: 42 }, null, "x", kimiK3] });
    expect(odd.models.map((m) => m.id)).toEqual(["hf:moonshotai/Kimi-K3"]);
    expect(odd.skipped).toEqual([
      { id: "42", reason: "no id" },
      { id: "?", reason: "no id" },
      { id: "?", reason: "no id" },
    ]);
    expect(() => parseLiveModels({ models: [] })).toThrow();
  });
});

describe("parseLiveModels: odd but plausible entries (unknown stays unknown, never 0)", () => {
  it("no pricing: a model no catalog lists has no cost (not $0); a bundled one keeps its price", () => {
    const live = parseOne(bare("hf:newlab/Unpriced"));
    expect(live.model?.cost).toBeUndefined();
    expect(live.problems).toEqual([]);
    expect(
      estimateCost(live.model as NonNullable<typeof live.model>, { inputTokens: 1000, outputTokens: 10 }),
    ).toBeUndefined();
    expect(parseOne(bare("hf:moonshotai/Kimi-K3")).model?.cost).toEqual({ input: 3, output: 15, cacheRead: 0.45 });
    // Half a price is no price: the bundled half is used when there is one, else none.
    expect(parseOne(bare("hf:newlab/Half", { pricing: { prompt: "$0.000001" } })).model?.cost).toBeUndefined();
    expect(parseOne(bare("hf:moonshotai/Kimi-K3", { pricing: { prompt: "$0.000002" } })).model?.cost).toEqual({
      input: 2,
      output: 15,
      cacheRead: 0.45,
    });
  });

  it('"$2.00 / 1M" and other explicit units are read in their unit', () => {
    const prices = { prompt: "$2.00 / 1M", completion: "$8 per 1M tokens", input_cache_reads: "$0.0005/1K" };
    const { model, problems } = parseOne(bare("hf:newlab/Units", { pricing: prices }));
    expect(model?.cost).toEqual({ input: 2, output: 8, cacheRead: 0.5 });
    expect(problems).toEqual([]);
  });

  it('a bare "8" (USD 8 per token) and other text are unusable: reported, and never priced', () => {
    const { model, problems } = parseOne(
      bare("hf:newlab/Odd", { pricing: { prompt: "8", completion: "2 dollars", input_cache_reads: 0.02 } }),
    );
    expect(model?.cost).toBeUndefined();
    expect(problems).toEqual([
      { id: "hf:newlab/Odd", field: "pricing.prompt", reason: expect.stringContaining("implausible") },
      { id: "hf:newlab/Odd", field: "pricing.completion", reason: 'not a price: "2 dollars"' },
      { id: "hf:newlab/Odd", field: "pricing.input_cache_reads", reason: expect.stringContaining("$20000 per 1M") },
    ]);
    // On a bundled model the recorded price stays.
    const kimi = parseOne(bare("hf:moonshotai/Kimi-K3", { pricing: { prompt: "8", completion: "$0.000015" } }));
    expect(kimi.model?.cost).toEqual({ input: 3, output: 15, cacheRead: 0.45 });
    expect(kimi.problems.map((p) => p.field)).toEqual(["pricing.prompt"]);
  });

  it("reads a /models price per token or with an explicit unit, within the plausibility bound", () => {
    // A live-only model: an unusable price leaves its cost unknown, never 0.
    const priceOf = (prompt: unknown) =>
      parseOne({ ...bare("hf:newlab/Priced"), pricing: { prompt, completion: "$0.000001" } }).model?.cost?.input;
    expect(priceOf("$0.00000055")).toBe(0.55);
    expect(priceOf(5.5e-7)).toBe(0.55);
    expect(priceOf("$0.000003")).toBe(3);
    expect(priceOf("0")).toBe(0);
    expect(priceOf("$2.00 / 1M")).toBe(2);
    expect(priceOf("0.01")).toBe(10_000);
    expect(priceOf("0.0100001")).toBeUndefined();
    expect(priceOf("8")).toBeUndefined();
    expect(priceOf("-0.000001")).toBeUndefined();
    expect(priceOf("free")).toBeUndefined();
    expect(priceOf(undefined)).toBeUndefined();
  });

  it("reasoning_parameters {} / efforts null / [] state nothing: the bundled efforts stay", () => {
    for (const reasoning_parameters of [{}, { efforts: null }, { efforts: [] }, null]) {
      const { model, problems } = parseOne({ ...kimiK3, reasoning_parameters });
      expect(model?.reasoningEfforts, JSON.stringify(reasoning_parameters)).toEqual(["low", "high", "max"]);
      expect(problems).toEqual([]);
    }
    const broken = parseOne({ ...kimiK3, reasoning_parameters: { efforts: "high" } });
    expect(broken.model?.reasoningEfforts).toEqual(["low", "high", "max"]);
    expect(broken.problems).toEqual([
      { id: kimiK3.id, field: "reasoning_parameters.efforts", reason: 'expected a list of strings, got "high"' },
    ]);
  });

  it("listed efforts count even when supported_features omits reasoning: the model reasons", () => {
    const { model } = parseOne(bare("hf:newlab/Effortful", { reasoning_parameters: { efforts: ["low", "high"] } }));
    expect(model).toMatchObject({
      reasoning: true,
      reasoningEfforts: ["low", "high"],
      reasoningFormat: "reasoning_content",
    });
    // Without efforts and without the feature, no reasoning.
    expect(parseOne(bare("hf:newlab/Plain")).model).toMatchObject({ reasoning: false, reasoningFormat: null });
  });

  it('a numeric-string context_length ("262144") is read; an unusable one falls back or skips, reported', () => {
    expect(
      parseOne(bare("hf:newlab/Stringy", { context_length: "262144", max_output_length: "65536" })).model,
    ).toMatchObject({
      contextWindow: 262144,
      maxOutputTokens: 65536,
    });
    const kimi = parseOne({ ...kimiK3, context_length: "big" });
    expect(kimi.model?.contextWindow).toBe(524288);
    expect(kimi.problems).toEqual([
      { id: kimiK3.id, field: "context_length", reason: 'expected a positive integer, got "big"' },
    ]);
    const unknown = parseOne(bare("hf:newlab/NoContext", { context_length: -1 }));
    expect(unknown.model).toBeUndefined();
    expect(unknown.skipped).toEqual([
      { id: "hf:newlab/NoContext", reason: "no usable context_length, and no bundled entry to take it from" },
    ]);
  });

  it("a cache price of 0 next to a paid prompt means not stated; equal to the prompt means no discount", () => {
    const zero = parseOne(
      bare("hf:newlab/Z", { pricing: { prompt: "$0.000001", completion: "$0.000002", input_cache_reads: "0" } }),
    );
    expect(zero.model?.cost).toEqual({ input: 1, output: 2 });
    const same = parseOne(
      bare("hf:newlab/S", {
        pricing: { prompt: "$0.000001", completion: "$0.000002", input_cache_reads: "$0.000001" },
      }),
    );
    expect(same.model?.cost).toEqual({ input: 1, output: 2 });
  });
});

describe("fetchLiveModels", () => {
  it("reads /models from the fixture.emulator and maps every current bundled entry back to itself", async () => {
    const { models, skipped, problems } = await fetchLiveModels({ baseURL: fixture.emulator.url });
    expect(skipped).toEqual([]);
    expect(problems).toEqual([]);
    const strip = ({
      source: _s,
      date: _d,
      retired: _r,
      retiredOn: _o,
      successor: _x,
      deprecated: _y,
      ...rest
    }: object & Record<string, unknown>) => rest;
    // The emulator lists current models only, as Synthetic does.
    expect(models.map(strip)).toEqual(listModels({ retired: false }).map(strip));
    expect(models[0]?.source).toEqual({ url: `${fixture.emulator.url}/models` });
    expect(fixture.emulator.lastRequest()?.path).toBe("/openai/v1/models");
  });

  it("sends the key when there is one, and works without one", async () => {
    await fetchLiveModels({ baseURL: fixture.emulator.url, apiKey: "sk-live" });
    expect(fixture.emulator.lastRequest()?.headers.authorization).toBe("Bearer sk-live");
    expect(fixture.emulator.lastRequest()?.headers["user-agent"]).toContain("mastra-synthetic/");
    vi.stubEnv("SYNTHETIC_API_KEY", "");
    await fetchLiveModels({ baseURL: fixture.emulator.url, headers: { "x-trace": "1" } });
    expect(fixture.emulator.lastRequest()?.headers.authorization).toBeUndefined();
    expect(fixture.emulator.lastRequest()?.headers["x-trace"]).toBe("1");
    expect(fixture.emulator.lastRequest()?.headers["user-agent"]).toContain("mastra-synthetic/");
  });

  it("surfaces Synthetic's error text as an APICallError on 5xx, after the transport's retries", async () => {
    const server = await serve(json(503, { error: "Backend warming up" }));
    const error = await fetchLiveModels({ baseURL: server.url, retryBaseDelayMs: 1 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    // Retried here (3 attempts), so callers are told not to retry again.
    expect(error).toMatchObject({ statusCode: 503, message: "Backend warming up", isRetryable: false });
    expect(server.seen).toHaveLength(3);
    const once = await fetchLiveModels({ baseURL: server.url, maxRetries: 0 }).catch((e: unknown) => e);
    expect(once).toMatchObject({ statusCode: 503, isRetryable: true });
    expect(server.seen).toHaveLength(4);
  });

  it("times out after readTimeoutMs (timeoutMs is its deprecated alias), naming the URL", async () => {
    const server = await serve(() => {}); // never answers
    await expect(fetchLiveModels({ baseURL: server.url, readTimeoutMs: 150 })).rejects.toThrow(
      `GET ${server.url}/models timed out after 150 ms (readTimeoutMs).`,
    );
    await expect(fetchLiveModels({ baseURL: server.url, timeoutMs: 120 })).rejects.toThrow("timed out after 120 ms");
  });
});

describe("LiveCatalog", () => {
  it("merges live entries over the bundled catalog, keeping bundled-only models", async () => {
    const catalog = new LiveCatalog({ baseURL: todayServer.url, logger });
    const snapshot = await catalog.load();
    expect(snapshot).toMatchObject({
      source: "live",
      liveIds: [kimiK3.id, fresh.id, alias.id],
      problems: [],
      skipped: [],
    });
    const ids = snapshot.models.map((model) => model.id);
    expect(ids).toContain("hf:zai-org/GLM-4.7-Flash"); // not listed live, still served from the bundle
    expect(new Set(ids).size).toBe(ids.length);
    expect(warnings).toEqual([]);
  });

  it("modelInfo reads the list once per TTL; peek answers from what was read, without a request", async () => {
    const catalog = new LiveCatalog({ baseURL: todayServer.url, ttlMs: 60_000, logger });
    // Before any read: the bundled entry, no request.
    expect(catalog.peek("hf:moonshotai/Kimi-K3")).toEqual(getModelInfo("hf:moonshotai/Kimi-K3"));
    expect(catalog.peek(fresh.id)).toBeUndefined();
    expect(todayServer.seen).toHaveLength(0);
    const [info] = await Promise.all([
      catalog.modelInfo(`synthetic/${fresh.id}`),
      catalog.list(),
      catalog.get(kimiK3.id),
    ]);
    expect(info?.cost).toEqual({ input: 0.4, output: 1.6, cacheRead: 0.1 });
    expect(catalog.peek("HF:NEWLAB/FRESH-1")?.id).toBe(fresh.id);
    expect(await catalog.modelInfo("hf:nobody/unknown")).toBeUndefined();
    expect(todayServer.seen).toHaveLength(1);
    catalog.clear();
    await catalog.list();
    expect(todayServer.seen).toHaveLength(2);
  });

  it("live-only model: cost from the live price; efforts from live data", async () => {
    const catalog = new LiveCatalog({ baseURL: todayServer.url, logger });
    const info = await catalog.modelInfo(fresh.id);
    expect(estimateCost(info as NonNullable<typeof info>, { inputTokens: 1_000_000, outputTokens: 500_000 })).toEqual({
      input: 0.4,
      output: 0.8,
      total: 1.2,
    });
    expect(info?.reasoningEfforts).toEqual(["low", "high"]);
    expect(estimateCost(fresh.id, { inputTokens: 1000 })).toBeUndefined(); // the bundle alone has no price
  });

  it("fetches again once the TTL has passed", async () => {
    const catalog = new LiveCatalog({ baseURL: todayServer.url, ttlMs: 30, logger });
    await catalog.list();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await catalog.list();
    expect(todayServer.seen).toHaveLength(2);
  });

  it("a failed refresh keeps the last good live list (with its age) and reads again once the TTL has passed", async () => {
    let status = 200;
    const server = await serve((req, res) =>
      json(status, status === 200 ? today : { error: "Internal server error" })(req, res),
    );
    const catalog = new LiveCatalog({ baseURL: server.url, ttlMs: 200, maxRetries: 0, logger });
    const good = await catalog.load();
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = 500;
    const stale = await catalog.load();
    expect(stale).toMatchObject({ source: "live", stale: true, fetchedAt: good.fetchedAt, models: good.models });
    expect((stale.error as Error).message).toBe("Internal server error");
    // Within the TTL of the failed read, requests answer from the list at hand without reading again.
    expect((await catalog.modelInfo(fresh.id))?.cost?.input).toBe(0.4);
    expect((await catalog.load()).stale).toBe(true);
    expect(server.seen).toHaveLength(2);
    expect(warnings).toEqual([
      expect.stringMatching(/HTTP 500: Internal server error.*keeping the list read \d+ s ago/),
    ]);
    // After it, a request's lookup still answers at once and reads again in the background.
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = 200;
    expect((await catalog.modelInfo(fresh.id))?.cost?.input).toBe(0.4);
    await vi.waitFor(() => expect(server.seen).toHaveLength(3));
    const recovered = await catalog.load();
    expect(recovered.stale).toBeUndefined();
    expect(recovered.fetchedAt).toBeGreaterThan(good.fetchedAt);
    expect(server.seen).toHaveLength(3);
  });

  it("a /models that keeps failing is read once per TTL, with its retries, not on every call", async () => {
    let status = 200;
    const server = await serve((req, res) =>
      json(status, status === 200 ? today : { error: "Service unavailable" })(req, res),
    );
    // Default retries (3 attempts per read), quick backoff; a TTL longer than the ten calls take.
    const catalog = new LiveCatalog({ baseURL: server.url, ttlMs: 1_000, retryBaseDelayMs: 1, logger });
    await catalog.load();
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    status = 503;
    for (let call = 0; call < 10; call++) {
      await catalog.modelInfo(fresh.id);
      await catalog.load();
    }
    // One read after the first: 3 GETs, where every call used to read again (30 GETs for 10 calls).
    expect(server.seen).toHaveLength(1 + 3);
  });

  it("modelInfo never waits for a refresh once a live list is at hand", async () => {
    // From the second read on, /models answers only once released.
    let held: Promise<void> | undefined;
    let release = () => {};
    const server = await serve(async (req, res) => {
      await held;
      json(200, today)(req, res);
    });
    const catalog = new LiveCatalog({ baseURL: server.url, ttlMs: 20, logger });
    expect((await catalog.modelInfo(fresh.id))?.id).toBe(fresh.id); // the first read is waited for
    await new Promise((resolve) => setTimeout(resolve, 40));
    held = new Promise((resolve) => {
      release = resolve;
    });
    // Answered while the refresh is held: were it waited for, this would never resolve.
    expect((await catalog.modelInfo(fresh.id))?.id).toBe(fresh.id);
    await vi.waitFor(() => expect(server.seen).toHaveLength(2)); // the refresh is under way
    release();
    const refreshed = await catalog.load(); // load() waits for it
    expect(refreshed.stale).toBeUndefined();
    expect(server.seen).toHaveLength(2);
  });

  it("warns once per entry with unusable data, however often the list is read", async () => {
    const odd = await serve(
      json(200, {
        data: [
          bare("hf:newlab/Odd", { pricing: { prompt: "8", completion: "x" } }),
          bare("hf:newlab/NoCtx", { context_length: "n/a" }),
        ],
      }),
    );
    const catalog = new LiveCatalog({ baseURL: odd.url, ttlMs: 0, logger });
    const snapshot = await catalog.load();
    await catalog.load();
    expect(odd.seen).toHaveLength(2);
    expect(snapshot.problems.map((p) => `${p.id} ${p.field}`)).toEqual([
      "hf:newlab/Odd pricing.prompt",
      "hf:newlab/Odd pricing.completion",
      "hf:newlab/NoCtx context_length",
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^mastra-synthetic: the live \/models entry for hf:newlab\/Odd has unusable data \(pricing\.prompt: .*implausible.*; pricing\.completion: not a price: "x"\)/,
      ),
      expect.stringMatching(
        /hf:newlab\/NoCtx has unusable data \(context_length: .*; skipped: no usable context_length/,
      ),
    ]);
  });

  it("falls back to the bundled catalog when /models was never readable (slow), for the TTL, warning once", async () => {
    const slow = await serve((req, res) => setTimeout(() => json(200, today)(req, res), 2_000));
    const catalog = new LiveCatalog({ baseURL: slow.url, readTimeoutMs: 300, ttlMs: 60_000, logger });
    // The 300 ms deadline ends the read (the warning says so), not the server's 2 s answer.
    const first = await catalog.load();
    expect(first).toMatchObject({ source: "bundled", liveIds: [] });
    expect(first.models).toEqual(listModels());
    // Within the TTL: the fallback is served at once, no new read (and no new timeout to wait for).
    expect(await catalog.load()).toBe(first);
    expect(slow.seen.length).toBeLessThanOrEqual(1);
    expect(warnings).toEqual([expect.stringContaining("timed out after 300 ms")]);
    expect(warnings[0]).toContain("using the bundled catalog");
  });

  it("falls back when nothing listens, on HTTP 500, and when the body is not a model list", async () => {
    const gone = await serve(() => {});
    await gone.close();
    const failing = await serve(json(500, { error: "Internal server error" }));
    const notAList = await serve(json(200, { hello: "world" }));
    for (const baseURL of [gone.url, failing.url, notAList.url]) {
      const snapshot = await new LiveCatalog({ baseURL, maxRetries: 0, logger }).load();
      expect(snapshot.source).toBe("bundled");
      expect(snapshot.error).toBeInstanceOf(Error);
    }
    expect(warnings).toHaveLength(3);
    expect(warnings[1]).toContain("HTTP 500: Internal server error");
  });

  it("warns through console.warn by default", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const failing = await serve(json(500, { error: "down" }));
    await new LiveCatalog({ baseURL: failing.url, maxRetries: 0 }).list();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("could not read the live model list");
  });
});

describe("createModelInfoResolver (what the chat model calls per request)", () => {
  it("with a catalog: live over bundled, reading /models as needed", async () => {
    const catalog = new LiveCatalog({ baseURL: todayServer.url, logger });
    const resolve = createModelInfoResolver(fresh.id, { catalog });
    expect((await resolve())?.cost).toEqual({ input: 0.4, output: 1.6, cacheRead: 0.1 });
    expect(todayServer.seen).toHaveLength(1);
  });

  it("peek mode makes no request: bundled data until someone read the list", async () => {
    const catalog = new LiveCatalog({ baseURL: todayServer.url, logger });
    const resolve = createModelInfoResolver(kimiK3.id, { catalog, read: false });
    expect(resolve()).toEqual(getModelInfo(kimiK3.id));
    await catalog.load();
    expect((resolve() as ReturnType<typeof getModelInfo>)?.source).toEqual({ url: `${todayServer.url}/models` });
    expect(todayServer.seen).toHaveLength(1);
  });

  it("an id no catalog lists resolves to undefined and is reported once", async () => {
    const catalog = new LiveCatalog({ baseURL: todayServer.url, logger });
    const resolve = createModelInfoResolver("hf:nobody/Resolver-Test", { catalog });
    expect(await resolve()).toBeUndefined();
    expect(await resolve()).toBeUndefined();
    expect(await createModelInfoResolver("hf:nobody/Resolver-Test", { catalog })()).toBeUndefined();
    expect(warnings).toEqual([
      'mastra-synthetic: no model catalog lists "hf:nobody/Resolver-Test"; it is sent as is, without cost, capability checks or reasoningEffort validation.',
    ]);
    const bundledOnly: string[] = [];
    expect(
      createModelInfoResolver("hf:nobody/Bundled-Only", { logger: (m) => void bundledOnly.push(m) })(),
    ).toBeUndefined();
    expect(createModelInfoResolver("hf:moonshotai/Kimi-K3")()).toEqual(getModelInfo("hf:moonshotai/Kimi-K3"));
    expect(bundledOnly).toHaveLength(1);
  });
});

describe("SyntheticGateway.fetchProviders with the live catalog", () => {
  it("lists live chat models merged over the current bundled ones, retired ones left out", async () => {
    const gateway = syntheticGateway({ baseURL: todayServer.url, apiKey: "k", liveCatalog: { logger } });
    const { synthetic } = await gateway.fetchProviders();
    expect(synthetic?.models).toContain(fresh.id);
    expect(synthetic?.models).toContain("syn:large:text");
    expect(synthetic?.models).toContain("hf:zai-org/GLM-4.7-Flash");
    expect(synthetic?.models).not.toContain("hf:zai-org/GLM-4.6");
    expect(synthetic?.models).not.toContain("hf:nomic-ai/nomic-embed-text-v1.5");
    await gateway.fetchProviders();
    expect(todayServer.seen).toHaveLength(1);
  });

  it("keeps the 3 s /models deadline when the provider's per-attempt timeoutMs is long", async () => {
    const silent = await serve(() => {});
    const gateway = syntheticGateway({ baseURL: silent.url, timeoutMs: 600_000, liveCatalog: { logger } });
    // The read's own 3 s deadline ends it: the warning names it (600 s would time the test out).
    await gateway.fetchProviders();
    expect(warnings).toEqual([expect.stringContaining("timed out after 3000 ms")]);
  });

  it("reads no /models with liveCatalog: false", async () => {
    const gateway = syntheticGateway({ baseURL: todayServer.url, liveCatalog: false });
    const { synthetic } = await gateway.fetchProviders();
    expect(synthetic?.models).not.toContain(fresh.id);
    expect(todayServer.seen).toHaveLength(0);
  });
});
