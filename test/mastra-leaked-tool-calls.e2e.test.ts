/**
 * A real Mastra agent of each line, with a tool, whose model writes the call into its text
 * (GLM 5.2's answer from a public report): the call is recovered, run, and the loop goes on to
 * the model's next answer. From the gateway's string id and from `synthetic(...)`, streamed and
 * generated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { createSynthetic, syntheticGateway } from "../src";
import { leakedBody, leakedFixtures, leakedStream } from "./support/leaked-fixtures";
import { mastraLines, readFullStream, registerAgents } from "./support/mastra-lines";
import { type ReplayServer, startReplayServer } from "./support/replay-server";

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server?.close());

const fixture = leakedFixtures.find((f) => f.name === "openhands-16704-glm-5.2-xtml");
if (!fixture) throw new Error("the GLM 5.2 fixture is missing");
const call = fixture.calls[0];
if (!call) throw new Error("the fixture has no call");
const FINAL = "The README says hello.";

describe.each(mastraLines.map((line) => [line.name, line] as const))("Mastra %s", (_name, line) => {
  const agentWith = async (model: unknown, viaGateway: boolean) => {
    const createTool = await line.createTool();
    const received: unknown[] = [];
    const editor = createTool({
      id: call.name,
      description: "View or edit a file",
      inputSchema: z.object({ command: z.string(), path: z.string() }),
      // Mastra 1.x passes the input first; 0.24 passes { context }.
      // biome-ignore lint/suspicious/noExplicitAny: the two lines' execute signatures differ.
      execute: async (arg: any) => {
        received.push(line.name === "1.x" ? arg : arg.context);
        return { content: "# hello" };
      },
    });
    const agent = new line.Agent({
      id: "leaky",
      name: "leaky",
      instructions: "Use tools.",
      model,
      tools: { [call.name]: editor },
    });
    const registered = viaGateway
      ? registerAgents(
          line,
          { leaky: agent },
          {
            gateways: {
              synthetic: // The replay server answers every path alike: no /models read.
                syntheticGateway({ baseURL: `${server.url}/openai/v1`, apiKey: "k", liveCatalog: false }),
            },
          },
        ).agents.leaky
      : agent;
    return { agent: registered, received };
  };

  const models = [
    ["the gateway", () => `synthetic/${fixture.model}`, true],
    [
      "synthetic(...)",
      () => createSynthetic({ baseURL: `${server.url}/openai/v1`, apiKey: "k" })(fixture.model),
      false,
    ],
  ] as const;

  it.each(models)("from %s, streamed: runs the recovered call and answers", async (_from, model, viaGateway) => {
    const { agent, received } = await agentWith(model(), viaGateway);
    server.reply({ body: leakedStream(fixture.model, FINAL), chunking: "per-event" });
    server.queue({ body: leakedStream(fixture.model, fixture.content, 4), chunking: "bytes" });
    const result = await readFullStream(await agent.stream("What does the README say?"));
    expect(result.errors).toEqual([]);
    expect(received).toEqual([call.input]);
    expect(result.text).toBe(FINAL);
    expect(result.text).not.toContain("<|open|>");
    // The second request carries the call and its result back to the model.
    const second = JSON.parse(server.requests.at(-1)?.body ?? "{}");
    expect(JSON.stringify(second.messages)).toContain("# hello");
    expect(JSON.stringify(second.messages)).toContain(call.name);
  });

  it.each(models)("from %s, generated: runs the recovered call and answers", async (_from, model, viaGateway) => {
    const { agent, received } = await agentWith(model(), viaGateway);
    server.reply({ body: leakedBody(fixture.model, FINAL), contentType: "application/json" });
    server.queue({ body: leakedBody(fixture.model, fixture.content), contentType: "application/json" });
    const result = await agent.generate("What does the README say?");
    expect(received).toEqual([call.input]);
    expect(result.text).toBe(FINAL);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });
});
