import { getQuota, listQuotaWindows } from "../quota";
import { describeQuotaWindow } from "../quota-format";
import { API_KEY_ENV } from "../settings";
import { formatSpan, type Terminal } from "./io";

export const QUOTA_HELP = `Usage: mastra-synthetic quota [--json] [--base-url <url>]

Show how much of the plan is used (GET /v2/quotas, which counts against no limit), one line a
window with its next refill, e.g. "5h: 17 of 135 requests used, +5% at 03:15 (in 12m)" and
"week: $14.76 of $24.00 left (61%), +$0.48 at 05:02 (in 1h 59m)". Needs ${API_KEY_ENV}.

Options:
  --json            Print the quota as JSON (credits as USD numbers)
  --base-url <url>  API base URL`;

export const QUOTA_OPTIONS = { json: { type: "boolean" } } as const;

const REQUEST_TIMEOUT_MS = 15_000;

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
  for (const window of windows) {
    const line = describeQuotaWindow(window, (iso) => localTime(iso, now));
    t.out(`${window.limited ? t.red(line) : line}\n`);
  }
  return 0;
}

/** `03:15 (in 12m)` in the local time zone; the date too when it is not today. */
function localTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const date = new Date(at);
  const clock = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const day = date.toDateString() === new Date(now).toDateString() ? "" : `${date.toLocaleDateString("en-CA")} `;
  const ms = at - now;
  return `${day}${clock} (${ms >= 0 ? `in ${formatSpan(ms)}` : `${formatSpan(-ms)} ago`})`;
}
