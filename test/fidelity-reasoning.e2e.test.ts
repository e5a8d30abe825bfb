/**
 * Reasoning in every wire form comes out as reasoning, never as answer text, through real Mastra
 * agents on both lines, streaming and not; and it goes back to the server in the form each model
 * needs on later turns.
 */
import { describe, expect, it } from "vitest";
import { SyntheticConfigurationError } from "../src";
import type { EmulatorReasoningFormat } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream } from "./support/mastra-lines";

// Wire behaviours only retired catalog models show (the think-tag (MiniMax-M2), replay (Kimi-K2-Thinking) and plain (DeepSeek-V3) models): the emulator
// serves them here; Synthetic itself refuses them (test/emulator-served-models.e2e.test.ts).
const fixture = useEmulator({ retiredModels: "serve" });
const { provider, chatBodies } = fixture;

const REASONING = "First, <consider> the user's 'ask'. Then answer.";
const ANSWER = "The answer is 42.";

// [wire format, model whose catalog entry reads it, reasoning expected, text expected]
const forms: [EmulatorReasoningFormat, string, string, string][] = [
  ["reasoning_content", "hf:moonshotai/Kimi-K2-Thinking", REASONING, ANSWER],
  ["reasoning", "hf:openai/gpt-oss-120b", REASONING, ANSWER],
  ["think-tags", "hf:MiniMaxAI/MiniMax-M2", REASONING, ANSWER],
  ["think-tags-no-open", "hf:MiniMaxAI/MiniMax-M2", REASONING, ANSWER],
  // The bug class where the whole answer lands inside reasoning: none of it may leak into the text.
  ["think-tags-unclosed", "hf:MiniMaxAI/MiniMax-M2", REASONING + ANSWER, ""],
];

describe.each(mastraLines)("Mastra $name", (line) => {
  const agentFor = (model: string) =>
    new line.Agent({ name: "r", instructions: "Think, then answer.", model: provider()(model) });

  describe.each(forms)("reasoning as %s", (format, model, reasoning, text) => {
    it("generate: reasoningText holds the reasoning, text only the answer", async () => {
      fixture.emulator.script({ content: ANSWER, reasoning: REASONING, reasoningFormat: format, chunkSize: 5 });
      const result = await agentFor(model).generate("What is the answer?");
      expect(result.reasoningText).toBe(reasoning);
      expect(result.text).toBe(text);
    });

    it("stream: reasoning parts hold the reasoning, text parts only the answer", async () => {
      fixture.emulator.script({ content: ANSWER, reasoning: REASONING, reasoningFormat: format, chunkSize: 3 });
      const parts = await readFullStream(await agentFor(model).stream("What is the answer?"));
      expect(parts.reasoning).toBe(reasoning);
      expect(parts.text).toBe(text);
      expect(parts.errors).toEqual([]);
    });
  });

  it("leaves a think-tag model's untagged answer as text", async () => {
    fixture.emulator.script({ content: ANSWER, reasoning: "", reasoningFormat: "think-tags" });
    const result = await agentFor("hf:MiniMaxAI/MiniMax-M2").generate("hi");
    expect(result.text).toBe(ANSWER);
    expect(result.reasoningText ?? "").toBe("");
  });

  it("treats content as plain text when a think-tag model sends reasoning in its own field", async () => {
    fixture.emulator.script({ content: "a </think> b", reasoning: "native", reasoningFormat: "reasoning_content" });
    const parts = await readFullStream(await agentFor("hf:MiniMaxAI/MiniMax-M2").stream("hi"));
    expect(parts.reasoning).toBe("native");
    expect(parts.text).toBe("a </think> b");
  });
});

