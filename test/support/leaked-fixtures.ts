/** The leaked tool-call answers in test/fixtures/leaked-tool-calls (sources in SOURCES.md there). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod/v4";
import { LEAKED_TOOL_CALL_FORMS } from "../../src/chat/leaked-tool-calls";

const dir = join(import.meta.dirname, "..", "fixtures", "leaked-tool-calls");

const leakedSchema = z.strictObject({
  model: z.string().startsWith("hf:"),
  form: z.enum(LEAKED_TOOL_CALL_FORMS),
  content: z.string(),
  text: z.string(),
  calls: z.array(z.strictObject({ name: z.string(), input: z.record(z.string(), z.unknown()) })).min(1),
});
export type LeakedFixture = z.infer<typeof leakedSchema> & { name: string; file: string };

export const leakedFixtures: LeakedFixture[] = readdirSync(dir)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({
    name: file.replace(/\.json$/, ""),
    file,
    ...leakedSchema.parse(JSON.parse(readFileSync(join(dir, file), "utf8"))),
  }));

export const leakedSources = (): string => readFileSync(join(dir, "SOURCES.md"), "utf8");

/** A tool for each name the fixture calls, taking any object, with string parameters where the call passes strings. */
export function toolsFor(fixture: LeakedFixture): Map<string, unknown> {
  const tools = new Map<string, unknown>();
  for (const call of fixture.calls) {
    const properties = Object.fromEntries(
      Object.entries(call.input).map(([key, value]) => [
        key,
        { type: typeof value === "string" ? "string" : "number" },
      ]),
    );
    tools.set(call.name, { type: "object", properties, additionalProperties: true });
  }
  return tools;
}

/** Splits text into pieces of `size` characters (1: character by character). */
export function piecesOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

/** Random piece sizes 1..max from a seed, deterministic. */
export function randomPieces(text: string, seed: number, max = 9): string[] {
  const pieces: string[] = [];
  let state = seed;
  for (let i = 0; i < text.length; ) {
    state = (state * 1103515245 + 12345) >>> 0;
    const size = 1 + (state % max);
    pieces.push(text.slice(i, i + size));
    i += size;
  }
  return pieces;
}

const USAGE = { prompt_tokens: 20, completion_tokens: 30, total_tokens: 50 };

/** A chat.completion stream whose content arrives in `size`-character deltas, then `stop`. */
export function leakedStream(modelId: string, content: string, size = 5): string {
  const event = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
  const chunk = (delta: unknown, finish: string | null, usage?: unknown) => ({
    id: "chatcmpl-leak",
    object: "chat.completion.chunk",
    created: 1767225600,
    model: modelId,
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  });
  return [
    event(chunk({ role: "assistant", content: "" }, null)),
    ...piecesOf(content, size).map((piece) => event(chunk({ content: piece }, null))),
    event(chunk({}, "stop", USAGE)),
    "data: [DONE]\n\n",
  ].join("");
}

/** The same answer as one chat.completion body. */
export function leakedBody(modelId: string, content: string): string {
  return JSON.stringify({
    id: "chatcmpl-leak",
    object: "chat.completion",
    created: 1767225600,
    model: modelId,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: USAGE,
  });
}
