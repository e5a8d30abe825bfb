import type { ToolCallDelta } from "./tool-calls";

/** The fields of a chat.completion.chunk the stream reads, checked. */
export type WireChunk = {
  id: string | undefined;
  model: string | undefined;
  created: number | undefined;
  usage: unknown;
  choice:
    | {
        content: string | undefined;
        /** `reasoning_content`, else `reasoning`. */
        reasoning: string | undefined;
        toolCalls: ToolCallDelta[];
        finishReason: string | undefined;
      }
    | undefined;
};

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads one optional string field; a value of another type is an error (`null` counts as absent). */
function optionalString(object: Obj, key: string, where: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw `${where}.${key} is a ${typeof value}, not a string`;
  return value;
}

/**
 * A chunk read field by field, by hand rather than with a schema: this runs once per streamed
 * token, and the checks are the same ones a loose schema would make. Returns a description of
 * the problem instead of throwing, so one bad chunk becomes an error part, not a dead stream.
 */
export function readWireChunk(value: unknown): WireChunk | string {
  try {
    if (!isObject(value)) throw "the chunk is not an object";
    const created = value.created;
    const usage = value.usage;
    if (usage !== undefined && usage !== null && !isObject(usage)) throw "usage is not an object";
    const choices = value.choices;
    let choice: WireChunk["choice"];
    let choiceUsage: Obj | undefined;
    if (choices !== undefined && choices !== null) {
      if (!Array.isArray(choices)) throw "choices is not an array";
      const first = choices[0];
      if (first !== undefined) {
        if (!isObject(first)) throw "choices[0] is not an object";
        const delta = first.delta ?? first.message ?? {};
        if (!isObject(delta)) throw "choices[0].delta is not an object";
        const finish = first.finish_reason;
        // Moonshot's Kimi API reports usage inside the finish chunk's choice, and without
        // stream_options.include_usage only there (recorded: moonshot-kimi-k2.5-choice-usage.sse).
        // Only a fallback: an odd value here is ignored rather than costing the chunk its content.
        if (isObject(first.usage)) choiceUsage = first.usage;
        choice = {
          content: optionalString(delta, "content", "delta"),
          reasoning: optionalString(delta, "reasoning_content", "delta") || optionalString(delta, "reasoning", "delta"),
          toolCalls: readToolCallDeltas(delta.tool_calls),
          finishReason: typeof finish === "string" ? finish : undefined,
        };
      }
    }
    return {
      id: typeof value.id === "string" ? value.id : undefined,
      model: typeof value.model === "string" ? value.model : undefined,
      created: typeof created === "number" && Number.isFinite(created) ? created : undefined,
      usage: usage ?? choiceUsage,
      choice,
    };
  } catch (problem) {
    if (typeof problem !== "string") throw problem;
    return `Synthetic sent a stream chunk this package cannot read (${problem}): ${JSON.stringify(value).slice(0, 200)}`;
  }
}

function readToolCallDeltas(value: unknown): ToolCallDelta[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw "delta.tool_calls is not an array";
  return value.map((entry, position) => {
    if (!isObject(entry)) throw `delta.tool_calls[${position}] is not an object`;
    const fn = entry.function ?? {};
    if (!isObject(fn)) throw `delta.tool_calls[${position}].function is not an object`;
    const index = entry.index;
    return {
      index: typeof index === "number" && Number.isInteger(index) ? index : undefined,
      id: optionalString(entry, "id", `delta.tool_calls[${position}]`),
      name: optionalString(fn, "name", `delta.tool_calls[${position}].function`),
      arguments: readArguments(fn.arguments, position),
    };
  });
}

// Some backends send arguments as an object rather than a JSON string.
function readArguments(value: unknown, position: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (isObject(value)) return JSON.stringify(value);
  throw `delta.tool_calls[${position}].function.arguments is a ${typeof value}`;
}
