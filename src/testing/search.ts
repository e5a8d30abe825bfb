/**
 * The emulator's `POST /v2/search`: scripted results, or made-up ones from the query; metered by
 * the quota body's `search.hourly` (each search counts one; at the limit it answers 429), and
 * refused (403) for a key without a subscription.
 */
import type { EmulatorSearchReply } from "./types";
import { isRecord, type Json } from "./wire";

/** Error texts of the emulated search. Synthetic's own wording for these is not on record. */
export const SEARCH_ERROR_TEXT = {
  noSubscription: "Search is available to subscribers only.",
  hourlyLimit: "You've used all your searches for this hour.",
  missingQuery: "Invalid POST body: missing key 'query'",
} as const;

export type SearchAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** Queued replies and the rules above; one per emulator. */
export class SearchRoute {
  readonly #queue: EmulatorSearchReply[] = [];

  constructor(
    private readonly quotas: Json,
    private readonly subscriber: () => boolean,
  ) {}

  script(...replies: EmulatorSearchReply[]): void {
    this.#queue.push(...replies);
  }

  reset(): void {
    this.#queue.length = 0;
  }

  answer(body: unknown): SearchAnswer {
    // Synthetic's 400 for a body without `query` (observed, per the skill reference in SOURCES.md).
    if (!isRecord(body) || typeof body.query !== "string") {
      return { status: 400, body: { error: SEARCH_ERROR_TEXT.missingQuery } };
    }
    if (!this.subscriber()) return { status: 403, body: { error: SEARCH_ERROR_TEXT.noSubscription } };
    const hourly = this.#hourly();
    if (hourly && typeof hourly.limit === "number" && Number(hourly.requests ?? 0) >= hourly.limit) {
      return { status: 429, body: { error: SEARCH_ERROR_TEXT.hourlyLimit } };
    }
    const reply = this.#queue.shift();
    if (reply?.status !== undefined && reply.status !== 200) {
      return { status: reply.status, body: { error: reply.error ?? "Search failed" }, headers: reply.headers };
    }
    if (hourly) hourly.requests = Number(hourly.requests ?? 0) + 1;
    return { status: 200, body: { results: reply?.results ?? madeUp(body.query) }, headers: reply?.headers };
  }

  #hourly(): Json | undefined {
    const search = this.quotas.search;
    return isRecord(search) && isRecord(search.hourly) ? search.hourly : undefined;
  }
}

function madeUp(query: string) {
  const slug = encodeURIComponent(query.toLowerCase().replace(/\s+/g, "-"));
  return [1, 2, 3].map((n) => ({
    url: `https://example.com/${slug}/${n}`,
    title: `${query} (result ${n})`,
    text: `Made-up page ${n} about ${query}, served by the mastra-synthetic emulator.`,
    published: `2026-0${n}-01T00:00:00.000Z`,
  }));
}
