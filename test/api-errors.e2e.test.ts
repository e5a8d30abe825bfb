/**
 * Synthetic's `{"error": "..."}` bodies become APICallErrors carrying Synthetic's own text, status
 * and retryability, through the model and through Mastra agents on both lines.
 */

import { APICallError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { createSynthetic, getContextOverflow, isContextOverflowError, listModels } from "../src";
import { retiredModelHint } from "../src/catalog";
import { startSyntheticEmulator } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream } from "./support/mastra-lines";

// These tests script Synthetic's answers for retired models themselves; the emulator's own
// refusal of them is read through a default emulator below.
const fixture = useEmulator({ retiredModels: "serve" });

// maxRetries: 0 keeps each case to one request; retries have their own suite.
// A current model: a retired one gets its successor appended to 400/404 texts (tested below).
const CURRENT = "hf:zai-org/GLM-5.2";
const model = (id = CURRENT) => createSynthetic({ baseURL: fixture.emulator.url, apiKey: "k", maxRetries: 0 })(id);
const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];
const rejection = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => undefined,
    (e: unknown) => e,
  );

const cases: [number, string, boolean][] = [
  [400, "Your model name should start with an hf: prefix", false],
  [401, "Invalid API key", false],
  [402, "Payment required: add credits to continue.", false],
  [404, "Model not found", false],
  // An ordinary 429; the subscription cap's is final (test/subscription-limit.e2e.test.ts).
  [429, "Too many requests", true],
  [500, "Internal server error", true],
  [503, "Backend unavailable", true],
];

const chatUrl = () => `${fixture.emulator.url}/chat/completions`;

describe("a model Synthetic retired", () => {
  it("fails with Synthetic's text plus the successor the catalog names, and the URL, in both modes", async () => {
    const retired = listModels({ kind: "chat", retired: true }).find((m) => m.successor);
    expect(retired, "the catalog records retired models with successors").toBeDefined();
    const id = retired?.id ?? "";
    fixture.emulator.setDefault({ status: 404, error: `Model ${id} not found` });
    for (const call of [() => model(id).doGenerate({ prompt }), () => model(id).doStream({ prompt })]) {
      const error = await rejection(call());
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).message).toBe(
        `Model ${id} not found. ${retiredModelHint(id)} (404 from ${chatUrl()})`,
      );
      expect((error as APICallError).message).toMatch(/was retired by Synthetic.*; use (hf|syn):/);
    }
  });

  it("does not repeat a successor Synthetic's own text names (the emulator's default refusal)", async () => {
    await using strict = await startSyntheticEmulator();
    const minimax = createSynthetic({ baseURL: strict.url, apiKey: "k", maxRetries: 0 })("hf:MiniMaxAI/MiniMax-M2");
    const error = (await rejection(minimax.doGenerate({ prompt }))) as APICallError;
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe(
      `Model hf:MiniMaxAI/MiniMax-M2 is no longer available: it was retired. Use syn:large:text instead. (404 from ${strict.url}/chat/completions)`,
    );
  });

  it("adds no retired note when the answer does not name the model, or is not about it", async () => {
    const current = listModels({ kind: "chat", retired: false })[0]?.id ?? "";
    const retired = listModels({ kind: "chat", retired: true })[0]?.id ?? "";
    fixture.emulator.setDefault({ status: 404, error: "Model not found" });
    for (const id of [current, retired]) {
      const message = ((await rejection(model(id).doGenerate({ prompt }))) as Error).message;
      expect(message).toBe(
        `Model not found. ${chatUrl()} answered 404: check the base URL (Synthetic's is https://api.synthetic.new/openai/v1; the package appends /chat/completions).`,
      );
    }
    const overflow = "The input (9000 tokens) is longer than the model's context length (8192 tokens).";
    fixture.emulator.setDefault({ status: 400, error: overflow });
    expect(((await rejection(model(retired).doGenerate({ prompt }))) as Error).message).toBe(overflow);
  });
});

