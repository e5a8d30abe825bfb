/** The `/v2/quotas` body the emulator serves by default: a plan of today's shape. */

const MINUTE = 60_000;

/**
 * A plan as public integrations read the live endpoint in 2026 (aliou/pi-synthetic
 * `src/types/quotas.ts`; TopiCsarno/yapcap#33 for the refill rates): requests over a rolling five
 * hours refilled +5% every 15 min, credits per week regenerated +2% every 202 min, and
 * `subscription` beside them with `requests` at 0. `now` dates the refills.
 *
 * @example startSyntheticEmulator({ quotas: { ...todaysPlan(Date.now()), rollingFiveHourLimit: { ...limited } } })
 */
export function todaysPlan(now: number) {
  const at = (minutes: number) => new Date(now + minutes * MINUTE).toISOString();
  return {
    subscription: { limit: 135, requests: 0, renewsAt: at(30 * 24 * 60) },
    search: { hourly: { limit: 250, requests: 0, renewsAt: at(60) } },
    freeToolCalls: { limit: 0, requests: 0, renewsAt: at(24 * 60) },
    weeklyTokenLimit: {
      nextRegenAt: at(202),
      percentRemaining: 100,
      maxCredits: "$24.00",
      remainingCredits: "$24.00",
      nextRegenCredits: "$0.48",
    },
    rollingFiveHourLimit: { nextTickAt: at(15), tickPercent: 0.05, remaining: 135, max: 135, limited: false },
  };
}
