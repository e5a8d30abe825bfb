/**
 * Secrets: the API key never shows up in errors (any field, any depth, causes included),
 * serialisations of provider, model or gateway, Mastra span serialisations, or logs; and the
 * settings refuse to send it where it could leak (plain http to a remote host, header
 * injection, credentials in the URL).
 */

import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { inspect } from "node:util";
import { ModelRouterLanguageModel } from "@mastra/core/llm";
import { generateText, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { createSynthetic, SyntheticConfigurationError, type SyntheticProviderSettings, syntheticGateway } from "../src";
import type { EmulatorReply } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream, registerAgents, withEnv } from "./support/mastra-lines";

const KEY = `sk-SECRET-${randomBytes(12).toString("hex")}`;
const MODEL = "hf:zai-org/GLM-5.2";
const fixture = useEmulator({ apiKey: KEY });

const fast = (extra: SyntheticProviderSettings = {}): SyntheticProviderSettings => ({
  baseURL: fixture.emulator.url,
  apiKey: KEY,
  retryBaseDelayMs: 1,
  ...extra,
});

/**
 * Every string reachable from `value`: own properties enumerable or not, symbol keys, getters'
 * values, causes, Headers/Map/Set entries, array items, plus `inspect` and `JSON.stringify`.
 */
function reachableText(value: unknown): string {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (v: unknown, depth: number) => {
    if (typeof v === "string") return void out.push(v);
    if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return void out.push(String(v));
    if (v === null || (typeof v !== "object" && typeof v !== "function") || seen.has(v) || depth > 12) return;
    seen.add(v);
    if (v instanceof Headers || v instanceof Map)
      for (const [k, item] of v.entries()) visit(`${k}: ${item}`, depth + 1);
    if (v instanceof Set) for (const item of v) visit(item, depth + 1);
    for (const key of Reflect.ownKeys(v)) {
      if (typeof key === "string") out.push(key);
      let item: unknown;
      try {
        item = (v as Record<PropertyKey, unknown>)[key];
      } catch {
        continue;
      }
      visit(item, depth + 1);
    }
  };
  visit(value, 0);
  out.push(inspect(value, { showHidden: true, depth: Infinity, getters: true }));
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // Circular structures cannot be stringified; their parts were walked above.
  }
  return out.join("\n");
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );

it("the walker finds a key hidden in a non-enumerable cause property (control)", () => {
  const hidden = new Error("outer", {
    cause: Object.defineProperty({}, "headers", { value: { auth: `Bearer ${KEY}` } }),
  });
  expect(reachableText(hidden)).toContain(KEY);
});

describe("errors", () => {
  const streamErrors = async (reply: EmulatorReply, extra?: SyntheticProviderSettings) => {
    fixture.emulator.script(reply);
    const errors: unknown[] = [];
    const result = streamText({
      model: createSynthetic(fast(extra))(MODEL),
      prompt: "hi",
      onError: ({ error }) => void errors.push(error),
    });
    await result.consumeStream();
    return errors;
  };

  const cases: [string, () => Promise<unknown[]>][] = [
    [
      "401 from a wrong key",
      async () => [
        await failure(generateText({ model: createSynthetic(fast({ apiKey: `${KEY}-wrong` }))(MODEL), prompt: "hi" })),
      ],
    ],
    [
      "503 after all retries",
      async () => {
        fixture.emulator.setDefault({ status: 503 });
        return [await failure(generateText({ model: createSynthetic(fast())(MODEL), prompt: "hi" }))];
      },
    ],
    [
      "400 with Synthetic's text",
      async () => {
        fixture.emulator.script({ status: 400, error: "bad request" });
        return [await failure(generateText({ model: createSynthetic(fast())(MODEL), prompt: "hi" }))];
      },
    ],
    [
      "connection reset before any response",
      async () => {
        const server = createServer((socket) => socket.destroy());
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const { port } = server.address() as { port: number };
        const error = await failure(
          generateText({
            model: createSynthetic(fast({ baseURL: `http://127.0.0.1:${port}/openai/v1` }))(MODEL),
            prompt: "hi",
          }),
        );
        server.close();
        return [error];
      },
    ],
    [
      "request timeout",
      async () => {
        fixture.emulator.script({ delayMs: 2_000 });
        return [await failure(generateText({ model: createSynthetic(fast({ timeoutMs: 100 }))(MODEL), prompt: "hi" }))];
      },
    ],
    [
      "idle timeout mid-stream",
      () => streamErrors({ content: "abcdefgh", chunkSize: 2, stallAfterChunks: 2 }, { idleTimeoutMs: 100 }),
    ],
    ["connection cut mid-stream", () => streamErrors({ content: "abcdefgh", chunkSize: 2, disconnectAfterChunks: 2 })],
    ["error object in a 200 stream", () => streamErrors({ content: "abc", streamError: "boom" })],
    ["malformed chunk", () => streamErrors({ content: "abcdefgh", chunkSize: 2, malformedChunkAt: 1 })],
    [
      "abort",
      async () => {
        fixture.emulator.script({ delayMs: 2_000 });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        return [
          await failure(
            generateText({ model: createSynthetic(fast())(MODEL), prompt: "hi", abortSignal: controller.signal }),
          ),
        ];
      },
    ],
  ];

  it.each(cases)("%s: no field of the error, at any depth, holds the key", async (_name, run) => {
    const errors = await run();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(reachableText(error)).not.toContain(KEY);
    }
  });

  it.each(mastraLines)("Mastra $name: agent errors (generate and stream) do not hold the key", async (line) => {
    fixture.emulator.setDefault({ status: 503 });
    const agent = registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) },
      { gateways: { synthetic: syntheticGateway(fast()) } },
    ).agents.agent;
    const generateError = await failure(agent.generate("hi"));
    const { errors } = await readFullStream(await agent.stream("hi"));
    expect(errors.length).toBe(1);
    for (const error of [generateError, ...errors]) expect(reachableText(error)).not.toContain(KEY);
  });
});

