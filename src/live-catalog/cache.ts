import { getModelInfo, listModels, type ModelLookup, modelLookup } from "../catalog";
import type { SyntheticModelInfo } from "../catalog-schema";
import type { PreparedSettings, SyntheticProviderSettings } from "../settings";
import { describeFailedRequest, formatAge } from "./describe";
import { type LiveModelProblem, parseLiveModels, type SkippedLiveModel } from "./parse";
import { DEFAULT_LIVE_TIMEOUT_MS, fetchModelsResponse, prepareReadSettings, today } from "./read";

const DEFAULT_LIVE_TTL_MS = 10 * 60_000;

/** Options of {@link LiveCatalog}: the provider's settings plus cache and fallback behaviour. */
export interface LiveCatalogOptions extends SyntheticProviderSettings {
  /** Settings a provider or gateway already prepared; the provider fields above are then not read. */
  prepared?: PreparedSettings;
  /** How long a fetched list (or the bundled fallback after a failure) is reused, in ms. Default: 600000 (10 min). */
  ttlMs?: number;
  /** Deadline for each `/models` read, retries included, in ms. Default: 3000. */
  readTimeoutMs?: number;
  /** @deprecated Use `readTimeoutMs` (same meaning: the whole read's deadline, not a per-attempt wait). */
  timeoutMs?: number;
  /**
   * Receives the warnings: `/models` failing (once per instance), an entry with unusable data
   * (once per entry), an id no catalog lists (once per id). Default: `console.warn`.
   * @example { logger: (message) => myLogger.warn(message) }
   */
  logger?: (message: string) => void;
}

/** What {@link LiveCatalog.load} returns. */
export type LiveCatalogSnapshot = {
  /** Live entries merged over the bundled catalog (bundled-only models kept), or the bundled catalog alone. */
  models: SyntheticModelInfo[];
  /** `"live"` when `/models` answered (now or, if `stale`, earlier); `"bundled"` when it never has. */
  source: "live" | "bundled";
  /** Ids the live list had (empty when `source` is `"bundled"`). */
  liveIds: string[];
  /** `Date.now()` when the list was read (for a stale list: when it was last read successfully). */
  fetchedAt: number;
  /** Set when the latest refresh failed and this is the last good live list; it is read again once `ttlMs` has passed. */
  stale?: boolean;
  /** Why the latest read failed, when `source` is `"bundled"` or `stale` is set. */
  error?: unknown;
  /** Fields of live entries that could not be used (each also warned about once). */
  problems: LiveModelProblem[];
  /** Live entries that could not be used at all. */
  skipped: SkippedLiveModel[];
};

/**
 * The bundled catalog with the live `/models` list merged over it, cached in memory.
 *
 * Never throws. When a refresh fails after the TTL, the last good live list is kept (marked
 * `stale`, with its age) and read again once `ttlMs` has passed since the failure. When `/models`
 * has never answered, the bundled catalog is served for `ttlMs` the same way (so a dead endpoint
 * costs one read, with its retries, per TTL, not one per call). Warns once per instance about the failure, once per unusable entry. Concurrent
 * callers share one request.
 *
 * @example
 * const catalog = new LiveCatalog({ ttlMs: 60_000 });
 * const glm = await catalog.modelInfo("hf:zai-org/GLM-5.3-Flash");
 */
export class LiveCatalog {
  readonly #prepared: PreparedSettings;
  readonly #headers: Record<string, string> | undefined;
  readonly #readTimeoutMs: number;
  readonly #ttlMs: number;
  readonly #logger: (message: string) => void;
  #snapshot: LiveCatalogSnapshot | undefined;
  /** `Date.now()` of the latest read, failed or not: the TTL counts from it. */
  #readAt = 0;
  #lookup: ModelLookup | undefined;
  #pending: Promise<LiveCatalogSnapshot> | undefined;
  #warnedFailure = false;
  readonly #warnedEntries = new Set<string>();

  constructor(options: LiveCatalogOptions = {}) {
    const { ttlMs = DEFAULT_LIVE_TTL_MS, readTimeoutMs, timeoutMs, logger, prepared, ...settings } = options;
    this.#prepared = prepared ?? prepareReadSettings(settings);
    this.#headers = prepared ? undefined : settings.headers;
    this.#readTimeoutMs = readTimeoutMs ?? timeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS;
    this.#ttlMs = ttlMs;
    this.#logger = logger ?? ((message) => console.warn(message));
  }

