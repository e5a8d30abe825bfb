import type { SyntheticCreditLimit, SyntheticQuota, SyntheticQuotaWindow, SyntheticRollingLimit } from "./quota-read";

/**
 * One metered window of a plan as {@link listQuotaWindows} returns it: what is used of what (or
 * only the percentage), whether it refuses requests now, and when it next refills. A figure the
 * body did not give is `undefined`, never 0.
 */
export type NamedQuotaWindow = {
  /** The body's key, nested ones joined by a dot: `rollingFiveHourLimit`, `weeklyTokenLimit`, `search.hourly`. */
  name: string;
  /** A short name for people: `5h`, `week`, `subscription`, `search (hourly)`. */
  label: string;
  /** What the figures count: requests (or searches, tool calls), or USD credits. */
  unit: "requests" | "usd";
  /** Used so far, in `unit`. */
  used?: number;
  /** What the window holds when full, in `unit`. */
  limit?: number;
  /** Left now, in `unit`. */
  remaining?: number;
  /** Left now, in percent of `limit` (0-100). */
  percentRemaining?: number;
  /** Whether the window refuses requests until it refills; `undefined` when the body does not say and the figures cannot tell. */
  limited: boolean | undefined;
  /** ISO time of the next refill. */
  nextRefillAt?: string;
  /**
   * What that refill adds: the whole window (`"full"`, older windows reset), a share of the limit
   * in percent (`{ percent: 5 }`), or an amount in `unit` (`{ amount: 0.48 }`).
   */
  refill?: "full" | { percent?: number; amount?: number };
  /** The window as the body has it. */
  window: SyntheticQuotaWindow;
};

const LABELS: Record<string, string> = {
  rollingFiveHourLimit: "5h",
  weeklyTokenLimit: "week",
  subscription: "subscription",
  "search.hourly": "search (hourly)",
  freeToolCalls: "free tool calls",
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Every metered window in a quota body, in the body's order, including parts this package does
 * not know (a `{limit, requests}` object, nested one level like `search.hourly`). Left out: a
 * window whose limit is 0 (a feature the plan does not have), and `subscription` beside
 * `rollingFiveHourLimit`, whose `requests` stays at 0 on those plans (slkiser/opencode-quota#52:
 * a display that showed it read "0/500 used" while the five-hour window was 10% spent).
 *
 * @example
 * listQuotaWindows(await getQuota()).map((w) => w.label) // ["5h", "week", "search (hourly)"]
 */
export function listQuotaWindows(quota: SyntheticQuota): NamedQuotaWindow[] {
  const out: NamedQuotaWindow[] = [];
  const visit = (name: string, value: unknown, depth: number) => {
    if (!isObject(value)) return;
    const window = toWindow(name, value as SyntheticQuotaWindow);
    if (window) {
      if (window.limit !== 0) out.push(window);
      return;
    }
    if (depth > 0) for (const [key, inner] of Object.entries(value)) visit(`${name}.${key}`, inner, depth - 1);
  };
  for (const [key, value] of Object.entries(quota)) {
    if (key === "subscription" && isObject(quota.rollingFiveHourLimit)) continue;
    visit(key, value, 1);
  }
  return out;
}

function toWindow(name: string, value: SyntheticQuotaWindow): NamedQuotaWindow | undefined {
  const label = LABELS[name] ?? name;
  const rolling = value as SyntheticRollingLimit;
  if (rolling.max !== undefined || rolling.remaining !== undefined) {
    const { max, remaining } = rolling;
    return {
      name,
      label,
      unit: "requests",
      ...figures(max, remaining),
      limited: rolling.limited ?? (remaining === undefined ? undefined : remaining <= 0),
      nextRefillAt: rolling.nextTickAt,
      refill: rolling.tickPercent === undefined ? undefined : { percent: rolling.tickPercent * 100 },
      window: value,
    };
  }
  const credits = value as SyntheticCreditLimit;
  if (credits.percentRemaining !== undefined || credits.maxCredits !== undefined) {
    const { maxCredits, remainingCredits: remaining, percentRemaining } = credits;
    const counted = figures(maxCredits, remaining);
    return {
      name,
      label,
      unit: "usd",
      ...counted,
      // Synthetic's own percentage where it gives one (it is not rounded to cents).
      percentRemaining: percentRemaining ?? counted.percentRemaining,
      limited:
        remaining !== undefined ? remaining <= 0 : percentRemaining !== undefined ? percentRemaining <= 0 : undefined,
      nextRefillAt: credits.nextRegenAt,
      refill: credits.nextRegenCredits === undefined ? undefined : { amount: credits.nextRegenCredits },
      window: value,
    };
  }
  if (typeof value.limit !== "number") return undefined;
  const { limit, requests } = value;
  return {
    name,
    label,
    unit: "requests",
    used: requests,
    limit,
    remaining: requests === undefined ? undefined : Math.max(0, limit - requests),
    percentRemaining: requests !== undefined && limit > 0 ? Math.max(0, (1 - requests / limit) * 100) : undefined,
    limited: requests === undefined ? undefined : requests >= limit,
    nextRefillAt: value.renewsAt,
    refill: value.renewsAt === undefined ? undefined : "full",
    window: value,
  };
}

/** Used, limit, left and left in percent from what a window holds and has left; unknown stays unknown. */
function figures(limit: number | undefined, remaining: number | undefined) {
  const known = limit !== undefined && remaining !== undefined;
  return {
    used: known ? Math.max(0, limit - remaining) : undefined,
    limit,
    remaining,
    percentRemaining: known && limit > 0 ? (remaining / limit) * 100 : undefined,
  };
}

/** The first window that refuses requests now, for naming what a subscription-cap 429 ran into. */
export function exhaustedWindow(quota: SyntheticQuota): NamedQuotaWindow | undefined {
  return listQuotaWindows(quota).find((window) => window.limited === true);
}
