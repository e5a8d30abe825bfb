import type { BuiltPackage } from "./build";
import type { EmulatorProcess } from "./emulator";

export type Package = typeof import("../../src/index");
/** The `mastra-synthetic/ai-v7` entry: the LanguageModelV4 face. */
export type PackageV7 = typeof import("../../src/ai-v7");

export type BenchContext = {
  quick: boolean;
  pkg: Package;
  pkgV7: PackageV7;
  built: BuiltPackage;
  emulator: EmulatorProcess;
  log(message: string): void;
};

/**
 * One line of the table. `ratio` is variant / baseline (time, so > 1 means slower), the median of
 * per-round ratios: CPU time for the streaming rows (1-3), the row's own metric otherwise.
 */
export type Row = {
  /** Stable key, used by bench/baseline.json. */
  id: string;
  title: string;
  /** Baseline cell, e.g. "built-in route 95.1 ms". */
  base: string;
  /** Variant cell. */
  variant: string;
  ratio: number | null;
  /** The same ratio in wall-clock time, for the rows whose `ratio` is CPU time. */
  wallRatio: number | null;
  /** The target as text, e.g. "<= 1.02", or "report" for rows without one. */
  target: string;
  /** Whether the target is met; `null` for rows without one. */
  met: boolean | null;
  /** Compared against bench/baseline.json by the quick mode (only stable ratios are). */
  gate: boolean;
  /** Every measured number behind the row, for results.json. */
  details: Record<string, unknown>;
};

/** Rounds for the full run or for --quick. */
export const rounds = (context: BenchContext, full: number, quick: number): number => (context.quick ? quick : full);

export const fmt = {
  ms: (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`,
  us: (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} µs`,
  ratio: (value: number) => value.toFixed(3),
  rate: (value: number) =>
    value >= 1e6
      ? `${(value / 1e6).toFixed(2)}M/s`
      : value >= 1e3
        ? `${(value / 1e3).toFixed(1)}k/s`
        : `${value.toFixed(0)}/s`,
  kib: (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`,
};
