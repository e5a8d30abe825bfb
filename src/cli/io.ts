import { stripVTControlCharacters } from "node:util";

/** Where a command writes and what it reads: the process's streams, or a test's buffers. */
export type CliIo = {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** The whole of stdin (for `chat -`). */
  readStdin: () => string | Promise<string>;
  env: Record<string, string | undefined>;
  /** Stops a long-running command (`emulator`) as SIGINT/SIGTERM do; for in-process runs. */
  stop?: AbortSignal;
};

/** Output helpers bound to one run: colour only on a terminal without NO_COLOR. */
export type Terminal = ReturnType<typeof terminal>;

export function terminal(io: CliIo) {
  // NO_COLOR: any non-empty value disables colour (https://no-color.org).
  const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
  const style = (code: string, reset: string) => (text: string) =>
    color ? `\x1b[${code}m${text}\x1b[${reset}m` : text;
  const bold = style("1", "22");
  return {
    io,
    out: (text: string) => void io.stdout.write(text),
    err: (text: string) => void io.stderr.write(text),
    dim: style("2", "22"),
    bold,
    red: style("31", "39"),
    green: style("32", "39"),
    yellow: style("33", "39"),
    table: (header: string[], rows: string[][], rightAligned: number[] = []) => table(header, rows, rightAligned, bold),
    startProgress: (label: string) => startProgress(io, label),
    withProgress: async <T>(label: string, run: () => PromiseLike<T>): Promise<T> => {
      const progress = startProgress(io, label);
      try {
        return await run();
      } finally {
        progress.stop();
      }
    },
  };
}

/** Wrong arguments: exit 2 with the message and a pointer to `--help` (of `cause`, a command name). */
export class UsageError extends Error {}

function table(header: string[], rows: string[][], rightAligned: number[], bold: (s: string) => string): string {
  const visible = (s: string) => stripVTControlCharacters(s).length;
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - visible(cell));
        return rightAligned.includes(i) ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [bold(line(header)), ...rows.map(line)].join("\n");
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A spinner on stderr, only when stderr is a terminal (never in pipes, logs or tests). */
function startProgress(io: CliIo, label: string): { stop: () => void } {
  if (!io.stderr.isTTY) return { stop: () => {} };
  let frame = 0;
  const draw = () => io.stderr.write(`\r${SPINNER[frame++ % SPINNER.length]} ${label}…\x1b[K`);
  draw();
  const timer = setInterval(draw, 80);
  let stopped = false;
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      io.stderr.write("\r\x1b[K");
    },
  };
}

export const yesNo = (value: boolean) => (value ? "yes" : "no");
export const formatContext = (tokens: number) =>
  tokens >= 1_000_000 ? `${Number((tokens / 1_000_000).toFixed(1))}M` : `${Math.round(tokens / 1000)}K`;
export const formatNumber = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
export const formatMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** `$0.55`, `$0.015`, `$0`: two decimals, more only when the price needs them; `?` when unknown. */
export function formatPrice(usdPerMillion: number | undefined): string {
  if (usdPerMillion === undefined) return "?";
  if (usdPerMillion === 0) return "$0";
  const text = usdPerMillion.toFixed(6).replace(/0+$/, "");
  const [whole, fraction = ""] = text.split(".");
  return `$${whole}.${fraction.padEnd(2, "0")}`;
}

/** Small USD amounts with three significant digits and no exponent: `$0.0000242`. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  return `$${Number(usd.toPrecision(3)).toFixed(12).replace(/0+$/, "").replace(/\.$/, "")}`;
}

/** `2h 14m`, `3d 0h`, `<1m`. */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "<1m";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  return hours > 0 ? `${hours}h ${mins}m` : `${mins}m`;
}
