import { fmt, type Row } from "./types";

const COLUMNS = ["Row", "Baseline", "Variant", "Ratio", "Wall", "Target", "Met"] as const;

const cells = (row: Row): string[] => [
  row.title,
  row.base,
  row.variant,
  row.ratio === null ? "" : fmt.ratio(row.ratio),
  row.wallRatio === null ? "" : fmt.ratio(row.wallRatio),
  row.target,
  row.met === null ? "" : row.met ? "yes" : "NO",
];

/** The rows as an aligned text table (stdout). */
export function textTable(rows: readonly Row[]): string {
  const all = [COLUMNS as unknown as string[], ...rows.map(cells)];
  const widths = COLUMNS.map((_, c) => Math.max(...all.map((line) => (line[c] ?? "").length)));
  const line = (values: string[]) =>
    values
      .map((value, c) => value.padEnd(widths[c] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(all[0] ?? []), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

/** The rows as a Markdown table (docs/internals/performance.md). */
export function markdownTable(rows: readonly Row[]): string {
  const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/</g, "&lt;");
  return [
    `| ${COLUMNS.join(" | ")} |`,
    `| ${COLUMNS.map((_, i) => (i === 3 || i === 4 ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((row) => `| ${cells(row).map(cell).join(" | ")} |`),
  ].join("\n");
}

export type Baseline = {
  note: string;
  maxRegression: number;
  /** Last measured ratios of the gated rows: a regression is measured against these. */
  ratios: Record<string, number>;
  /** Absolute limits (issue 10's targets): a row over its target fails whatever its baseline. */
  targets: Record<string, number>;
  /** Rows gated by their target only (a ratio near 0, or too noisy for a 10% regression limit). */
  targetOnly: string[];
};

export type Verdict = {
  id: string;
  ratio: number;
  /** The ratio recorded in bench/baseline.json, if any. */
  baseline: number | undefined;
  /** The lower of the absolute target and baseline x (1 + maxRegression). */
  limit: number;
  /** What sets the limit. */
  limitBy: "target" | "baseline";
  regressed: boolean;
  /** Every measurement of the ratio, when the row was measured again. */
  attempts?: number[];
};

/**
 * Gated rows against bench/baseline.json: a row fails when its ratio exceeds its absolute target,
 * or its recorded ratio by more than `maxRegression`, whichever limit is lower.
 */
export function compare(rows: readonly Row[], baseline: Baseline): Verdict[] {
  return rows.flatMap((row) => {
    const base = baseline.targetOnly.includes(row.id) ? undefined : baseline.ratios[row.id];
    const target = baseline.targets[row.id];
    if (!row.gate || row.ratio === null || (base === undefined && target === undefined)) return [];
    const fromBaseline = base === undefined ? Number.POSITIVE_INFINITY : base * (1 + baseline.maxRegression);
    const limit = Math.min(target ?? Number.POSITIVE_INFINITY, fromBaseline);
    const limitBy = target !== undefined && target <= fromBaseline ? "target" : "baseline";
    return [{ id: row.id, ratio: row.ratio, baseline: base, limit, limitBy, regressed: row.ratio > limit }];
  });
}

/** Two attempts within the limit pass a row and two over it fail it; anything else needs another attempt. */
export function decide(attempts: readonly number[], limit: number): "ok" | "regressed" | "undecided" {
  const over = attempts.filter((ratio) => ratio > limit).length;
  if (over === 0 || attempts.length - over >= 2) return "ok";
  return over >= 2 ? "regressed" : "undecided";
}
