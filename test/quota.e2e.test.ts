/**
 * `getQuota()`: GET /v2/quotas at the API origin, every plan shape the research file lists, and
 * the provider's settings and error handling.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { APICallError, LoadAPIKeyError } from "@ai-sdk/provider";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getQuota, listQuotaWindows, type SyntheticQuota } from "../src";
import { apiOrigin, readQuota } from "../src/quota";
import { readUsd } from "../src/quota-read";
import { prepareSettings } from "../src/settings";
import { startSyntheticEmulator } from "../src/testing";

const KEY = "sk-quota-test";
const renewsAt = "2026-03-01T12:00:00.000Z";

/** Every shape in shared/research/synthetic-api.md, by plan. */
const shapes: Record<string, SyntheticQuota> = {
  empty: {},
  subscription: { subscription: { limit: 135, requests: 0, renewsAt } },
  full: {
    subscription: { limit: 1350, requests: 412, renewsAt },
    search: { hourly: { limit: 250, requests: 3, renewsAt } },
    freeToolCalls: { limit: 500, requests: 12.5, renewsAt },
  },
  tokens: {
    weeklyTokenLimit: { limit: 50_000_000, requests: 1_234_567, renewsAt },
    rollingFiveHourLimit: { limit: 2_000_000, requests: 0.75, renewsAt },
  },
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function emulatorWith(quotas: object) {
  const emulator = await startSyntheticEmulator({ apiKey: KEY, quotas });
  closers.push(emulator.close);
  return emulator;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/openai/v1`;
}

describe("apiOrigin", () => {
  it("strips the OpenAI-compatible or older /v1 base to reach /v2", () => {
    expect(apiOrigin("https://api.synthetic.new/openai/v1")).toBe("https://api.synthetic.new");
    expect(apiOrigin("https://api.synthetic.new/v1")).toBe("https://api.synthetic.new");
    expect(apiOrigin("https://api.synthetic.new/openai/v1/")).toBe("https://api.synthetic.new");
    expect(apiOrigin("https://proxy.example/synthetic/openai/v1")).toBe("https://proxy.example/synthetic");
  });
});

describe("getQuota", () => {
  it.each(Object.entries(shapes))("reads the %s shape, typed, from GET /v2/quotas", async (_name, body) => {
    const emulator = await emulatorWith(body);
    const quota = await getQuota({ baseURL: emulator.url, apiKey: KEY });
    expect(quota).toEqual(body);
    const request = emulator.lastRequest();
    expect(request).toMatchObject({ method: "GET", path: "/v2/quotas" });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers["user-agent"]).toContain("mastra-synthetic/");
  });

  it("keeps fractional usage and fields it does not know", async () => {
    const emulator = await emulatorWith({
      freeToolCalls: { limit: 500, requests: 0.25, renewsAt, note: "beta" },
      dailyImages: { limit: 10, requests: 1 },
    });
    const quota = await getQuota({ baseURL: emulator.url, apiKey: KEY });
    expect(quota.freeToolCalls?.requests).toBe(0.25);
    expect(quota.freeToolCalls).toMatchObject({ note: "beta" });
    expect(quota.dailyImages).toEqual({ limit: 10, requests: 1 });
  });

  it("takes the key from SYNTHETIC_API_KEY and the base URL from SYNTHETIC_BASE_URL, at call time", async () => {
    const emulator = await emulatorWith(shapes.subscription as object);
    vi.stubEnv("SYNTHETIC_API_KEY", KEY);
    vi.stubEnv("SYNTHETIC_BASE_URL", emulator.url);
    expect(await getQuota()).toEqual(shapes.subscription);
  });

  it("works with the older /v1 base URL and sends custom headers", async () => {
    const emulator = await emulatorWith(shapes.full as object);
    await getQuota({ baseURL: `${emulator.origin}/v1`, apiKey: KEY, headers: { "x-team": "ops" } });
    expect(emulator.lastRequest()).toMatchObject({ path: "/v2/quotas", headers: { "x-team": "ops" } });
  });

  it("takes settings a provider already prepared, without reading the raw ones again", async () => {
    const emulator = await emulatorWith(shapes.subscription as object);
    const prepared = prepareSettings({ baseURL: emulator.url, apiKey: KEY, headers: { "x-team": "ops" } });
    // The raw fields beside `prepared` are not read: neither this base URL nor this key is used.
    expect(await getQuota({ prepared, baseURL: "http://127.0.0.1:9/openai/v1", apiKey: "sk-ignored" })).toEqual(
      shapes.subscription,
    );
    expect(emulator.lastRequest()?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, "x-team": "ops" });
  });

  it("fails before any request without a key, naming SYNTHETIC_API_KEY", async () => {
    const emulator = await emulatorWith({});
    vi.stubEnv("SYNTHETIC_API_KEY", "");
    const error = await getQuota({ baseURL: emulator.url }).catch((e: unknown) => e);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("SYNTHETIC_API_KEY");
    expect(emulator.requests).toHaveLength(0);
  });

  it("turns a rejected key into a non-retryable APICallError with Synthetic's text", async () => {
    const emulator = await emulatorWith({});
    const error = await getQuota({ baseURL: emulator.url, apiKey: "wrong" }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, message: "Invalid API key", isRetryable: false });
    expect(JSON.stringify(error)).not.toContain("wrong");
  });

  it.each([
    [429, "Too many requests", true],
    // The subscription cap is final however the retries are set.
    [429, "You've exceeded your subscription rate limits. Upgrade, or try again later.", false],
    [502, "Bad gateway", true],
    [402, "Insufficient credits.", false],
  ])(
    'maps HTTP %i with {"error": ...} to APICallError (retryable without transport retries: %s)',
    async (status, text, retryable) => {
      let hits = 0;
      const url = await serve((_req, res) => {
        hits++;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: text }));
      });
      const once = await getQuota({ baseURL: url, apiKey: KEY, maxRetries: 0 }).catch((e: unknown) => e);
      expect(APICallError.isInstance(once)).toBe(true);
      expect(once).toMatchObject({ statusCode: status, message: text, isRetryable: retryable });
      expect(hits).toBe(1);
      // With the provider's default retries, a retryable status is tried 3 times and then final.
      const retried = await getQuota({ baseURL: url, apiKey: KEY, retryBaseDelayMs: 1 }).catch((e: unknown) => e);
      expect(retried).toMatchObject({ statusCode: status, message: text, isRetryable: false });
      expect(hits).toBe(retryable ? 4 : 2);
    },
  );

  it("leaves an unreadable field unknown (never 0) and rejects a body that is not an object", async () => {
    const odd = await emulatorWith({
      subscription: { limit: "lots", requests: 3 },
      weeklyTokenLimit: { maxCredits: "soon", remainingCredits: "$1.50", percentRemaining: "61" },
    });
    expect(await getQuota({ baseURL: odd.url, apiKey: KEY })).toEqual({
      subscription: { requests: 3 },
      weeklyTokenLimit: { remainingCredits: 1.5 },
    });
    const url = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify([{ subscription: {} }]));
    });
    await expect(getQuota({ baseURL: url, apiKey: KEY })).rejects.toThrow(APICallError);
  });

  it("uses the injected fetch", async () => {
    const emulator = await emulatorWith(shapes.subscription as object);
    const seen: string[] = [];
    await getQuota({
      baseURL: emulator.url,
      apiKey: KEY,
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect(seen).toEqual([`${emulator.origin}/v2/quotas`]);
  });
});

describe("today's plan shape", () => {
  // A real /v2/quotas body of a 2026 plan (test/fixtures/recorded/SOURCES.md).
  const recorded = JSON.parse(
    readFileSync(new URL("./fixtures/recorded/account/quotas-2026-04-09.json", import.meta.url), "utf8"),
  ) as Record<string, unknown>;

  it("reads a recorded body strictly: credits as USD numbers, the rest as sent", async () => {
    const emulator = await emulatorWith(recorded);
    const quota = await getQuota({ baseURL: emulator.url, apiKey: KEY });
    expect(quota.weeklyTokenLimit).toEqual({
      nextRegenAt: "2026-04-09T10:33:36.000Z",
      percentRemaining: 99.91879188888889,
      maxCredits: 36,
      remainingCredits: 35.97,
      nextRegenCredits: 0.72,
    });
    expect(quota.rollingFiveHourLimit).toEqual(recorded.rollingFiveHourLimit);
    expect(quota.search?.hourly).toEqual({ limit: 250, requests: 5, renewsAt: "2026-04-09T10:00:18.034Z" });
  });

  it("lists the windows that move, each with used-of-what, limited and its next refill", () => {
    const quota = readQuota(recorded) ?? {};
    expect(listQuotaWindows(quota).map(({ window: _, ...rest }) => rest)).toEqual([
      {
        name: "search.hourly",
        label: "search (hourly)",
        unit: "requests",
        used: 5,
        limit: 250,
        remaining: 245,
        percentRemaining: 98,
        limited: false,
        nextRefillAt: "2026-04-09T10:00:18.034Z",
        refill: "full",
      },
      {
        name: "weeklyTokenLimit",
        label: "week",
        unit: "usd",
        used: expect.closeTo(0.03, 10),
        limit: 36,
        remaining: 35.97,
        percentRemaining: 99.91879188888889,
        limited: false,
        nextRefillAt: "2026-04-09T10:33:36.000Z",
        refill: { amount: 0.72 },
      },
      {
        name: "rollingFiveHourLimit",
        label: "5h",
        unit: "requests",
        used: 0,
        limit: 750,
        remaining: 750,
        percentRemaining: 100,
        limited: false,
        nextRefillAt: "2026-04-09T09:10:48.000Z",
        refill: { percent: 5 },
      },
    ]);
  });

  it("marks a spent window limited, from the body's flag or from what is left", () => {
    const [fiveHours, week] = listQuotaWindows(
      readQuota({
        rollingFiveHourLimit: { remaining: 0, max: 135, nextTickAt: "2026-04-09T09:10:48.000Z", tickPercent: 0.05 },
        weeklyTokenLimit: { percentRemaining: 0, maxCredits: "$24.00", remainingCredits: "$0.00" },
      }) ?? {},
    );
    expect(fiveHours).toMatchObject({ label: "5h", used: 135, limited: true });
    expect(week).toMatchObject({ label: "week", remaining: 0, limited: true });
    expect(listQuotaWindows({ weeklyTokenLimit: { percentRemaining: 61 } })[0]).toMatchObject({
      percentRemaining: 61,
      used: undefined,
      limit: undefined,
      limited: false,
    });
  });

  it("reads credit strings as USD, anything else unknown", () => {
    expect(readUsd("$24.00")).toBe(24);
    expect(readUsd("$1,024.50")).toBe(1024.5);
    expect(readUsd("0.48")).toBe(0.48);
    expect(readUsd(3)).toBe(3);
    for (const odd of ["", "$", "24 USD", "-$1", null, undefined, Number.NaN, {}]) expect(readUsd(odd)).toBeUndefined();
  });
});

describe("listQuotaWindows (older windows)", () => {
  it("names every window with a limit, nested ones included, in the body's order", () => {
    expect(listQuotaWindows(shapes.full as SyntheticQuota).map((w) => w.name)).toEqual([
      "subscription",
      "search.hourly",
      "freeToolCalls",
    ]);
    expect(listQuotaWindows(shapes.tokens as SyntheticQuota).map((w) => w.name)).toEqual([
      "weeklyTokenLimit",
      "rollingFiveHourLimit",
    ]);
    expect(listQuotaWindows({})).toEqual([]);
    expect(listQuotaWindows({ future: { daily: { limit: 5, requests: 1 } }, flag: true })).toEqual([
      {
        name: "future.daily",
        label: "future.daily",
        unit: "requests",
        used: 1,
        limit: 5,
        remaining: 4,
        percentRemaining: 80,
        limited: false,
        nextRefillAt: undefined,
        refill: undefined,
        window: { limit: 5, requests: 1 },
      },
    ]);
  });

  it("leaves out a window the plan does not have (limit 0)", () => {
    expect(listQuotaWindows({ freeToolCalls: { limit: 0, requests: 0 } })).toEqual([]);
  });
});
