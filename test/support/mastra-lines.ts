/**
 * Both Mastra lines the package supports, installed side by side: 1.x as `@mastra/core` and
 * 0.24 under the npm alias `@mastra/core-024`. Suites run once per line with `describe.each`.
 */
import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { RequestContext } from "@mastra/core/request-context";
import { Agent as Agent024, Mastra as Mastra024 } from "@mastra/core-024";
import { RuntimeContext } from "@mastra/core-024/runtime-context";

// biome-ignore lint/suspicious/noExplicitAny: both lines' classes behind one test-facing shape.
type Any = any;

export type MastraLine = {
  name: "1.x" | "0.24";
  Agent: new (config: Any) => Any;
  Mastra: new (config: Any) => Any;
  /** A fresh request context (`RequestContext` on 1.x, `RuntimeContext` on 0.24). */
  newContext(): { set(key: string, value: unknown): void; get(key: string): unknown };
  /** Call options carrying the context under the line's own name. */
  contextOptions(context: unknown): Record<string, unknown>;
  /** The line's `createTool`. */
  createTool(): Promise<(config: Any) => Any>;
};

export const mastraLines: MastraLine[] = [
  {
    name: "1.x",
    Agent,
    Mastra,
    newContext: () => new RequestContext(),
    contextOptions: (context) => ({ requestContext: context }),
    createTool: async () => (await import("@mastra/core/tools")).createTool as Any,
  },
  {
    name: "0.24",
    Agent: Agent024,
    Mastra: Mastra024,
    newContext: () => new RuntimeContext(),
    contextOptions: (context) => ({ runtimeContext: context }),
    createTool: async () => (await import("@mastra/core-024/tools")).createTool as Any,
  },
];

/** Registers `agents` with a Mastra of the given line and returns them by name. */
export function registerAgents<T extends Record<string, Any>>(
  line: MastraLine,
  agents: T,
  extra: Record<string, unknown> = {},
): { mastra: Any; agents: T } {
  const mastra = new line.Mastra({ agents, logger: false, ...extra });
  const registered = Object.fromEntries(Object.keys(agents).map((name) => [name, mastra.getAgent(name)])) as T;
  return { mastra, agents: registered };
}

/** Collects a Mastra stream's text and part types from `fullStream`. */
export async function readFullStream(
  stream: Any,
): Promise<{ text: string; reasoning: string; types: string[]; errors: unknown[] }> {
  let text = "";
  let reasoning = "";
  const types: string[] = [];
  const errors: unknown[] = [];
  for await (const chunk of stream.fullStream) {
    types.push(chunk.type);
    if (chunk.type === "text-delta") text += chunk.payload?.text ?? chunk.text ?? "";
    if (chunk.type === "reasoning-delta") reasoning += chunk.payload?.text ?? chunk.text ?? "";
    if (chunk.type === "error") errors.push(chunk.payload?.error ?? chunk.error);
  }
  return { text, reasoning, types, errors };
}

/** Runs `fn` with environment variables set, restoring the previous values afterwards. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(previous);
  }
}