describe("serialisations", () => {
  it("provider, chat model, embedding model and gateway: JSON.stringify, inspect, serializeForSpan", async () => {
    const provider = createSynthetic(fast());
    const gateway = syntheticGateway(fast());
    const resolved = gateway.resolveLanguageModel({
      providerId: "hf:zai-org",
      modelId: "GLM-5.2",
      apiKey: await gateway.getApiKey(MODEL),
    });
    // Used once, so any lazily cached settings exist when serialised.
    await generateText({ model: resolved, prompt: "hi" });
    const objects = [
      provider,
      provider(MODEL),
      provider.textEmbeddingModel("hf:nomic-ai/nomic-embed-text-v1.5"),
      gateway,
      resolved,
    ];
    for (const object of objects) {
      expect(reachableText(object)).not.toContain(KEY);
      expect(JSON.stringify(object)).not.toContain(KEY);
    }
    expect(JSON.stringify(gateway.serializeForSpan())).toBe('{"id":"synthetic","name":"Synthetic"}');
  });

  it("with the key from SYNTHETIC_API_KEY too", async () => {
    await withEnv({ SYNTHETIC_API_KEY: KEY }, async () => {
      const provider = createSynthetic({ baseURL: fixture.emulator.url });
      const model = provider(MODEL);
      await generateText({ model, prompt: "hi" });
      for (const object of [provider, model, syntheticGateway({ baseURL: fixture.emulator.url })]) {
        expect(reachableText(object)).not.toContain(KEY);
      }
    });
  });

  it("Mastra 1.x ModelRouterLanguageModel.serializeForSpan() for our gateway, after a call", async () => {
    const gateway = syntheticGateway(fast());
    const router = new ModelRouterLanguageModel(`synthetic/${MODEL}`, [gateway as never]);
    fixture.emulator.script({ content: "ok" });
    const { text } = await generateText({ model: router as never, prompt: "hi" });
    expect(text).toBe("ok");
    const span = router.serializeForSpan();
    expect(span).toMatchObject({ gatewayId: "synthetic", modelId: "GLM-5.2" });
    expect(reachableText(span)).not.toContain(KEY);
  });
});

