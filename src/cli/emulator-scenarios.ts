/** The canned behaviours `mastra-synthetic emulator --scenario <name>` answers every request with. */
import type { EmulatorReply, RecordedRequest } from "../testing/types";
import { asArray, isRecord, lastUserText as lastUserTextOf } from "../testing/wire";

/** A value of the JSON-schema type given, for arguments a model would fill in. */
function sampleOf(schema: unknown): unknown {
  if (!isRecord(schema)) return "example";
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "number" || type === "integer") return 1;
  if (type === "boolean") return true;
  if (type === "array") return [];
  if (type === "object" || isRecord(schema.properties)) {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = asArray(schema.required).filter((name): name is string => typeof name === "string");
    return Object.fromEntries(required.map((name) => [name, sampleOf(properties[name])]));
  }
  return "example";
}

const lastUserText = (request: RecordedRequest) =>
  lastUserTextOf(asArray(isRecord(request.body) ? request.body.messages : undefined));

/** First turn with tools offered: call the first one; once its result is back: say what it returned. */
function toolCall(request: RecordedRequest): EmulatorReply {
  const body = isRecord(request.body) ? request.body : {};
  const messages = asArray(body.messages).filter(isRecord);
  const last = messages.at(-1);
  if (last?.role === "tool") {
    const result = typeof last.content === "string" ? last.content : JSON.stringify(last.content);
    return { content: `The tool returned: ${result}` };
  }
  const tool = asArray(body.tools).find(isRecord);
  const fn = tool && isRecord(tool.function) ? tool.function : undefined;
  if (!fn || typeof fn.name !== "string") return {};
  return { toolCalls: [{ name: fn.name, arguments: sampleOf(fn.parameters) as object }] };
}

const onlyChat =
  (reply: (request: RecordedRequest) => EmulatorReply) =>
  (request: RecordedRequest): EmulatorReply =>
    request.path.endsWith("/embeddings") ? {} : reply(request);

/** Scenario name -> what it does (for --help) and the reply source it installs. */
export const SCENARIOS = {
  echo: {
    about: 'made-up answers: "Echo: <prompt>", with reasoning for reasoning models',
    reply: (_request: RecordedRequest): EmulatorReply => ({}),
  },
  "tool-call": {
    about: "calls the first tool offered (arguments from its schema), then reports its result",
    reply: onlyChat(toolCall),
  },
  reasoning: {
    about: "a few sentences of reasoning before every answer, in the model's own wire format",
    reply: onlyChat((request) => {
      const prompt = lastUserText(request);
      return {
        reasoning: `The user wrote "${prompt}". I should answer briefly and check the answer before sending it.`,
        content: `Here is a short answer to "${prompt}".`,
      };
    }),
  },
  slow: {
    about: "1 s before the first byte, then 4 characters every 250 ms",
    reply: onlyChat(() => ({ delayMs: 1000, chunkDelayMs: 250, chunkSize: 4 })),
  },
  "rate-limit": {
    about: "every request gets 429 with retry-after: 1",
    reply: onlyChat(() => ({ status: 429, headers: { "retry-after": "1" } })),
  },
  "server-error": {
    about: "every request gets 500",
    reply: onlyChat(() => ({ status: 500 })),
  },
  "context-overflow": {
    about: "every request gets Synthetic's 400 for an input longer than the context window",
    reply: onlyChat(() => ({
      status: 400,
      error: "The input (300000 tokens) is longer than the model's context length (262144 tokens).",
    })),
  },
} as const satisfies Record<string, { about: string; reply: (request: RecordedRequest) => EmulatorReply }>;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
export const isScenario = (name: string): name is ScenarioName => Object.hasOwn(SCENARIOS, name);
