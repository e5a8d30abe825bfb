/**
 * Live information reaches every model (issue 13): a model only the live `/models` list knows
 * gets its price (cost), capabilities and reasoning efforts there, through the provider with
 * `liveCatalog: true` and through the gateway (live by default), on both Mastra lines.
 */
import { generateText, tool } from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  createSynthetic,
  LiveCatalog,
  listModels,
  SyntheticConfigurationError,
  type SyntheticModelInfo,
  syntheticGateway,
} from "../src";
import { useEmulator } from "./support/emulator";
import { mastraLines, registerAgents } from "./support/mastra-lines";

// A model released after the bundled catalog was made: only the live list has it.
const fresh: SyntheticModelInfo = {
  id: "hf:newlab/Fresh-1",
  name: "newlab/Fresh-1",
  kind: "chat",
  contextWindow: 131_072,
  tools: false,
  reasoning: true,
  reasoningFormat: "reasoning_content",
  reasoningEfforts: ["low", "high"],
  reasoningReplay: false,
  input: ["text"],
  structuredOutputs: false,
  cost: { input: 0.4, output: 1.6 },
};
const fixture = useEmulator({ models: [...listModels(), fresh] });
const usage = { promptTokens: 1_000_000, completionTokens: 500_000 };
// 1M input tokens at $0.40/1M plus 0.5M output tokens at $1.60/1M.
const liveCost = { input: 0.4, output: 0.8, total: 1.2 };
const modelsReads = () => fixture.emulator.requests.filter((r) => r.path.endsWith("/models")).length;
const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
afterEach(() => warn.mockClear());

describe("provider", () => {
  it("liveCatalog: true prices a live-only model from the live list, read once", async () => {
    const synthetic = fixture.provider({ liveCatalog: true });
    fixture.emulator.script({ content: "hi", usage }, { content: "again", usage });
    const first = await generateText({ model: synthetic(fresh.id), prompt: "x" });
    const second = await generateText({ model: synthetic(fresh.id), prompt: "y" });
    expect(first.providerMetadata?.synthetic?.cost).toEqual(liveCost);
    expect(second.providerMetadata?.synthetic?.cost).toEqual(liveCost);
    expect(modelsReads()).toBe(1);
  });

  it("checks reasoningEffort against the live efforts, before the request", async () => {
    const synthetic = fixture.provider({ liveCatalog: true });
    const call = (reasoningEffort: string) =>
      generateText({ model: synthetic(fresh.id), prompt: "x", providerOptions: { synthetic: { reasoningEffort } } });
    const error = await call("medium").catch((e: unknown) => e);
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'hf:newlab/Fresh-1 does not accept reasoningEffort "medium". Use one of: "low", "high".',
    );
    expect(fixture.chatBodies()).toHaveLength(0);
    await call("high");
    expect(fixture.chatBodies()[0]).toMatchObject({ reasoning_effort: "high" });
  });

  it("refuses tools for a live model whose entry has none, naming the fix", async () => {
    const synthetic = fixture.provider({ liveCatalog: true });
    const error = await generateText({
      model: synthetic(fresh.id),
      prompt: "x",
      tools: { lookup: tool({ description: "Looks a word up.", inputSchema: z.object({ word: z.string() }) }) },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^hf:newlab\/Fresh-1 does not support tools\. Use a model that does/);
    expect(fixture.chatBodies()).toHaveLength(0);
  });

  it("by default makes no /models request: the id is sent as is, without cost, saying so once", async () => {
    const synthetic = fixture.provider();
    const id = "hf:newlab/Fresh-Default";
    fixture.emulator.script({ content: "a", usage }, { content: "b", usage });
    const first = await generateText({ model: synthetic(id), prompt: "x" });
    await generateText({ model: synthetic(id), prompt: "y" });
    expect(first.providerMetadata?.synthetic?.cost).toBeUndefined();
    expect(modelsReads()).toBe(0);
    expect(warn.mock.calls.filter(([m]) => String(m).includes(id))).toEqual([
      [
        `mastra-synthetic: no model catalog lists "${id}"; it is sent as is, without cost, capability checks or reasoningEffort validation.`,
      ],
    ]);
  });

  it("a shared LiveCatalog serves providers and gateways from one read", async () => {
    const catalog = new LiveCatalog({ baseURL: fixture.emulator.url });
    const a = fixture.provider({ liveCatalog: catalog });
    const b = createSynthetic({ baseURL: fixture.emulator.url, apiKey: "k", liveCatalog: catalog });
    fixture.emulator.script({ content: "a", usage }, { content: "b", usage });
    const results = [
      await generateText({ model: a(fresh.id), prompt: "x" }),
      await generateText({ model: b(fresh.id), prompt: "y" }),
    ];
    expect(results.map((r) => r.providerMetadata?.synthetic?.cost)).toEqual([liveCost, liveCost]);
    expect(modelsReads()).toBe(1);
  });
});

describe.each(mastraLines)("gateway, Mastra $name", (line) => {
  it("prices a live-only model through the router from the list it already read", async () => {
    const gateway = syntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k" });
    const { agents } = registerAgents(
      line,
      { agent: new line.Agent({ id: "live", name: "live", instructions: "x", model: `synthetic/${fresh.id}` }) },
      { gateways: { synthetic: gateway } },
    );
    fixture.emulator.script({ content: "priced", usage });
    const result = await agents.agent.generate("x");
    expect(result.text).toBe("priced");
    expect(result.providerMetadata?.synthetic?.cost).toEqual(liveCost);
    expect(fixture.chatBodies()[0]).toMatchObject({ model: fresh.id });
  });
});
