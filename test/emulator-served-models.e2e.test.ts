/**
 * What the emulator serves, as Synthetic does: `/models` lists current models only, a retired id
 * is refused naming its successor, and `max_tokens` cuts the answer (finish `length`). Each has
 * an opt-out a test may ask for (`retiredModels: "serve"`).
 */
import { describe, expect, it } from "vitest";
import { createSynthetic, listModels } from "../src";
import { startSyntheticEmulator } from "../src/testing";
import { useEmulator } from "./support/emulator";

const fixture = useEmulator({ apiKey: "k" });
const current = listModels({ retired: false }).map((model) => model.id);
const retired = listModels({ retired: true });
const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "Say OK, please." }] }];

async function post(url: string, path: string, body: object) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const listed = async (url: string) =>
  ((await (await fetch(`${url}/models`)).json()) as { data: { id: string }[] }).data.map((entry) => entry.id);

describe("retired models", () => {
  it("GET /models lists the current catalog only", async () => {
    expect(retired.length).toBeGreaterThan(0);
    expect(await listed(fixture.emulator.url)).toEqual(current);
  });

  it("refuses a retired id with 404 naming the current successor, before any scripted reply", async () => {
    fixture.emulator.script({ content: "never sent" });
    const minimax = await post(fixture.emulator.url, "/chat/completions", {
      model: "hf:MiniMaxAI/MiniMax-M2",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(minimax).toEqual({
      status: 404,
      body: {
        error: "Model hf:MiniMaxAI/MiniMax-M2 is no longer available: it was retired. Use syn:large:text instead.",
      },
    });
    // GLM-4.5's successor GLM-4.6 was retired in turn: the current end of the chain is named.
    const glm = await post(fixture.emulator.url, "/completions", { model: "hf:zai-org/GLM-4.5", prompt: "hi" });
    expect(glm.status).toBe(404);
    expect(glm.body.error).toContain("Use hf:zai-org/GLM-5.3-Flash instead.");
    const answered = await post(fixture.emulator.url, "/chat/completions", {
      model: "hf:zai-org/GLM-5.2",
      messages: [{ role: "user", content: "hi" }],
    });
    expect((answered.body.choices as { message: { content: string } }[])[0]?.message.content).toBe("never sent");
  });

  it('lists and answers them with retiredModels: "serve"', async () => {
    await using serving = await startSyntheticEmulator({ retiredModels: "serve" });
    expect(await listed(serving.url)).toEqual(listModels().map((model) => model.id));
    const answer = await post(serving.url, "/chat/completions", {
      model: "hf:MiniMaxAI/MiniMax-M2",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(answer.status).toBe(200);
  });
});

describe("max_tokens", () => {
  const model = () => createSynthetic({ baseURL: fixture.emulator.url, apiKey: "k" })("hf:zai-org/GLM-5.2");

  it("cuts the made-up answer to that many tokens, reasoning first, finish length", async () => {
    const result = await model().doGenerate({ prompt, maxOutputTokens: 1 });
    expect(fixture.chatBodies()[0]).toMatchObject({ max_tokens: 1 });
    expect(result.usage.outputTokens).toBe(1);
    expect(result.finishReason).toBe("length");
    expect(result.content).toEqual([{ type: "reasoning", text: "Thin" }]);
  });

  it("cuts a scripted stream too, and leaves an answer within the limit alone", async () => {
    fixture.emulator.script({ reasoning: "Four", content: "The answer is forty-two." }, { content: "Short." });
    const read = async (maxOutputTokens: number) => {
      const { stream } = await model().doStream({ prompt, maxOutputTokens, includeRawChunks: false });
      let text = "";
      let reasoning = "";
      let finish: unknown;
      let outputTokens: unknown;
      for await (const part of stream as unknown as AsyncIterable<Record<string, unknown>>) {
        if (part.type === "text-delta") text += String(part.delta);
        if (part.type === "reasoning-delta") reasoning += String(part.delta);
        if (part.type === "finish") {
          finish = part.finishReason;
          outputTokens = (part.usage as { outputTokens?: number }).outputTokens;
        }
      }
      return { text, reasoning, finish, outputTokens };
    };
    expect(await read(3)).toEqual({ reasoning: "Four", text: "The answ", finish: "length", outputTokens: 3 });
    expect(await read(100)).toEqual({ reasoning: "", text: "Short.", finish: "stop", outputTokens: 2 });
  });

  it("cuts /completions as well", async () => {
    const answer = await post(fixture.emulator.url, "/completions", {
      model: "hf:zai-org/GLM-5.2",
      prompt: "abcdefghijklmnop",
      max_tokens: 2,
    });
    const [choice] = answer.body.choices as { text: string; finish_reason: string }[];
    expect(choice).toMatchObject({ text: "Echo: ab", finish_reason: "length" });
    expect(answer.body.usage).toMatchObject({ completion_tokens: 2 });
  });
});