  /** The merged list (cached), with where it came from. */
  load(): Promise<LiveCatalogSnapshot> {
    const snapshot = this.#snapshot;
    if (snapshot && !this.#expired()) return Promise.resolve(snapshot);
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** The merged list (cached). */
  async list(): Promise<SyntheticModelInfo[]> {
    return (await this.load()).models;
  }

  /** One model from the merged list, by exact id (case-insensitive fallback, `synthetic/` prefix allowed), or `undefined`. */
  async get(id: string): Promise<SyntheticModelInfo | undefined> {
    await this.load();
    return this.#find(id);
  }

  /**
   * What is known about a model: its live entry merged over the bundled one (live wins where it
   * has usable data). Before the first successful read it waits for `/models`; after that it
   * answers from the list at hand at once and refreshes it in the background when it is older
   * than the TTL (or the last refresh failed), so a slow or failing `/models` never delays the
   * request that asked. `undefined` when neither the live list nor the bundled catalog has the id.
   */
  modelInfo(id: string): Promise<SyntheticModelInfo | undefined> {
    if (this.#snapshot?.source === "live" && this.#expired()) {
      void this.load();
      return Promise.resolve(this.#find(id));
    }
    return this.get(id);
  }

  /**
   * Like {@link modelInfo} without any request: the entry from the list already read, else the
   * bundled entry, else `undefined`.
   */
  peek(id: string): SyntheticModelInfo | undefined {
    return this.#snapshot ? this.#find(id) : getModelInfo(id);
  }

  /** Drops the cached list so the next call fetches again. */
  clear(): void {
    this.#snapshot = undefined;
    this.#lookup = undefined;
  }

  /** @internal Logs through this catalog's logger (the model-info resolver's "no catalog lists" warning). */
  warn(message: string): void {
    this.#logger(message);
  }

  #expired(): boolean {
    return Date.now() - this.#readAt >= this.#ttlMs;
  }

  #find(id: string): SyntheticModelInfo | undefined {
    this.#lookup ??= modelLookup(this.#snapshot?.models ?? []);
    return this.#lookup(id);
  }

  #set(snapshot: LiveCatalogSnapshot): LiveCatalogSnapshot {
    if (snapshot.models !== this.#snapshot?.models) this.#lookup = undefined;
    this.#readAt = Date.now();
    this.#snapshot = snapshot;
    return snapshot;
  }

  async #fetch(): Promise<LiveCatalogSnapshot> {
    const bundled = listModels();
    const previous = this.#snapshot;
    try {
      const body = await fetchModelsResponse({
        prepared: this.#prepared,
        readTimeoutMs: this.#readTimeoutMs,
        ...(this.#headers ? { headers: this.#headers } : {}),
      });
      const { models, skipped, problems } = parseLiveModels(body, {
        catalog: bundled,
        source: { url: `${this.#prepared.resolveBaseURL()}/models` },
        date: today(),
      });
      this.#warnUnusable(skipped, problems);
      const liveIds = new Set(models.map((model) => model.id));
      return this.#set({
        models: [...models, ...bundled.filter((model) => !liveIds.has(model.id))],
        source: "live",
        liveIds: [...liveIds],
        fetchedAt: Date.now(),
        problems,
        skipped,
      });
    } catch (error) {
      const lastLive = previous?.source === "live" ? previous : undefined;
      if (!this.#warnedFailure) {
        this.#warnedFailure = true;
        this.#logger(
          `mastra-synthetic: could not read the live model list (${describeFailedRequest(error)}); ${
            lastLive
              ? `keeping the list read ${formatAge(Date.now() - lastLive.fetchedAt)} ago and reading it again in ${formatAge(this.#ttlMs)}`
              : `using the bundled catalog (${bundled.length} models)`
          }.`,
        );
      }
      if (lastLive) return this.#set({ ...lastLive, stale: true, error });
      return this.#set({
        models: bundled,
        source: "bundled",
        liveIds: [],
        error,
        fetchedAt: Date.now(),
        problems: [],
        skipped: [],
      });
    }
  }

  #warnUnusable(skipped: SkippedLiveModel[], problems: LiveModelProblem[]): void {
    const byId = new Map<string, string[]>();
    for (const { id, field, reason } of problems) byId.set(id, [...(byId.get(id) ?? []), `${field}: ${reason}`]);
    for (const { id, reason } of skipped) byId.set(id, [...(byId.get(id) ?? []), `skipped: ${reason}`]);
    for (const [id, reasons] of byId) {
      if (this.#warnedEntries.has(id)) continue;
      this.#warnedEntries.add(id);
      this.#logger(
        `mastra-synthetic: the live /models entry for ${id} has unusable data (${reasons.join("; ")}); the bundled value or nothing is used instead.`,
      );
    }
  }
}
