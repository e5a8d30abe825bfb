/**
 * Row 6: 1,000 streams started at once against the emulator, each held open after its first
 * deltas (`stallAfter`). Time to first token per stream (doStream call to first text delta),
 * p50 and p99, this provider vs the bare openai-compatible transport; and the heap each
 * in-flight stream holds (GC'd heap with all 1,000 open, minus before, / 1,000). Wall time is
 * the point here (latency under load), so the ratio is of TTFT p50; the CPU each round used is
 * reported per stream.
 */
import { gc } from "../lib/gc";
import { PLAIN_MODEL, scenarioPrompt } from "../lib/scenario";
import { median, now, percentile, rotate, timed } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";
import { models, type StreamModel, userPrompt } from "./do-stream";

const STREAMS = 1_000;
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

type Round = { ttft: number[]; heapPerStream: number; cpuMs: number };

async function concurrentRound(model: StreamModel, prompt: string): Promise<Omit<Round, "cpuMs">> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const aborts: AbortController[] = [];
  const readers: ReadableStreamDefaultReader<{ type: string; error?: unknown }>[] = [];
  const ttft = new Array<number>(STREAMS);
  const open = async (i: number) => {
    const abort = new AbortController();
    aborts.push(abort);
    const started = now();
    const { stream } = await model.doStream({ prompt: userPrompt(prompt), abortSignal: abort.signal });
    const reader = stream.getReader();
    readers.push(reader);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error("stream ended before its first token");
      if (value.type === "text-delta") break;
      if (value.type === "error") throw value.error;
    }
    ttft[i] = now() - started;
  };
  await Promise.all(Array.from({ length: STREAMS }, (_, i) => open(i)));
  gc();
  const heapPerStream = (process.memoryUsage().heapUsed - heapBefore) / STREAMS;
  for (const abort of aborts) abort.abort();
  await Promise.allSettled(readers.map((reader) => reader.cancel()));
  await settle();
  return { ttft, heapPerStream };
}

export async function concurrencyRow(context: BenchContext): Promise<Row> {
  const { bare, ours } = models(context, PLAIN_MODEL);
  // Role delta, then three content deltas; the stream then stays open.
  const prompt = scenarioPrompt({ chunks: 20, stallAfter: 4 });
  const results: Round[][] = [[], []];
  const measure = (index: number, model: StreamModel) => async () => {
    const { result: round, cpu } = await timed(() => concurrentRound(model, prompt));
    results[index]?.push({ ...round, cpuMs: cpu });
    return { wall: percentile(round.ttft, 50), cpu };
  };
  const warmup = context.quick ? 0 : 1;
  const { wall } = await rotate(rounds(context, 5, 1), warmup, [measure(0, bare), measure(1, ours)]);
  const [bareRounds, oursRounds] = results.map((all) => all.slice(warmup)) as [Round[], Round[]];
  const stat = (all: Round[], p: number) => median(all.map((round) => percentile(round.ttft, p)));
  const p50 = [stat(bareRounds, 50), stat(oursRounds, 50)] as const;
  const p99 = [stat(bareRounds, 99), stat(oursRounds, 99)] as const;
  const heap = [
    median(bareRounds.map((round) => round.heapPerStream)),
    median(oursRounds.map((round) => round.heapPerStream)),
  ] as const;
  const p50Ratio = median(wall.ratios[1] ?? []);
  const cpuPerStream = [bareRounds, oursRounds].map(
    (all) => (median(all.map((round) => round.cpuMs)) * 1000) / STREAMS,
  );
  const p99Ratio = median(
    oursRounds.map((round, i) => percentile(round.ttft, 99) / percentile(bareRounds[i]?.ttft ?? [], 99)),
  );
  context.log(
    `  p50 ${fmt.ms(p50[0])} -> ${fmt.ms(p50[1])}, p99 ${fmt.ms(p99[0])} -> ${fmt.ms(p99[1])}, ` +
      `heap/stream ${fmt.kib(heap[0])} -> ${fmt.kib(heap[1])}`,
  );
  return {
    id: "concurrent-ttft",
    title: `6. ${STREAMS.toLocaleString("en")} concurrent streams, TTFT p50 / p99`,
    base: `bare ${fmt.ms(p50[0])} / ${fmt.ms(p99[0])}, ${fmt.kib(heap[0])}/stream`,
    variant: `synthetic ${fmt.ms(p50[1])} / ${fmt.ms(p99[1])}, ${fmt.kib(heap[1])}/stream`,
    ratio: p50Ratio,
    wallRatio: null,
    target: "report",
    met: null,
    gate: false,
    details: {
      streams: STREAMS,
      rounds: oursRounds.length,
      ttftP50Ms: { bare: p50[0], synthetic: p50[1], overhead: p50[1] - p50[0], ratio: p50Ratio },
      ttftP99Ms: { bare: p99[0], synthetic: p99[1], overhead: p99[1] - p99[0], ratio: p99Ratio },
      cpuMicrosPerStreamOpened: { bare: cpuPerStream[0], synthetic: cpuPerStream[1] },
      heapBytesPerInFlightStream: { bare: heap[0], synthetic: heap[1], extra: heap[1] - heap[0] },
    },
  };
}