describe("a wrong base URL", () => {
  // The emulator's routes live under /openai/v1 (and /v1): this path answers its plain 404.
  const wrong = () => `${fixture.emulator.origin}/openai/v2`;

  it("names the URL that answered 404 and the fix, never the key, and no retired note for a retired model", async () => {
    const synthetic = createSynthetic({ baseURL: wrong(), apiKey: "sk-secret-key", maxRetries: 0 });
    for (const id of ["hf:zai-org/GLM-5.2", "hf:MiniMaxAI/MiniMax-M2"]) {
      const error = (await rejection(synthetic(id).doGenerate({ prompt }))) as APICallError;
      expect(error.statusCode).toBe(404);
      expect(error.message).toBe(
        `Not found. ${wrong()}/chat/completions answered 404: check the base URL (Synthetic's is https://api.synthetic.new/openai/v1; the package appends /chat/completions).`,
      );
      expect(error.message).not.toContain("sk-secret-key");
    }
  });

  it.each(mastraLines)("reaches a Mastra $name agent with the URL", async (line) => {
    const synthetic = createSynthetic({ baseURL: wrong(), apiKey: "k", maxRetries: 0 });
    const agent = new line.Agent({ name: "wrong", instructions: "x", model: synthetic("hf:zai-org/GLM-5.2") });
    const error = (await rejection(agent.generate("hi", { maxRetries: 0 }))) as Error;
    expect(error.message).toContain(`${wrong()}/chat/completions answered 404: check the base URL`);
  });
});

describe("APICallError from Synthetic's error body", () => {
  it.each(cases)("%i: message is Synthetic's text, retryable=%s", async (status, text, retryable) => {
    fixture.emulator.setDefault({ status, error: text });
    for (const call of [() => model().doGenerate({ prompt }), () => model().doStream({ prompt })]) {
      const error = await rejection(call());
      expect(APICallError.isInstance(error)).toBe(true);
      const apiError = error as APICallError;
      // A 404 also says which URL answered (tested above).
      if (status === 404) expect(apiError.message).toMatch(`${text}. ${chatUrl()} answered 404: check the base URL`);
      else expect(apiError.message).toBe(text);
      expect(apiError.statusCode).toBe(status);
      expect(apiError.isRetryable).toBe(retryable);
    }
  });

  it("reads OpenAI-style {error: {message}} bodies too", async () => {
    fixture.emulator.script({
      status: 400,
      rawBody: JSON.stringify({ error: { message: "bad things", type: "invalid" } }),
    });
    const error = (await rejection(model().doGenerate({ prompt }))) as APICallError;
    expect(error.message).toBe("bad things");
  });

  it("makes context overflow recognisable, with the token counts", async () => {
    const error = await rejection(
      model("hf:Qwen/Qwen2.5-Coder-32B-Instruct").doGenerate({
        prompt: [{ role: "user", content: [{ type: "text", text: "word ".repeat(40_000) }] }],
      }),
    );
    expect(isContextOverflowError(error)).toBe(true);
    expect(getContextOverflow(error)).toEqual({ inputTokens: expect.any(Number), contextLength: 32768 });
    expect(getContextOverflow(error)?.inputTokens).toBeGreaterThan(32768);
    fixture.emulator.script({ status: 400, error: "Your model name should start with an hf: prefix" });
    expect(isContextOverflowError(await rejection(model().doGenerate({ prompt })))).toBe(false);
  });
});

describe.each(mastraLines)("Mastra $name", (line) => {
  const agent = () => new line.Agent({ name: "err", instructions: "x", model: model(), maxRetries: 0 });

  it("rejects generate with Synthetic's message and status", async () => {
    fixture.emulator.setDefault({ status: 402, error: "Payment required: add credits to continue." });
    const error = await rejection(agent().generate("hi"));
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(402);
    expect((error as Error).message).toBe("Payment required: add credits to continue.");
  });

  it("ends the stream with an error part carrying Synthetic's message", async () => {
    fixture.emulator.setDefault({ status: 401, error: "Invalid API key" });
    const stream = await agent().stream("hi");
    const { errors } = await readFullStream(stream);
    expect(errors).toHaveLength(1);
    expect(APICallError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as Error).message).toBe("Invalid API key");
  });
});
