import type { NamedQuotaWindow } from "./quota-windows";

const usd = (value: number) => `$${value.toFixed(2)}`;
const count = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 2 });
const percent = (value: number) => `${Math.round(value)}%`;

const NOUNS: Record<string, string> = { "search.hourly": "searches", freeToolCalls: "tool calls" };

/**
 * One window as a person reads it, e.g. `5h: 17 of 135 requests used, +5% at 03:15` or
 * `week: $14.76 of $24.00 left (61%), +$0.48 at 05:02`. `at` formats the refill time.
 */
export function describeQuotaWindow(window: NamedQuotaWindow, at: (iso: string) => string): string {
  const parts = [`${window.label}: ${describeAmount(window)}${window.limited ? " (limited)" : ""}`];
  const refill = describeRefill(window, at);
  if (refill) parts.push(refill);
  return parts.join(", ");
}

/** What is used of what, or left: `17 of 135 requests used`, `$14.76 of $24.00 left (61%)`. */
export function describeAmount(window: NamedQuotaWindow): string {
  const { used, limit, remaining, percentRemaining } = window;
  if (window.unit === "usd") {
    const share = percentRemaining === undefined ? "" : ` (${percent(percentRemaining)})`;
    if (remaining !== undefined && limit !== undefined) return `${usd(remaining)} of ${usd(limit)} left${share}`;
    if (remaining !== undefined) return `${usd(remaining)} left${share}`;
    return percentRemaining === undefined ? "usage unknown" : `${percent(percentRemaining)} left`;
  }
  const noun = NOUNS[window.name] ?? "requests";
  if (used !== undefined && limit !== undefined) return `${count(used)} of ${count(limit)} ${noun} used`;
  if (remaining !== undefined) return `${count(remaining)} ${noun} left`;
  return limit === undefined ? "usage unknown" : `${count(limit)} ${noun} allowed`;
}

/** `+5% at 03:15`, `+$0.48 at 05:02`, `resets at 14:00`, or `undefined` when the body gave no time. */
export function describeRefill(window: NamedQuotaWindow, at: (iso: string) => string): string | undefined {
  const { nextRefillAt, refill } = window;
  if (!nextRefillAt) return undefined;
  if (refill === "full") return `resets at ${at(nextRefillAt)}`;
  if (refill?.amount !== undefined)
    return `+${window.unit === "usd" ? usd(refill.amount) : count(refill.amount)} at ${at(nextRefillAt)}`;
  if (refill?.percent !== undefined) return `+${count(refill.percent)}% at ${at(nextRefillAt)}`;
  return `refills at ${at(nextRefillAt)}`;
}

/** `03:15 UTC (in 12 min)`: a time in an error message, read the same anywhere. */
export function utcTime(iso: string, now = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const date = new Date(time).toISOString();
  const sameDay = date.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  const clock = `${sameDay ? "" : `${date.slice(0, 10)} `}${date.slice(11, 16)} UTC`;
  const minutes = Math.round((time - now) / 60_000);
  if (minutes < 0) return clock;
  return `${clock} (in ${minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`})`;
}
