/**
 * Tool calling with every streaming quirk Synthetic's backends are known for, through a real
 * Mastra agent that runs the whole loop (call -> tool result -> final answer) on both lines, in
 * streaming and non-streaming mode.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SyntheticConfigurationError } from "../src";
import type { EmulatorReply } from "../src/testing";
import { useEmulator } from "./support/emulator";
import { type MastraLine, mastraLines, readFullStream } from "./support/mastra-lines";

// Wire behaviours only retired catalog models show (models without reasoning replay (Kimi-K2-Instruct-0905) and without tools (Qwen2.5-Coder)): the emulator
// serves them here; Synthetic itself refuses them (test/emulator-served-models.e2e.test.ts).
const fixture = useEmulator({ retiredModels: "serve" });
const { provider, chatBodies } = fixture;

async function toolsFor(line: MastraLine, calls: { name: string; input: unknown }[]) {
  const createTool = await line.createTool();
  // Mastra 1.x passes the input first; 0.24 passes { context }.
  // biome-ignore lint/suspicious/noExplicitAny: the two lines' execute signatures differ.
  const record = (name: string) => async (arg: any) => {
    const input = line.name === "1.x" ? arg : arg.context;
    calls.push({ name, input });
    return { ok: name };
  };
  return {
    get_weather: createTool({
      id: "get_weather",
      description: "Weather for a city",
      inputSchema: z.object({ city: z.string(), unit: z.enum(["C", "F"]).optional() }),
      execute: record("get_weather"),
    }),
    "get-time": createTool({
      id: "get-time",
      description: "The time now",
      inputSchema: z.object({}),
      execute: record("get-time"),
    }),
    search__docs: createTool({
      id: "search__docs",
      description: "Search docs",
      inputSchema: z.object({ query: z.string() }),
      execute: record("search__docs"),
    }),
  };
}

const weather = { name: "get_weather", arguments: { city: "Paris", unit: "C" } };
const quirks: [string, EmulatorReply, { name: string; input: unknown }[]][] = [
  ["plain", { toolCalls: [weather] }, [{ name: "get_weather", input: { city: "Paris", unit: "C" } }]],
  [
    "missing index",
    { toolCalls: [weather], toolCallQuirks: { omitIndex: true } },
    [{ name: "get_weather", input: { city: "Paris", unit: "C" } }],
  ],
  [
    "arguments split over many chunks",
    { toolCalls: [weather], toolCallQuirks: { argumentChunks: 9 } },
    [{ name: "get_weather", input: { city: "Paris", unit: "C" } }],
  ],
  [
    "name arriving late",
    { toolCalls: [weather], toolCallQuirks: { lateName: true, argumentChunks: 3 } },
    [{ name: "get_weather", input: { city: "Paris", unit: "C" } }],
  ],
  [
    "empty-string arguments",
    { toolCalls: [{ name: "get-time" }], toolCallQuirks: { emptyArguments: true } },
    [{ name: "get-time", input: {} }],
  ],
  [
    "double-encoded arguments",
    { toolCalls: [weather], toolCallQuirks: { doubleEncode: true, argumentChunks: 4 } },
    [{ name: "get_weather", input: { city: "Paris", unit: "C" } }],
  ],
  [
    "Kimi-style ids",
    { toolCalls: [weather], toolCallQuirks: { kimiIds: true } },
    [{ name: "get_weather", input: { city: "Paris", unit: "C" } }],
  ],
  [
    "dashed and double-underscore names, in parallel",
    {
      toolCalls: [
        { name: "get-time", arguments: {} },
        { name: "search__docs", arguments: { query: "x" } },
      ],
    },
    [
      { name: "get-time", input: {} },
      { name: "search__docs", input: { query: "x" } },
    ],
  ],
  [
    "parallel calls with split arguments and Kimi ids",
    {
      toolCalls: [weather, { name: "search__docs", arguments: { query: "rain" } }],
      toolCallQuirks: { argumentChunks: 5, kimiIds: true },
    },
    [
      { name: "get_weather", input: { city: "Paris", unit: "C" } },
      { name: "search__docs", input: { query: "rain" } },
    ],
  ],
];

describe.each(mastraLines)("Mastra $name", (line) => {
  describe.each(["generate", "stream"] as const)("%s", (mode) => {
    it.each(quirks)("runs the tool loop with %s", async (_name, reply, expected) => {
      const calls: { name: string; input: unknown }[] = [];
      const agent = new line.Agent({
        name: "tools",
        instructions: "Use tools.",
        model: provider()("hf:moonshotai/Kimi-K2-Instruct-0905"),
        tools: await toolsFor(line, calls),
      });
      fixture.emulator.script(reply, { content: "All done." });
      const text =
        mode === "generate" ? (await agent.generate("Go")).text : (await readFullStream(await agent.stream("Go"))).text;
      expect(text).toBe("All done.");
      expect(calls).toEqual(expected);

      // The follow-up request carries the calls and results in the shape strict backends accept.
      const followUp = chatBodies()[1];
      const messages = followUp?.messages as Record<string, unknown>[];
      const assistant = messages.find((m) => m.role === "assistant") as {
        tool_calls: { id: string; function: { name: string; arguments: string } }[];
      };
      expect(assistant.tool_calls.map((c) => c.function.name)).toEqual(expected.map((c) => c.name));
      for (const call of assistant.tool_calls) expect(JSON.parse(call.function.arguments)).toBeTypeOf("object");
      const results = messages.filter((m) => m.role === "tool");
      expect(results.map((m) => m.tool_call_id)).toEqual(assistant.tool_calls.map((c) => c.id));
      for (const result of results) expect(result.content).toBeTypeOf("string");
    });
  });

  it("sends tool schemas without $schema", async () => {
    const agent = new line.Agent({
      name: "schemas",
      instructions: "x",
      model: provider()("hf:zai-org/GLM-4.6"),
      tools: await toolsFor(line, []),
    });
    await agent.generate("hi");
    const tools = chatBodies()[0]?.tools as { function: { name: string; parameters: Record<string, unknown> } }[];
    expect(tools.map((t) => t.function.name).sort()).toEqual(["get-time", "get_weather", "search__docs"]);
    for (const tool of tools) expect(tool.function.parameters).not.toHaveProperty("$schema");
  });

  it("refuses tools for a model without tool support, before the request, naming one that has it", async () => {
    const agent = new line.Agent({
      name: "no-tools",
      instructions: "x",
      model: provider()("hf:Qwen/Qwen2.5-Coder-32B-Instruct"),
      tools: await toolsFor(line, []),
    });
    const error = await agent.generate("hi").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/does not support tools\. Use a model that does, such as "hf:/);
    expect(chatBodies()).toHaveLength(0);
  });
});

it("turns an orphaned tool result into a user message instead of a 400", async () => {
  const model = provider()("hf:zai-org/GLM-4.6");
  const result = await model.doGenerate({
    prompt: [
      { role: "user", content: [{ type: "text", text: "hi" }] },
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "lost-call", toolName: "f", output: { type: "text", value: "42" } },
        ],
      },
    ],
  });
  expect(result.content).toContainEqual(expect.objectContaining({ type: "text" }));
  const messages = chatBodies()[0]?.messages as Record<string, unknown>[];
  expect(messages.at(-1)).toEqual({ role: "user", content: "Result of tool call lost-call: 42" });
});
