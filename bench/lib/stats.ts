import { performance } from "node:perf_hooks";
import { minorGc } from "./gc";

export const now = (): number => performance.now();

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

export function median(values: readonly number[]): number {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile, `p` in 0..100. */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1] as number;
}

/**
 * One run: wall-clock ms, and CPU ms of this process (user + system, all its threads, GC
 * included). The emulator runs in another process, so `cpu` is the client's work alone and
 * barely moves when other processes compete for the cores, which `wall` does.
 */
export type Sample = { wall: number; cpu: number };

/** Runs `fn` and measures it; its result is returned alongside. */
export async function timed<T>(fn: () => Promise<T>): Promise<Sample & { result: T }> {
  const cpuStart = process.cpuUsage();
  const started = now();
  const result = await fn();
  const wall = now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, result };
}

export type Series = {
  /** Per variant, one value per round. */
  values: number[][];
  /** Per variant, value / the baseline's value in the same round: neighbours in time, so drift cancels. */
  ratios: number[][];
};
export type Rotated = { wall: Series; cpu: Series };

export type Measure = () => Promise<Sample>;

const series = (n: number): Series => ({
  values: Array.from({ length: n }, () => []),
  ratios: Array.from({ length: n }, () => []),
});

/**
 * Runs the variants (the first is the baseline) in rotating order each round, reversed every
 * other cycle (ABBA for two), so none always runs first or after the same neighbour; `warmup`
 * unrecorded rounds first, a young-generation GC before every run (see `minorGc`).
 */
export async function rotate(rounds: number, warmup: number, variants: readonly Measure[]): Promise<Rotated> {
  const n = variants.length;
  const out: Rotated = { wall: series(n), cpu: series(n) };
  for (let round = -warmup; round < rounds; round++) {
    const offset = ((round % n) + n) % n;
    const order = Array.from({ length: n }, (_, i) => (offset + i) % n);
    if (Math.floor(round / n) % 2 !== 0) order.reverse();
    const samples = new Array<Sample>(n);
    for (const index of order) {
      minorGc();
      samples[index] = await (variants[index] as Measure)();
    }
    if (round < 0) continue;
    for (const metric of ["wall", "cpu"] as const) {
      const base = (samples[0] as Sample)[metric];
      samples.forEach((sample, index) => {
        out[metric].values[index]?.push(sample[metric]);
        out[metric].ratios[index]?.push(sample[metric] / base);
      });
    }
  }
  return out;
}

/** Medians of a baseline (index 0) and variant (`index`) of a rotation, per metric. */
export function summarize(rotated: Rotated, index = 1) {
  const pick = (metric: "wall" | "cpu") => {
    const ratios = rotated[metric].ratios[index] ?? [];
    return {
      base: median(rotated[metric].values[0] ?? []),
      variant: median(rotated[metric].values[index] ?? []),
      ratio: median(ratios),
      /** Quartiles of the per-round ratios: how much the machine moved them. */
      ratioQuartiles: [percentile(ratios, 25), percentile(ratios, 75)],
    };
  };
  return { wall: pick("wall"), cpu: pick("cpu"), rounds: rotated.wall.values[0]?.length ?? 0 };
}
