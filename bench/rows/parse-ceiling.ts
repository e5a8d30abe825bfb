/**
 * Row 3: how fast SSE turns into stream parts with no sockets: a pre-built body served by an
 * injected `fetch`, in 16 KiB reads. Floors: `eventsource-parser` alone (framing only), and
 * with `JSON.parse` of every event (the least any validated parse does). Measured against them:
 * the bare openai-compatible models (1.x V2, 3.x V4) and this package's V2 and V4 faces.
 * Row 3b: the same body one event per read, this provider vs the bare openai-compatible model:
 * the package's own per-chunk cost, with no socket or other process in the measurement.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createOpenAICompatible as createOpenAICompatibleV7 } from "@ai-sdk/openai-compatible-v7";
import { createParser } from "eventsource-parser";
import { API_KEY, PLAIN_MODEL } from "../lib/scenario";
import { inMemoryFetch, sseBody } from "../lib/sse";
import { median, percentile, rotate, type Sample, type Series, timed } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";
import { type StreamModel, timeDoStream } from "./do-stream";

const CHUNKS = 5_000;
const EVENT_CHUNKS = 2_000;
/** The floor: `eventsource-parser` splitting the bytes into events; with `json`, each event parsed too. */
async function parserAlone(reads: readonly Uint8Array[], json: boolean): Promise<Sample> {
  return timed(async () => {
    const decoder = new TextDecoder();
    let events = 0;
    let objects = 0;
    const parser = createParser({
      onEvent: (event) => {
        events++;
        if (json && event.data !== "[DONE]" && typeof JSON.parse(event.data) === "object") objects++;
      },
    });
    for (const read of reads) parser.feed(decoder.decode(read, { stream: true }));
    if (events !== CHUNKS + 4 || objects !== (json ? CHUNKS + 3 : 0)) throw new Error(`parser saw ${events} events`);
  });
}

const rate = (ms: number) => CHUNKS / (ms / 1000);
const over = (metric: Series, a: number, b: number) =>
  median(metric.values[b]?.map((value, i) => value / (metric.values[a]?.[i] as number)) ?? []);

