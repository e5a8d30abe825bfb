/**
 * The subscription cap (429 "You've exceeded your subscription rate limits…") is final: sent
 * once through the package, ai's generateText with its default retries and Mastra agents on both
 * lines, named by the window that ran out (from x-synthetic-quotas or one free /v2/quotas read).
 * An ordinary 429 is still retried.
 */
import { readFileSync } from "node:fs";
import { APICallError } from "@ai-sdk/provider";
import { generateText, streamText } from "ai";
import { describe, expect, it } from "vitest";
import {
  createSynthetic,
  getSubscriptionLimit,
  isContextOverflowError,
  isSubscriptionLimitError,
  type SyntheticQuota,
  syntheticGateway,
} from "../src";
import { readQuota } from "../src/quota";
import { QuotaWatch } from "../src/subscription-limit";
import { todaysPlan } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream, registerAgents } from "./support/mastra-lines";

const KEY = "sk-cap-test";
const MODEL = "hf:zai-org/GLM-5.2";
// A real cap body (can1357/oh-my-pi#7767; see test/fixtures/recorded/SOURCES.md).
const CAP_BODY = readFileSync(
  new URL("./fixtures/recorded/account/subscription-cap-429.json", import.meta.url),
  "utf8",
);
const CAP_TEXT = (JSON.parse(CAP_BODY) as { error: string }).error;

const now = Date.now();
const plan = todaysPlan(now);
const exhausted = {
  ...plan,
  rollingFiveHourLimit: { ...plan.rollingFiveHourLimit, remaining: 0, limited: true },
};
const fixture = useEmulator({ apiKey: KEY, quotas: exhausted });

const count = (suffix: string) => fixture.emulator.requests.filter((r) => r.path.endsWith(suffix)).length;
const provider = (extra = {}) =>
  createSynthetic({ baseURL: fixture.emulator.url, apiKey: KEY, retryBaseDelayMs: 1, ...extra });
const cap = { status: 429, rawBody: CAP_BODY };
const failure = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );

describe("the subscription cap", () => {
  it("is sent once through generateText with ai's default retries and ours, and marked not retryable", async () => {
    fixture.emulator.setDefault(cap);
    const error = await failure(generateText({ model: provider()(MODEL), prompt: "hi" }));
    expect(count("/chat/completions")).toBe(1);
    expect(isSubscriptionLimitError(error)).toBe(true);
    expect(isContextOverflowError(error)).toBe(false);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: false });
  });

  it("with our maxRetries 0, ai's retries do not resend it either (streamText too)", async () => {
    fixture.emulator.setDefault(cap);
    await failure(generateText({ model: provider({ maxRetries: 0 })(MODEL), prompt: "hi", maxRetries: 2 }));
    expect(count("/chat/completions")).toBe(1);
    const errors: unknown[] = [];
    const result = streamText({
      model: provider({ maxRetries: 0 })(MODEL),
      prompt: "hi",
      onError: ({ error }) => void errors.push(error),
    });
    await result.consumeStream();
    expect(count("/chat/completions")).toBe(2);
    expect(isSubscriptionLimitError(errors[0])).toBe(true);
  });

  it("names the exhausted window and its next refill, read from one free GET /v2/quotas", async () => {
    fixture.emulator.setDefault(cap);
    const error = (await failure(generateText({ model: provider()(MODEL), prompt: "hi" }))) as APICallError;
    expect(count("/v2/quotas")).toBe(1);
    const tick = new Date(plan.rollingFiveHourLimit.nextTickAt).toISOString().slice(11, 16);
    expect(error.message).toContain(CAP_TEXT);
    expect(error.message).toContain(
      `The 5h window is used up (135 of 135 requests used); next refill: +5% at ${tick} UTC (in `,
    );
    expect(getSubscriptionLimit(error)).toMatchObject({
      window: { name: "rollingFiveHourLimit", limited: true },
      nextRefillAt: plan.rollingFiveHourLimit.nextTickAt,
    });
  });

  it("takes the window from the 429's own x-synthetic-quotas header without reading /v2/quotas", async () => {
    const weekly = {
      ...plan,
      weeklyTokenLimit: { ...plan.weeklyTokenLimit, percentRemaining: 0, remainingCredits: "$0.00" },
    };
    fixture.emulator.setDefault({ ...cap, headers: { "x-synthetic-quotas": JSON.stringify(weekly) } });
    const error = (await failure(generateText({ model: provider()(MODEL), prompt: "hi" }))) as APICallError;
    expect(count("/v2/quotas")).toBe(0);
    expect(error.message).toContain("The week window is used up ($0.00 of $24.00 left (0%)); next refill: +$0.48 at");
  });

  it("is recognised on a real recorded body and on no other error", () => {
    const error = (status: number, body: string) =>
      new APICallError({ message: body, url: "u", requestBodyValues: {}, statusCode: status, responseBody: body });
    expect(isSubscriptionLimitError(error(429, CAP_BODY))).toBe(true);
    expect(isSubscriptionLimitError(error(429, '{"error":"Too many requests"}'))).toBe(false);
    expect(isSubscriptionLimitError(error(400, CAP_BODY))).toBe(false);
    expect(isSubscriptionLimitError(new Error(CAP_TEXT))).toBe(false);
    expect(getSubscriptionLimit(new Error("x"))).toBeUndefined();
  });

  it("an ordinary 429 with Retry-After is still retried", async () => {
    fixture.emulator.script(
      { status: 429, error: "Too many requests", headers: { "retry-after": "0" } },
      { content: "after the pause" },
    );
    const { text } = await generateText({ model: provider()(MODEL), prompt: "hi", maxRetries: 0 });
    expect(text).toBe("after the pause");
    expect(count("/chat/completions")).toBe(2);
  });

  describe.each(mastraLines)("through a Mastra $name agent", (line) => {
    const agent = () =>
      registerAgents(
        line,
        { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) },
        { gateways: { synthetic: syntheticGateway({ baseURL: fixture.emulator.url, apiKey: KEY }) } },
      ).agents.agent;

    it("generate and stream send it once each and surface the named window", async () => {
      fixture.emulator.setDefault(cap);
      const error = await failure(agent().generate("hi", { modelSettings: { maxRetries: 2 } }));
      expect(count("/chat/completions")).toBe(1);
      expect(String((error as Error).message)).toContain("The 5h window is used up");
      const { errors } = await readFullStream(await agent().stream("hi"));
      expect(count("/chat/completions")).toBe(2);
      expect(isSubscriptionLimitError(errors[0])).toBe(true);
    });
  });
});

