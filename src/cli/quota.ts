import { getQuota, listQuotaWindows, type NamedQuotaWindow } from "../quota";
import { API_KEY_ENV } from "../settings";
import { formatNumber, formatSpan, type Terminal } from "./io";

export const QUOTA_HELP = `Usage: mastra-synthetic quota [--json] [--base-url <url>]

Show how much of the plan is used (GET /v2/quotas, which counts against no limit), with bars
and reset times. Needs ${API_KEY_ENV}.

Options:
  --json            Print the response as JSON
  --base-url <url>  API base URL`;

export const QUOTA_OPTIONS = { json: { type: "boolean" } } as const;

const REQUEST_TIMEOUT_MS = 15_000;

const QUOTA_LABELS: Record<string, string> = {
  subscription: "Subscription requests",
  "search.hourly": "Search (hourly)",
  freeToolCalls: "Free tool calls",
  weeklyTokenLimit: "Weekly tokens",
  rollingFiveHourLimit: "Rolling 5-hour limit",
};

export async function quota(
  t: Terminal,
  options: { baseURL: string | undefined; resolvedBaseURL: string; json: boolean },
): Promise<number> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const body = await t
    .withProgress("GET /v2/quotas", () => getQuota({ baseURL: options.baseURL, abortSignal: timeout }))
    .catch((error: unknown) => {
      if (!timeout.aborted) throw error;
      throw new Error(
        `GET /v2/quotas at ${options.resolvedBaseURL} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s.`,
      );
    });
  if (options.json) {
    t.out(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const windows = listQuotaWindows(body);
  if (windows.length === 0) {
    t.out("No usage limits reported for this plan (GET /v2/quotas returned no limits).\n");
    return 0;
  }
  const now = Date.now();
  const rows = windows.map(({ name, window }) => quotaRow(t, name, window, now));
  t.out(`${t.table(["LIMIT", "USAGE", "USED", "%", "RESETS"], rows, [2, 3])}\n`);
  return 0;
}

function quotaRow(t: Terminal, name: string, window: NamedQuotaWindow["window"], now: number): string[] {
  const used = window.requests ?? 0;
  const ratio = window.limit > 0 ? used / window.limit : used > 0 ? 1 : 0;
  const cells = 20;
  const filled = Math.min(cells, Math.round(ratio * cells));
  const paint = ratio >= 0.9 ? t.red : ratio >= 0.7 ? t.yellow : t.green;
  const bar = `${paint("█".repeat(filled))}${t.dim("░".repeat(cells - filled))}`;
  return [
    QUOTA_LABELS[name] ?? name,
    bar,
    `${formatNumber(used)} / ${formatNumber(window.limit)}`,
    `${Math.round(ratio * 100)}%${ratio > 1 ? " (over)" : ""}`,
    formatReset(window.renewsAt, now),
  ];
}

/** `in 2h 14m (2026-01-01 14:00 UTC)`; relative first, absolute in UTC so it reads the same anywhere. */
function formatReset(renewsAt: string | undefined, now: number): string {
  if (!renewsAt) return "—";
  const at = Date.parse(renewsAt);
  if (Number.isNaN(at)) return renewsAt;
  const absolute = new Date(at)
    .toISOString()
    .replace("T", " ")
    .replace(/:\d\d\.\d+Z$/, " UTC");
  const ms = at - now;
  const span = formatSpan(Math.abs(ms));
  return `${ms >= 0 ? `in ${span}` : `${span} ago`} (${absolute})`;
}
