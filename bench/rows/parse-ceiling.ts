/**
 * Row 3: how fast SSE turns into stream parts with no sockets: a pre-built body served by an
 * injected `fetch`, in 16 KiB reads. Floor: `eventsource-parser` alone (framing only, no JSON).
 * Row 3b: the same body one event per read, this provider vs the bare openai-compatible model:
 * the package's own per-chunk cost, with no socket or other process in the measurement.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV2 } from "@ai-sdk/provider";
import { createParser } from "eventsource-parser";
import { API_KEY, PLAIN_MODEL } from "../lib/scenario";
import { inMemoryFetch, sseBody } from "../lib/sse";
import { median, percentile, rotate, type Sample, type Series, timed } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";
import { bareOnTransport, timeDoStream } from "./do-stream";

const CHUNKS = 5_000;
const EVENT_CHUNKS = 2_000;

async function parserAlone(reads: readonly Uint8Array[]): Promise<Sample> {
  return timed(async () => {
    const decoder = new TextDecoder();
    let events = 0;
    const parser = createParser({
      onEvent: () => {
        events++;
      },
    });
    for (const read of reads) parser.feed(decoder.decode(read, { stream: true }));
    if (events !== CHUNKS + 4) throw new Error(`parser saw ${events} events`);
  });
}

const rate = (ms: number) => CHUNKS / (ms / 1000);
const over = (metric: Series, a: number, b: number) =>
  median(metric.values[b]?.map((value, i) => value / (metric.values[a]?.[i] as number)) ?? []);

export async function parseCeilingRows(context: BenchContext): Promise<Row[]> {
  const baseURL = "http://127.0.0.1:9/openai/v1";
  const models = async (reads: Uint8Array[]) => {
    const fetch = inMemoryFetch(reads);
    const bare = createOpenAICompatible({ name: "synthetic", baseURL, apiKey: API_KEY, includeUsage: true, fetch });
    return {
      bare: bare.chatModel(PLAIN_MODEL),
      ours: context.pkg.createSynthetic({ baseURL, apiKey: API_KEY, fetch })(PLAIN_MODEL),
      transport: context.quick ? undefined : await bareOnTransport(baseURL, PLAIN_MODEL, fetch),
    };
  };

  // The ceiling: 16 KiB reads, as from a socket whose reader fell behind.
  const bulk = sseBody({ chunks: CHUNKS, model: PLAIN_MODEL });
  const m = await models(bulk);
  const ceiling = await rotate(rounds(context, 30, 4), rounds(context, 6, 2), [
    () => parserAlone(bulk),
    () => timeDoStream(m.bare, "hi", CHUNKS),
    () => timeDoStream(m.ours, "hi", CHUNKS),
  ]);
  const ms = ceiling.wall.values.map(median) as [number, number, number];
  context.log(`  floor ${fmt.rate(rate(ms[0]))}, bare ${fmt.rate(rate(ms[1]))}, synthetic ${fmt.rate(rate(ms[2]))}`);

  // One event per read, as a stream arrives token by token: every per-read cost is paid per chunk.
  const events = sseBody({ chunks: EVENT_CHUNKS, model: PLAIN_MODEL, readSize: "event" });
  const e = await models(events);
  const perEvent = await rotate(rounds(context, 30, 16), rounds(context, 6, 3), [
    () => timeDoStream(e.bare, "hi", EVENT_CHUNKS),
    () => timeDoStream(e.ours, "hi", EVENT_CHUNKS),
    ...(e.transport ? [() => timeDoStream(e.transport as LanguageModelV2, "hi", EVENT_CHUNKS)] : []),
  ]);
  const eventMs = perEvent.wall.values.map(median) as [number, number, ...number[]];
  const wrapper = { cpu: over(perEvent.cpu, 0, 1), wall: over(perEvent.wall, 0, 1) };
  context.log(`  one event per read: cpu ${fmt.ratio(wrapper.cpu)}, wall ${fmt.ratio(wrapper.wall)}`);
  return [
    {
      id: "parse-ceiling",
      title: `3. Parse ceiling, in-memory SSE (${CHUNKS.toLocaleString("en")} chunks)`,
      base: `eventsource-parser ${fmt.rate(rate(ms[0]))}`,
      variant: `synthetic ${fmt.rate(rate(ms[2]))} (bare ${fmt.rate(rate(ms[1]))})`,
      ratio: over(ceiling.cpu, 0, 2),
      wallRatio: over(ceiling.wall, 0, 2),
      target: "report",
      met: null,
      // The two sides do different work (framing vs the whole AI SDK), so load on the machine
      // moves this ratio a lot; 3b watches the package's own share.
      gate: false,
      details: {
        chunks: CHUNKS,
        readBytes: bulk[0]?.length,
        reads: bulk.length,
        rounds: ceiling.wall.values[0]?.length,
        chunksPerSecond: { eventsourceParser: rate(ms[0]), bareOpenAICompatible: rate(ms[1]), synthetic: rate(ms[2]) },
        wallMs: { eventsourceParser: ms[0], bareOpenAICompatible: ms[1], synthetic: ms[2] },
        cpuMs: ceiling.cpu.values.map(median),
        bareToFloor: over(ceiling.cpu, 0, 1),
        syntheticToBare: { cpu: over(ceiling.cpu, 1, 2), wall: over(ceiling.wall, 1, 2) },
      },
    },
    {
      id: "parse-wrapper",
      title: `3b. In-memory doStream, one event per read (${EVENT_CHUNKS.toLocaleString("en")} chunks)`,
      base: `bare openai-compatible ${fmt.ms(median(perEvent.cpu.values[0] ?? []))} CPU`,
      variant: `synthetic ${fmt.ms(median(perEvent.cpu.values[1] ?? []))} CPU`,
      ratio: wrapper.cpu,
      wallRatio: wrapper.wall,
      target: "report",
      met: null,
      gate: true,
      details: {
        chunks: EVENT_CHUNKS,
        reads: events.length,
        rounds: perEvent.wall.values[0]?.length,
        wallMs: { bareOpenAICompatible: eventMs[0], synthetic: eventMs[1] },
        cpuMs: perEvent.cpu.values.map(median),
        cpuMicrosPerChunk: perEvent.cpu.values.map((values) => (median(values) * 1000) / EVENT_CHUNKS),
        ratioQuartiles: [percentile(perEvent.cpu.ratios[1] ?? [], 25), percentile(perEvent.cpu.ratios[1] ?? [], 75)],
        ...(e.transport
          ? { bareOnTransport: { cpuRatio: over(perEvent.cpu, 0, 2), wallRatio: over(perEvent.wall, 0, 2) } }
          : {}),
      },
    },
  ];
}