describe("QuotaWatch", () => {
  const capError = () =>
    new APICallError({ message: CAP_TEXT, url: "u", requestBodyValues: {}, statusCode: 429, responseBody: CAP_BODY });

  it("uses the last x-synthetic-quotas seen and reads /v2/quotas only without one", async () => {
    let reads = 0;
    const watch = new QuotaWatch(async () => {
      reads++;
      return readQuota(exhausted) as SyntheticQuota;
    });
    watch.observe({ "x-synthetic-quotas": JSON.stringify(exhausted) });
    const named = await watch.explain(capError(), undefined);
    expect(reads).toBe(0);
    expect(getSubscriptionLimit(named)?.window?.label).toBe("5h");
    const fresh = new QuotaWatch(async () => {
      reads++;
      return readQuota(exhausted) as SyntheticQuota;
    });
    await fresh.explain(capError(), undefined);
    expect(reads).toBe(1);
  });

  it("still gives a non-retryable cap error when the quota read fails, saying it cannot tell the window", async () => {
    const watch = new QuotaWatch(async () => {
      throw new Error("offline");
    });
    const error = (await watch.explain(capError(), undefined)) as APICallError;
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain("Synthetic did not say which window is used up");
  });

  it("leaves every other error as it is", async () => {
    const watch = new QuotaWatch(async () => ({}));
    const other = new Error("boom");
    expect(await watch.explain(other, undefined)).toBe(other);
  });
});

describe("a 429 whose body stalls", () => {
  it("is not taken for the cap, and is retried and settles (the cap check's copy of the body is cancelled)", async () => {
    const { createServer } = await import("node:http");
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(429, { "content-type": "application/json" });
      res.write('{"error":"Too many');
      // The rest never comes.
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const model = createSynthetic({
        baseURL: `http://127.0.0.1:${port}/openai/v1`,
        apiKey: KEY,
        maxRetries: 1,
        retryBaseDelayMs: 1,
        idleTimeoutMs: 50,
      })(MODEL);
      const error = await failure(generateText({ model, prompt: "hi", maxRetries: 0 }));
      expect(APICallError.isInstance(error) && error.statusCode).toBe(429);
      expect(isSubscriptionLimitError(error)).toBe(false);
      expect(requests).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the cap of a request with a key of its own", () => {
  it("is explained from that key's quotas, not the gateway's own key", async () => {
    fixture.emulator.setDefault(cap);
    const gateway = syntheticGateway({ baseURL: fixture.emulator.url, apiKey: "sk-gateway-own", liveCatalog: false });
    const model = gateway.resolveLanguageModel({ modelId: "GLM-5.2", providerId: "hf:zai-org", apiKey: KEY });
    const error = await failure(generateText({ model, prompt: "hi" }));
    expect(isSubscriptionLimitError(error)).toBe(true);
    const quotaReads = fixture.emulator.requests.filter((r) => r.path === "/v2/quotas");
    expect(quotaReads.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
    expect(getSubscriptionLimit(error)?.window?.name).toBe("rollingFiveHourLimit");
  });
});
