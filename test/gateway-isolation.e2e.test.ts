/**
 * One gateway never routes another's requests: a chain that once called gatewayA.getApiKey()
 * (a script, or Mastra itself) runs agents on gateway B against B's baseURL, on both Mastra lines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyntheticGateway } from "../src";
import { type SyntheticEmulator, startSyntheticEmulator } from "../src/testing";
import { mastraLines, registerAgents } from "./support/mastra-lines";

const KEY = "sk-same-key";
const MODEL = "synthetic/hf:zai-org/GLM-5.2";
let a: SyntheticEmulator;
let b: SyntheticEmulator;
beforeAll(async () => {
  [a, b] = await Promise.all([startSyntheticEmulator({ apiKey: KEY }), startSyntheticEmulator({ apiKey: KEY })]);
});
afterAll(() => Promise.all([a.close(), b.close()]));

const chats = (emulator: SyntheticEmulator) =>
  emulator.requests.filter((request) => request.path.endsWith("/chat/completions")).length;

describe.each(mastraLines)("Mastra $name", (line) => {
  it("after awaiting gatewayA.getApiKey(), an agent on gateway B sends its requests to B", async () => {
    const gatewayA = new SyntheticGateway({ baseURL: a.url, apiKey: KEY, liveCatalog: false });
    const gatewayB = new SyntheticGateway({ baseURL: b.url, apiKey: KEY, liveCatalog: false });
    // Both gateways resolve a model first, as an app with two Mastra instances would.
    for (const gateway of [gatewayA, gatewayB]) {
      const { agents } = registerAgents(
        line,
        { agent: new line.Agent({ name: "agent", instructions: "x", model: MODEL }) },
        { gateways: { synthetic: gateway } },
      );
      a.script({ content: "from A" });
      b.script({ content: "from B" });
      await agents.agent.generate("hi");
      a.reset();
      b.reset();
    }
    expect(await gatewayA.getApiKey(MODEL)).toBe(KEY);
    const { agents } = registerAgents(
      line,
      { agent: new line.Agent({ name: "agent", instructions: "x", model: MODEL }) },
      { gateways: { synthetic: gatewayB } },
    );
    a.script({ content: "from A" });
    b.script({ content: "from B" });
    const result = await agents.agent.generate("hi");
    expect(result.text).toBe("from B");
    expect([chats(a), chats(b)]).toEqual([0, 1]);
  });
});
