/**
 * Row 1: a Mastra 1.x agent streaming a 2,000-chunk answer, through `synthetic/...` and this
 * package's gateway vs Mastra's built-in route (`model: { url, id, apiKey }`) to the same
 * emulator. Mastra's built-in route runs its own bundled AI SDK v6 openai-compatible
 * (LanguageModelV3); this package is built on the AI SDK v5 one (LanguageModelV2). A bare v5
 * `createOpenAICompatible` model object splits the gap (row 1b), and the full run also times
 * `synthetic(id)` without the gateway. Separate Mastra instances: with the gateway registered, Mastra would send
 * the built-in route's `synthetic/hf:...` id through the gateway's id split too.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { API_KEY, PLAIN_MODEL, scenarioPrompt, scenarioText } from "../lib/scenario";
import { median, rotate, type Sample, type Series, timed } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";
import { CHUNKS } from "./do-stream";

// biome-ignore lint/suspicious/noExplicitAny: Mastra's agent type is not needed to time a stream.
type AnyAgent = any;

/** The Mastra line to load: 1.x (`@mastra/core`) or 0.24 (the `@mastra/core-024` alias). */
export type MastraLineName = "1.x" | "0.24";

export async function loadMastra(line: MastraLineName = "1.x") {
  if (line === "0.24") {
    const { Mastra, Agent } = await import("@mastra/core-024");
    return { Mastra, Agent } as unknown as Awaited<ReturnType<typeof loadMastra1>>;
  }
  return loadMastra1();
}

async function loadMastra1() {
  const [{ Mastra }, { Agent }] = await Promise.all([import("@mastra/core"), import("@mastra/core/agent")]);
  return { Mastra, Agent };
}

/** Streams one answer of `chunks` deltas through `fullStream`, checking its text arrived whole. */
export async function timeAgentStream(agent: AnyAgent, prompt: string, chunks: number): Promise<Sample> {
  const expected = scenarioText({ chunks }).content.length;
  const sample = await timed(async () => {
    const output = await agent.stream(prompt);
    let chars = 0;
    for await (const part of output.fullStream) {
      if (part.type === "text-delta") chars += (part.payload?.text ?? part.text ?? "").length;
      else if (part.type === "error") throw part.payload?.error ?? new Error("stream error");
    }
    return chars;
  });
  if (sample.result !== expected) throw new Error(`expected ${expected} characters of text, got ${sample.result}`);
  return sample;
}

/** Rows 1 and 1b on Mastra 1.x; 1-0.24 and 1b-0.24 on Mastra 0.24 (whose route runs the v5 SDK). */
export async function mastraAgentRows(context: BenchContext, line: MastraLineName = "1.x"): Promise<Row[]> {
  const { Mastra, Agent } = await loadMastra(line);
  const suffix = line === "1.x" ? "" : "-024";
  const label = line === "1.x" ? "" : " (Mastra 0.24)";
  const { url } = context.emulator;
  const register = (model: unknown, extra: object = {}) =>
    new Mastra({
      agents: {
        bench: new Agent({
          id: "bench",
          name: "bench",
          instructions: "You are a helpful assistant.",
          model: model as never,
        }),
      },
      logger: false,
      ...extra,
    }).getAgent("bench");
  const builtin = register({ url, id: `synthetic/${PLAIN_MODEL}`, apiKey: API_KEY });
  const bareV5 = register(
    createOpenAICompatible({ name: "synthetic", baseURL: url, apiKey: API_KEY, includeUsage: true }).chatModel(
      PLAIN_MODEL,
    ),
  );
  const gateway = register(`synthetic/${PLAIN_MODEL}`, {
    gateways: { synthetic: context.pkg.syntheticGateway({ baseURL: url, apiKey: API_KEY }) },
  });
  // The full run also times synthetic(id) given to the agent directly (no gateway).
  const direct = context.quick
    ? []
    : [register(context.pkg.createSynthetic({ baseURL: url, apiKey: API_KEY })(PLAIN_MODEL))];
  const prompt = scenarioPrompt({ chunks: CHUNKS });
  const { wall, cpu } = await rotate(
    rounds(context, 24, 14),
    rounds(context, 6, 3),
    [builtin, bareV5, gateway, ...direct].map((agent) => () => timeAgentStream(agent, prompt, CHUNKS)),
  );
  const GATEWAY = 2;
  const medians = (metric: Series) => metric.values.map(median);
  const ratios = (metric: Series) => metric.ratios.map(median);
  // What the package adds on the same AI SDK: the gateway over the bare v5 model, round by round.
  const overBare = (metric: Series) =>
    median(metric.values[GATEWAY]?.map((value, i) => value / (metric.values[1]?.[i] as number)) ?? []);
  const ms = medians(cpu) as [number, number, number, ...number[]];
  const ratio = ratios(cpu)[GATEWAY] as number;
  const wallRatio = ratios(wall)[GATEWAY] as number;
  const added = overBare(cpu);
  context.log(
    `  gateway/built-in cpu ${fmt.ratio(ratio)} wall ${fmt.ratio(wallRatio)}, ` +
      `gateway/bare v5 cpu ${fmt.ratio(added)} wall ${fmt.ratio(overBare(wall))}`,
  );
  const variants = ["builtinRoute", "bareOpenAICompatibleV5", "syntheticGateway", "syntheticModel"];
  const named = (values: number[]) => Object.fromEntries(values.map((value, i) => [variants[i], value]));
  const details = {
    mastra: line,
    model: PLAIN_MODEL,
    chunks: CHUNKS,
    rounds: cpu.values[0]?.length,
    cpuMs: named(ms),
    wallMs: named(medians(wall)),
    cpuRatioToBuiltinRoute: named(ratios(cpu)),
    wallRatioToBuiltinRoute: named(ratios(wall)),
    gatewayToBareV5: { cpu: added, wall: overBare(wall) },
  };
  return [
    {
      id: `mastra-agent-stream${suffix}`,
      title: `1. Mastra agent stream${label} (${CHUNKS.toLocaleString("en")} chunks)`,
      base: `built-in route ${fmt.ms(ms[0])} CPU`,
      variant: `synthetic/ gateway ${fmt.ms(ms[GATEWAY])} CPU`,
      ratio,
      wallRatio,
      // Issue 10: at most Mastra's built-in route.
      target: "<= 1.00",
      met: ratio <= 1,
      gate: true,
      details,
    },
    {
      id: `mastra-agent-stream-same-sdk${suffix}`,
      title: `1b. Same${label}, against a bare AI SDK v5 model`,
      base: `bare v5 openai-compatible ${fmt.ms(ms[1])} CPU`,
      variant: `synthetic/ gateway ${fmt.ms(ms[GATEWAY])} CPU`,
      ratio: added,
      wallRatio: overBare(wall),
      target: "<= 1.02",
      met: added <= 1.02,
      gate: true,
      details,
    },
  ];
}