describe.each(mastraLines)("reasoning on later turns, Mastra $name", (line) => {
  async function runToolLoop(model: string, firstReasoning: string) {
    const createTool = await line.createTool();
    const { z } = await import("zod");
    const lookup = createTool({
      id: "lookup",
      description: "Looks a word up",
      inputSchema: z.object({ word: z.string() }),
      execute: async () => ({ meaning: "a greeting" }),
    });
    const agent = new line.Agent({
      name: "loop",
      instructions: "Use tools.",
      model: provider()(model),
      tools: { lookup },
    });
    fixture.emulator.script(
      { reasoning: firstReasoning, toolCalls: [{ name: "lookup", arguments: { word: "hello" } }] },
      { content: "It means a greeting.", reasoning: "" },
    );
    const result = await agent.generate("What does hello mean?");
    expect(result.text).toBe("It means a greeting.");
    const messages = (chatBodies()[1]?.messages ?? []) as Record<string, unknown>[];
    const assistant = messages.find((m) => m.role === "assistant");
    return assistant as Record<string, unknown>;
  }

  it("sends Kimi-K2-Thinking's reasoning back as reasoning_content", async () => {
    const assistant = await runToolLoop("hf:moonshotai/Kimi-K2-Thinking", "I should look it up.");
    expect(assistant.reasoning_content).toBe("I should look it up.");
  });

  it("never sends Kimi an empty reasoning_content, even when the turn had no reasoning", async () => {
    const assistant = await runToolLoop("hf:moonshotai/Kimi-K2-Thinking", "");
    expect(typeof assistant.reasoning_content).toBe("string");
    expect((assistant.reasoning_content as string).length).toBeGreaterThan(0);
  });

  it("inlines MiniMax-M2's reasoning as <think> in the assistant content", async () => {
    const assistant = await runToolLoop("hf:MiniMaxAI/MiniMax-M2", "Look it up.");
    expect(assistant.content).toBe("<think>Look it up.</think>\n\n");
    expect(assistant).not.toHaveProperty("reasoning_content");
  });

  it("does not send DeepSeek-R1's reasoning back (the model does not want it)", async () => {
    const assistant = await runToolLoop("hf:deepseek-ai/DeepSeek-R1", "Look it up.");
    expect(assistant).not.toHaveProperty("reasoning_content");
  });
});

describe.each(mastraLines)("reasoningEffort, Mastra $name", (line) => {
  const agentFor = (model: string) => new line.Agent({ name: "e", instructions: "x", model: provider()(model) });
  const withEffort = (reasoningEffort: string) => ({ providerOptions: { synthetic: { reasoningEffort } } });

  it("sends providerOptions.synthetic.reasoningEffort as reasoning_effort", async () => {
    await agentFor("hf:zai-org/GLM-4.6").generate("hi", withEffort("high"));
    expect(chatBodies()[0]?.reasoning_effort).toBe("high");
    expect(chatBodies()[0]).not.toHaveProperty("reasoningEffort");
  });

  it("rejects a value the catalog says the model does not accept, before the request", async () => {
    const error = await agentFor("hf:openai/gpt-oss-120b")
      .generate("hi", withEffort("max"))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/does not accept reasoningEffort "max".*"low", "medium", "high"/);
    expect(chatBodies()).toHaveLength(0);
  });

  it("ignores it with a warning for a model without reasoning", async () => {
    const model = provider()("hf:deepseek-ai/DeepSeek-V3");
    const result = await model.doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
      providerOptions: { synthetic: { reasoningEffort: "high" } },
    });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ type: "unsupported-setting", setting: "providerOptions" }),
    );
    expect(chatBodies()[0]).not.toHaveProperty("reasoning_effort");
    // And through the agent, the call still succeeds.
    expect((await agentFor("hf:deepseek-ai/DeepSeek-V3").generate("hi", withEffort("high"))).text).toContain("Echo");
  });

  it("rejects unknown provider option keys instead of passing them into the body", async () => {
    const error = await agentFor("hf:zai-org/GLM-4.6")
      .generate("hi", { providerOptions: { synthetic: { reasoning_effort: "high" } } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("reasoningEffort");
    expect(chatBodies()).toHaveLength(0);
  });
});
