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

/** The rows as a Markdown table (docs/performance.md). */
export function markdownTable(rows: readonly Row[]): string {
  const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/</g, "&lt;");
  return [
    `| ${COLUMNS.join(" | ")} |`,
    `| ${COLUMNS.map((_, i) => (i === 3 || i === 4 ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((row) => `| ${cells(row).map(cell).join(" | ")} |`),
  ].join("\n");
}

export type Baseline = { note: string; maxRegression: number; ratios: Record<string, number> };

export type Verdict = {
  id: string;
  ratio: number;
  baseline: number;
  limit: number;
  regressed: boolean;
  /** Every measurement of the ratio, when the row was measured again. */
  attempts?: number[];
};

/** Gated rows against the committed baseline: regressed when the ratio exceeds baseline x (1 + maxRegression). */
export function compare(rows: readonly Row[], baseline: Baseline): Verdict[] {
  return rows.flatMap((row) => {
    const base = baseline.ratios[row.id];
    if (!row.gate || row.ratio === null || base === undefined) return [];
    const limit = base * (1 + baseline.maxRegression);
    return [{ id: row.id, ratio: row.ratio, baseline: base, limit, regressed: row.ratio > limit }];
  });
}

/** Two attempts within the limit pass a row and two over it fail it; anything else needs another attempt. */
export function decide(attempts: readonly number[], limit: number): "ok" | "regressed" | "undecided" {
  const over = attempts.filter((ratio) => ratio > limit).length;
  if (over === 0 || attempts.length - over >= 2) return "ok";
  return over >= 2 ? "regressed" : "undecided";
}
