/** How long ago, in words: "40 s", "12 min", "3.5 h". */
export const formatAge = (ms: number) =>
  ms < 60_000
    ? `${Math.round(ms / 1000)} s`
    : ms < 3_600_000
      ? `${Math.round(ms / 60_000)} min`
      : `${(ms / 3_600_000).toFixed(1)} h`;

/** A one-line reason for a failed request (status, message, URL); never includes headers (the key). */
export function describeFailedRequest(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { statusCode?: unknown }).statusCode;
  const url = (error as { url?: unknown }).url;
  const where = typeof url === "string" && !error.message.includes(url) ? ` (${url})` : "";
  const message = where ? error.message.replace(/\.$/, "") : error.message;
  return `${typeof status === "number" ? `HTTP ${status}: ` : ""}${message}${where}`;
}