export async function parseCeilingRows(context: BenchContext): Promise<Row[]> {
  const baseURL = "http://127.0.0.1:9/openai/v1";
  const models = (reads: Uint8Array[]): Record<"bare" | "ours" | "bareV7" | "oursV4", StreamModel> => {
    const fetch = inMemoryFetch(reads);
    const settings = { name: "synthetic", baseURL, apiKey: API_KEY, includeUsage: true, fetch };
    return {
      bare: createOpenAICompatible(settings).chatModel(PLAIN_MODEL),
      ours: context.pkg.createSynthetic({ baseURL, apiKey: API_KEY, fetch })(PLAIN_MODEL),
      bareV7: createOpenAICompatibleV7(settings).chatModel(PLAIN_MODEL),
      oursV4: context.pkgV7.createSynthetic({ baseURL, apiKey: API_KEY, fetch })(PLAIN_MODEL),
    };
  };

  // The ceiling: 16 KiB reads, as from a socket whose reader fell behind.
  const bulk = sseBody({ chunks: CHUNKS, model: PLAIN_MODEL });
  const m = models(bulk);
  const names = ["eventsourceParser", "eventsourceParserJson", "bareV2", "syntheticV2", "bareV4", "syntheticV4"];
  const ceiling = await rotate(rounds(context, 30, 4), rounds(context, 6, 2), [
    () => parserAlone(bulk, false),
    () => parserAlone(bulk, true),
    () => timeDoStream(m.bare, "hi", CHUNKS),
    () => timeDoStream(m.ours, "hi", CHUNKS),
    () => timeDoStream(m.bareV7, "hi", CHUNKS),
    () => timeDoStream(m.oursV4, "hi", CHUNKS),
  ]);
  // Chunks per CPU second: on a shared machine wall time also counts other processes' work.
  const cpuMs = ceiling.cpu.values.map(median);
  const perSecond = cpuMs.map(rate);
  const named = (values: number[]) => Object.fromEntries(values.map((value, i) => [names[i], value]));
  const [floor = 0, jsonFloor = 0, bareRate = 0, oursRate = 0, bareV4Rate = 0, oursV4Rate = 0] = perSecond;
  context.log(
    `  floor ${fmt.rate(floor)} (with JSON.parse ${fmt.rate(jsonFloor)}), bare ${fmt.rate(bareRate)}, synthetic ${fmt.rate(oursRate)}; ` +
      `V4: bare ${fmt.rate(bareV4Rate)}, synthetic ${fmt.rate(oursV4Rate)} (chunks per CPU second)`,
  );

  // One event per read, as a stream arrives token by token: every per-read cost is paid per chunk.
  const events = sseBody({ chunks: EVENT_CHUNKS, model: PLAIN_MODEL, readSize: "event" });
  const e = models(events);
  const perEvent = await rotate(rounds(context, 30, 16), rounds(context, 6, 3), [
    () => timeDoStream(e.bare, "hi", EVENT_CHUNKS),
    () => timeDoStream(e.ours, "hi", EVENT_CHUNKS),
    () => timeDoStream(e.bareV7, "hi", EVENT_CHUNKS),
    () => timeDoStream(e.oursV4, "hi", EVENT_CHUNKS),
  ]);
  const eventMs = perEvent.wall.values.map(median);
  const eventCpu = perEvent.cpu.values.map(median);
  const wrapper = { cpu: over(perEvent.cpu, 0, 1), wall: over(perEvent.wall, 0, 1) };
  const wrapperV4 = { cpu: over(perEvent.cpu, 2, 3), wall: over(perEvent.wall, 2, 3) };
  const pairRatios = (a: number, b: number) =>
    perEvent.cpu.values[b]?.map((value, i) => value / (perEvent.cpu.values[a]?.[i] as number)) ?? [];
  context.log(
    `  one event per read: cpu ${fmt.ratio(wrapper.cpu)}, wall ${fmt.ratio(wrapper.wall)}; ` +
      `V4 cpu ${fmt.ratio(wrapperV4.cpu)}, wall ${fmt.ratio(wrapperV4.wall)}`,
  );
  const pct = (value: number) => `${((value / floor) * 100).toFixed(1)}%`;
  const perEventRow = (
    id: string,
    title: string,
    [a, b]: [number, number],
    names: [string, string],
    ratio: { cpu: number; wall: number },
    gate: boolean,
  ): Row => ({
    id,
    title,
    base: `${names[0]} ${fmt.ms(eventCpu[a] ?? Number.NaN)} CPU`,
    variant: `${names[1]} ${fmt.ms(eventCpu[b] ?? Number.NaN)} CPU`,
    ratio: ratio.cpu,
    wallRatio: ratio.wall,
    target: "report",
    met: null,
    gate,
    details: {
      chunks: EVENT_CHUNKS,
      reads: events.length,
      rounds: perEvent.wall.values[0]?.length,
      wallMs: { base: eventMs[a], variant: eventMs[b] },
      cpuMs: { base: eventCpu[a], variant: eventCpu[b] },
      cpuMicrosPerChunk: [a, b].map((i) => ((eventCpu[i] ?? Number.NaN) * 1000) / EVENT_CHUNKS),
      ratioQuartiles: [percentile(pairRatios(a, b), 25), percentile(pairRatios(a, b), 75)],
    },
  });
  return [
    {
      id: "parse-ceiling",
      title: `3. Parse ceiling, in-memory SSE (${CHUNKS.toLocaleString("en")} chunks), per CPU second`,
      base: `eventsource-parser ${fmt.rate(floor)} (+JSON.parse ${fmt.rate(jsonFloor)})`,
      variant:
        `synthetic ${fmt.rate(oursRate)} = ${pct(oursRate)} (bare ${fmt.rate(bareRate)} = ${pct(bareRate)}); ` +
        `V4 ${fmt.rate(oursV4Rate)} = ${pct(oursV4Rate)} (bare ${fmt.rate(bareV4Rate)} = ${pct(bareV4Rate)})`,
      ratio: over(ceiling.cpu, 0, 3),
      wallRatio: over(ceiling.wall, 0, 3),
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
        chunksPerCpuSecond: named(perSecond),
        shareOfFloor: named(perSecond.map((value) => value / floor)),
        chunksPerWallSecond: named(ceiling.wall.values.map(median).map(rate)),
        cpuMs: named(cpuMs),
        wallMs: named(ceiling.wall.values.map(median)),
        bareToFloor: over(ceiling.cpu, 0, 2),
        syntheticToJsonFloor: over(ceiling.cpu, 1, 3),
        syntheticToBare: { cpu: over(ceiling.cpu, 2, 3), wall: over(ceiling.wall, 2, 3) },
        syntheticV4ToBareV4: { cpu: over(ceiling.cpu, 4, 5), wall: over(ceiling.wall, 4, 5) },
      },
    },
    perEventRow(
      "parse-wrapper",
      `3b. In-memory doStream, one event per read (${EVENT_CHUNKS.toLocaleString("en")} chunks)`,
      [0, 1],
      ["bare openai-compatible 1.x (V2)", "synthetic (V2)"],
      wrapper,
      true,
    ),
    perEventRow(
      "parse-wrapper-v4",
      "3b v4. Same, V4 face",
      [2, 3],
      ["bare openai-compatible 3.x (V4)", "synthetic ai-v7 (V4)"],
      wrapperV4,
      false,
    ),
  ];
}
