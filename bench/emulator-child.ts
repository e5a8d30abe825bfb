/**
 * The emulator in its own process (`fork` with `--import tsx`), so the client under test has a
 * core to itself and no row times the emulator's work. argv[2]: file URL of the built
 * `testing` entry. Sends `{ url, origin }` when listening, `{ cpu }` (its CPU ms so far) for "cpu";
 * exits on "close" or disconnect.
 */
import type { EmulatorReply, RecordedRequest, startSyntheticEmulator as Start } from "../src/testing";
import { API_KEY, parseScenario, type Scenario, scenarioText } from "./lib/scenario";
import { piecesOf, sseText } from "./lib/sse";

const testingUrl = process.argv[2];
if (!testingUrl || !process.send) throw new Error("Run by bench/lib/emulator.ts (fork with an IPC channel).");
const { startSyntheticEmulator } = (await import(testingUrl)) as { startSyntheticEmulator: typeof Start };

// The rows measure a model without reasoning and the think-tag model, both retired from
// Synthetic's catalog: this emulator serves them.
const emulator = await startSyntheticEmulator({ apiKey: API_KEY, retiredModels: "serve" });
const replies = new Map<string, EmulatorReply>();

function lastUserText(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role?: string; content?: unknown }[] } | undefined)?.messages ?? [];
  const content = [...messages].reverse().find((message) => message.role === "user")?.content;
  if (typeof content === "string") return content;
  return Array.isArray(content) ? content.map((part: { text?: string }) => part.text ?? "").join("") : "";
}

function replyFor(text: string, scenario: Scenario, model: unknown): EmulatorReply {
  let reply = replies.get(`${model} ${text}`);
  if (!reply) {
    const { content, reasoning } = scenarioText(scenario);
    if (scenario.burst) {
      // The same events the emulator renders, reasoning inline as MiniMax-M2 sends it, in one write.
      const answer = reasoning === undefined ? content : `<think>${reasoning}</think>${content}`;
      reply = { rawSse: sseText(String(model), piecesOf(answer, scenario.size ?? 8)) };
      replies.set(`${model} ${text}`, reply);
      return reply;
    }
    reply = {
      content,
      chunkSize: scenario.size ?? 8,
      ...(reasoning === undefined ? {} : { reasoning, reasoningFormat: "think-tags" as const }),
      ...(scenario.stallAfter === undefined ? {} : { stallAfterChunks: scenario.stallAfter }),
      ...(scenario.delayMs === undefined ? {} : { chunkDelayMs: scenario.delayMs }),
    };
    replies.set(`${model} ${text}`, reply);
  }
  return reply;
}

emulator.setDefault((request) => {
  // The emulator records every request; thousands of 2,000-chunk runs would only grow its heap.
  emulator.requests.length = 0;
  const text = lastUserText(request);
  const scenario = parseScenario(text);
  const model = (request.body as { model?: unknown } | undefined)?.model;
  return scenario ? replyFor(text, scenario, model) : { content: "ok" };
});

process.on("message", (message) => {
  if (message === "close") void emulator.close().then(() => process.exit(0));
  if (message === "cpu") {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: (user + system) / 1000 });
  }
});
process.on("disconnect", () => process.exit(0));
process.send({ url: emulator.url, origin: emulator.origin });
