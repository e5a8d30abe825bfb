/**
 * The `/v2/quotas` body and the `x-synthetic-quotas` header (the same JSON), read field by field.
 * Shapes as public integrations read the live endpoint (aliou/pi-synthetic `src/types/quotas.ts`,
 * TopiCsarno/yapcap#33, can1357/oh-my-pi#6358): plans of 2026 move `rollingFiveHourLimit` and
 * `weeklyTokenLimit`; older plans carry `{limit, requests, renewsAt}` windows, which still read.
 */

/** A window counted in requests (older plans, `search.hourly`, `freeToolCalls`). */
export type SyntheticQuotaWindow = {
  /** What the window allows (requests or tool calls). */
  limit?: number;
  /** How much of `limit` is used; may be fractional (`freeToolCalls`). */
  requests?: number;
  /** ISO time when the window resets. */
  renewsAt?: string;
  [field: string]: unknown;
};

/** `rollingFiveHourLimit`: requests over a rolling five hours, refilled in ticks (about +5% every 15 min). */
export type SyntheticRollingLimit = SyntheticQuotaWindow & {
  /** Requests left now. */
  remaining?: number;
  /** Requests the window holds when full. */
  max?: number;
  /** Whether requests are refused until the next tick. */
  limited?: boolean;
  /** ISO time of the next refill tick. */
  nextTickAt?: string;
  /** Share of `max` each tick refills, as a fraction (`0.05` is 5%). */
  tickPercent?: number;
};

/** `weeklyTokenLimit`: credits in USD, regenerated in steps (about +2% every 202 min). */
export type SyntheticCreditLimit = SyntheticQuotaWindow & {
  /** Credits left, in percent of `maxCredits` (0-100). */
  percentRemaining?: number;
  /** USD the window holds when full (the wire's `"$24.00"`). */
  maxCredits?: number;
  /** USD left now. */
  remainingCredits?: number;
  /** ISO time of the next regeneration step. */
  nextRegenAt?: string;
  /** USD the next step adds. */
  nextRegenCredits?: number;
};

/**
 * Body of `GET /v2/quotas`, typed. Every part is optional (`{}` has been seen); a field that is
 * missing or unreadable is left out (unknown, never 0); unknown parts pass through.
 */
export type SyntheticQuota = {
  /** Requests per subscription period (stays at 0 used on plans metered by the two windows below). */
  subscription?: SyntheticQuotaWindow;
  /** Search calls, per hour. */
  search?: { hourly?: SyntheticQuotaWindow; [field: string]: unknown };
  /** Free tool calls (`requests` may be fractional). */
  freeToolCalls?: SyntheticQuotaWindow;
  /** Requests over a rolling five hours. */
  rollingFiveHourLimit?: SyntheticRollingLimit;
  /** Credits (USD) per week. */
  weeklyTokenLimit?: SyntheticCreditLimit;
  [part: string]: unknown;
};

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);

const finite = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const flag = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);

/** `"$24.00"` (also `"24"`, `"$1,024.50"`) -> 24; anything else unknown. */
export function readUsd(value: unknown): number | undefined {
  if (typeof value === "number") return finite(value);
  if (typeof value !== "string") return undefined;
  const match = /^\s*\$?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*$/.exec(value);
  return match?.[1] ? Number(match[1].replace(/,/g, "")) : undefined;
}

type Reader = (value: unknown) => unknown;
const WINDOW: Record<string, Reader> = { limit: finite, requests: finite, renewsAt: text };
const ROLLING: Record<string, Reader> = {
  ...WINDOW,
  remaining: finite,
  max: finite,
  limited: flag,
  nextTickAt: text,
  tickPercent: finite,
};
const CREDITS: Record<string, Reader> = {
  ...WINDOW,
  percentRemaining: finite,
  maxCredits: readUsd,
  remainingCredits: readUsd,
  nextRegenAt: text,
  nextRegenCredits: readUsd,
};

/** A copy of `value` with each known field read by its reader: unreadable ones are dropped. */
function readFields(value: Obj, readers: Record<string, Reader>): Obj {
  const out: Obj = { ...value };
  for (const [key, read] of Object.entries(readers)) {
    if (!(key in out)) continue;
    const parsed = read(out[key]);
    if (parsed === undefined) delete out[key];
    else out[key] = parsed;
  }
  return out;
}

/**
 * A quota body read strictly: known windows typed (credits as USD numbers), unreadable fields
 * left out. `undefined` when `value` is not an object.
 */
export function readQuota(value: unknown): SyntheticQuota | undefined {
  if (!isObject(value)) return undefined;
  const out: Obj = {};
  for (const [key, part] of Object.entries(value)) {
    if (!isObject(part)) {
      out[key] = part;
      continue;
    }
    if (key === "rollingFiveHourLimit") out[key] = readFields(part, ROLLING);
    else if (key === "weeklyTokenLimit") out[key] = readFields(part, CREDITS);
    else if (key === "search") {
      const search = { ...part };
      for (const [inner, window] of Object.entries(part)) {
        if (isObject(window)) search[inner] = readFields(window, WINDOW);
      }
      out[key] = search;
    } else out[key] = readFields(part, WINDOW);
  }
  return out as SyntheticQuota;
}

/** The `x-synthetic-quotas` header value, read as {@link readQuota} does; `undefined` when absent or not JSON. */
export function parseQuotaHeader(value: string | undefined): SyntheticQuota | undefined {
  if (!value) return undefined;
  try {
    return readQuota(JSON.parse(value));
  } catch {
    return undefined;
  }
}