describe("logs", () => {
  it("console and stdout/stderr stay free of the key while calls fail (AI SDK and both Mastra lines)", async () => {
    const captured: string[] = [];
    const methods = ["log", "info", "warn", "error", "debug", "trace"] as const;
    const originals = methods.map((m) => console[m]);
    const writes = [process.stdout.write, process.stderr.write];
    for (const m of methods)
      console[m] = (...args: unknown[]) => void captured.push(inspect(args, { depth: Infinity }));
    const capture = (chunk: unknown) => {
      captured.push(String(chunk));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    try {
      fixture.emulator.setDefault({ status: 503 });
      // streamText without onError logs the error to console.error.
      await streamText({ model: createSynthetic(fast())(MODEL), prompt: "hi" }).consumeStream();
      for (const line of mastraLines) {
        const agents = { agent: new line.Agent({ name: "agent", instructions: "x", model: `synthetic/${MODEL}` }) };
        const { mastra } = registerAgents(line, agents, { gateways: { synthetic: syntheticGateway(fast()) } });
        const agent = mastra.getAgent("agent");
        await failure(agent.generate("hi"));
        await readFullStream(await agent.stream("hi"));
        // An agent outside a Mastra instance logs with Mastra's default console logger.
        const solo = new line.Agent({ name: "solo", instructions: "x", model: createSynthetic(fast())(MODEL) });
        await failure(solo.generate("hi"));
      }
    } finally {
      methods.forEach((m, i) => {
        console[m] = originals[i] as never;
      });
      [process.stdout.write, process.stderr.write] = writes as [
        typeof process.stdout.write,
        typeof process.stderr.write,
      ];
    }
    expect(captured.length).toBeGreaterThan(0);
    expect(captured.join("\n")).not.toContain(KEY);
  });
});

describe("settings that would expose the key", () => {
  it.each([
    "http://api.synthetic.new/openai/v1",
    "http://10.0.0.5:8080/v1",
    "http://localhost.evil.com/v1",
    "http://127.0.0.1.nip.io/v1",
  ])("rejects plain http to a remote host: %s", (baseURL) => {
    expect(() => createSynthetic({ apiKey: KEY, baseURL })).toThrow(/plain http:\/\/.*allowInsecureHttp/);
  });

  it.each(["http://127.0.0.1:8787/v1", "http://localhost:3000/v1", "http://[::1]:8080/v1", "http://127.1.2.3/v1"])(
    "accepts plain http to loopback: %s",
    (baseURL) => {
      expect(() => createSynthetic({ apiKey: KEY, baseURL })).not.toThrow();
    },
  );

  it("accepts plain http to a remote host only with allowInsecureHttp", () => {
    expect(() =>
      createSynthetic({ apiKey: KEY, baseURL: "http://10.0.0.5/v1", allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it("checks SYNTHETIC_BASE_URL the same way, before any request", async () => {
    await withEnv({ SYNTHETIC_BASE_URL: "http://example.com/openai/v1" }, async () => {
      const error = await failure(generateText({ model: createSynthetic({ apiKey: KEY })(MODEL), prompt: "hi" }));
      expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("SYNTHETIC_BASE_URL uses plain http://");
    });
  });

  it.each([
    ["apiKey with CR/LF", { apiKey: `${KEY}\r\nX-Injected: 1` }],
    ["apiKey with NUL", { apiKey: `${KEY}\u0000` }],
    ["header value with LF", { apiKey: KEY, headers: { "X-Custom": `a\nAuthorization: Bearer ${KEY}` } }],
  ])("rejects %s without echoing the value", (_name, settings) => {
    const error = (() => {
      try {
        createSynthetic(settings as SyntheticProviderSettings);
      } catch (e) {
        return e;
      }
    })();
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect(reachableText(error)).not.toContain(KEY);
  });

  it("rejects a key with CR/LF from SYNTHETIC_API_KEY at request time, sending nothing", async () => {
    await withEnv({ SYNTHETIC_API_KEY: `${KEY}\nX: y` }, async () => {
      const error = await failure(
        generateText({ model: createSynthetic({ baseURL: fixture.emulator.url })(MODEL), prompt: "hi" }),
      );
      expect((error as Error).message).toContain("line break");
      expect(reachableText(error)).not.toContain(KEY);
    });
    expect(fixture.emulator.requests).toHaveLength(0);
  });

  it("rejects a baseURL with credentials in it without echoing them", () => {
    const error = (() => {
      try {
        createSynthetic({ apiKey: KEY, baseURL: `https://user:${KEY}@api.synthetic.new/openai/v1` });
      } catch (e) {
        return e;
      }
    })();
    expect((error as Error).message).toContain("must not contain credentials");
    expect(reachableText(error)).not.toContain(KEY);
  });

  it("does not echo a baseURL that is not a URL (it is sometimes the key, passed by mistake)", () => {
    expect(() => createSynthetic({ baseURL: KEY })).toThrow(SyntheticConfigurationError);
    try {
      createSynthetic({ baseURL: KEY });
    } catch (error) {
      expect(reachableText(error)).not.toContain(KEY);
    }
  });

  it("sends the key only in the Authorization header", async () => {
    fixture.emulator.script({ content: "ok" });
    await generateText({ model: createSynthetic(fast({ headers: { "X-Trace": "t" } }))(MODEL), prompt: "hi" });
    const request = fixture.emulator.lastRequest();
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    const { authorization: _, ...otherHeaders } = request?.headers ?? {};
    expect(JSON.stringify([request?.path, request?.rawBody, otherHeaders])).not.toContain(KEY);
  });
});
