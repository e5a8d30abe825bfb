/**
 * `modelSettings` from an agent call reach the request body, for every catalog chat model, on
 * both Mastra lines and every path the package controls. Mastra 1.x consults its own capability
 * data (by provider name and model id) and drops temperature/topP/topK for models it says take
 * none; docs/troubleshooting.md and docs/internals/upstream/ describe what remains Mastra's to fix.
 */
import { modelSupportsTemperature } from "@mastra/core/llm";
import { describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { dynamicModel, listModels, syntheticGateway } from "../src";
import { useEmulator } from "./support/emulator";
import { type MastraLine, mastraLines, registerAgents } from "./support/mastra-lines";

const fixture = useEmulator({ apiKey: "k" });
// Current models: the emulator refuses retired ones, as Synthetic does.
const chatIds = listModels({ kind: "chat", retired: false }).map((model) => model.id);
const hfIds = chatIds.filter((id) => id.startsWith("hf:"));
/** How each line's router takes a catalog id: 0.24's parser needs `synthetic/syn/alias` for aliases. */
const routerString = (line: MastraLine, id: string) =>
  line.name === "0.24" && id.startsWith("syn:") ? `synthetic/syn/${id.slice(4)}` : `synthetic/${id}`;
const modelSettings = { temperature: 0.3, topP: 0.9 };
const sent = { temperature: 0.3, top_p: 0.9 };

/** The sampling settings each model's request carried, by model id. */
function samplingByModel(ids = chatIds): Record<string, { temperature?: unknown; top_p?: unknown }> {
  const bodies = fixture.chatBodies();
  expect(bodies).toHaveLength(ids.length);
  return Object.fromEntries(bodies.map((body) => [body.model, { temperature: body.temperature, top_p: body.top_p }]));
}

const everyModel = (expected: (id: string) => object, ids = chatIds) =>
  Object.fromEntries(ids.map((id) => [id, expected(id)]));

/** One agent call per catalog model, all at once, each with `model` built by `modelFor`. */
async function callEveryModel(line: MastraLine, modelFor: (id: string) => unknown, viaGateway: boolean, ids = chatIds) {
  const gateways = { synthetic: syntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k", liveCatalog: false }) };
  await Promise.all(
    ids.map((id) => {
      const agent = new line.Agent({ name: "agent", instructions: "x", model: modelFor(id) });
      const runner = viaGateway ? registerAgents(line, { agent }, { gateways }).agents.agent : agent;
      return runner.generate("hi", { modelSettings });
    }),
  );
}

describe.each(mastraLines)("Mastra $name: modelSettings reach the wire", (line) => {
  it("through synthetic(...) model objects", async () => {
    const synthetic = fixture.provider();
    await callEveryModel(line, (id) => synthetic(id), false);
    expect(samplingByModel()).toEqual(everyModel(() => sent));
  });

  it("through dynamicModel(...) choosing a synthetic/ id", async () => {
    const synthetic = fixture.provider();
    await callEveryModel(line, (id) => dynamicModel(() => `synthetic/${id}`, synthetic), false);
    expect(samplingByModel()).toEqual(everyModel(() => sent));
  });

  it("through gateway strings synthetic/<id> (1.x: Mastra drops them where its own data says so, before the gateway runs)", async () => {
    await callEveryModel(line, (id) => routerString(line, id), true);
    // 0.24 keeps every setting. 1.71 strips them in ModelRouterLanguageModel for every model its
    // bundled capabilities/synthetic.json omits: that file, not this package, decides here.
    const keptByMastra = (id: string) =>
      line.name === "0.24" || modelSupportsTemperature(routerString(line, id)) !== false;
    expect(samplingByModel()).toEqual(everyModel((id) => (keptByMastra(id) ? sent : {})));
  });
});

describe.each(mastraLines)("Mastra $name: structured output", (line) => {
  const schema = z.object({ city: z.string() });

  it("without jsonPromptInjection: the schema goes out as response_format json_schema", async () => {
    fixture.emulator.script({ content: '{"city":"Lisbon"}' });
    const agent = new line.Agent({ name: "agent", instructions: "x", model: fixture.provider()("hf:zai-org/GLM-5.2") });
    const result = await agent.generate("Where?", { structuredOutput: { schema } });
    expect(result.object).toEqual({ city: "Lisbon" });
    expect(fixture.chatBodies()[0]?.response_format).toMatchObject({ type: "json_schema" });
  });

  if (line.name === "1.x") {
    it('jsonPromptInjection "auto" (1.x): Mastra injects the schema into the prompt instead (docs/troubleshooting.md)', async () => {
      fixture.emulator.script({ content: '{"city":"Lisbon"}' });
      const agent = new line.Agent({
        name: "agent",
        instructions: "x",
        model: fixture.provider()("hf:zai-org/GLM-5.2"),
      });
      const result = await agent.generate("Where?", { structuredOutput: { schema, jsonPromptInjection: "auto" } });
      expect(result.object).toEqual({ city: "Lisbon" });
      const [body] = fixture.chatBodies();
      expect(body?.response_format).toBeUndefined();
      expect(JSON.stringify(body?.messages)).toContain("city");
    });
  }
});

describe("Mastra 1.x: bare hf:Owner/Name gateway strings keep them", () => {
  const line = mastraLines[0] as MastraLine;

  it("for every catalog hf: model (syn: aliases have no bare string form)", async () => {
    expect(line.name).toBe("1.x");
    await callEveryModel(line, (id) => id, true, hfIds);
    expect(samplingByModel(hfIds)).toEqual(everyModel(() => sent, hfIds));
  });

  it("and Mastra's data would have dropped them for some of these models as synthetic/ strings", () => {
    // Guards the previous test's meaning: if Mastra stops dropping them, docs/troubleshooting.md changes.
    expect(chatIds.filter((id) => modelSupportsTemperature(`synthetic/${id}`) === false).length).toBeGreaterThan(0);
  });
});
