import { LoadAPIKeyError } from "@ai-sdk/provider";
import { z } from "zod/v4";
import { getModelInfo, listModels, stripRouterPrefix } from "./catalog";
import { type Modality, type ModelSource, type SyntheticModelInfo, syntheticModelInfoSchema } from "./catalog-schema";
import { formatZodError } from "./errors";
import { getJson } from "./get-json";
import { lazy } from "./lazy";
import {
  type PreparedSettings,
  prepareSettings,
  type SyntheticProviderSettings,
  withSyntheticUserAgent,
} from "./settings";

/** `GET /models` body: entries are read one by one so one odd entry does not hide the rest. */
const liveModelsResponseSchema = lazy(() => z.looseObject({ data: z.array(z.unknown()) }));

const MODALITIES = new Set<string>(["text", "image", "audio", "video"]);

/** Above this a per-token price is a unit mix-up ($10,000 per 1M), not a price. */
export const MAX_PLAUSIBLE_USD_PER_TOKEN = 0.01;

/** A `/models` entry that could not be used at all, and why. */
export type SkippedLiveModel = { id: string; reason: string };

/** A field of a `/models` entry that could not be used; the entry was kept without it. */
export type LiveModelProblem = { id: string; field: string; reason: string };

/** Result of {@link parseLiveModels}. */
export type ParsedLiveModels = {
  models: SyntheticModelInfo[];
  /** Entries dropped: no usable id, or no context length from any source. */
  skipped: SkippedLiveModel[];
  /** Fields that were present but unusable; the bundled value (if any) was kept for each. */
  problems: LiveModelProblem[];
};

/** Options of {@link parseLiveModels}. */
export type ParseLiveModelsOptions = {
  /** Entries that fill the fields the live list omits or states unusably. Default: the bundled catalog. */
  catalog?: readonly SyntheticModelInfo[];
  /** Recorded on every mapped entry as its `source`, e.g. `{ url: "https://…/models" }`. */
  source?: ModelSource;
  /** Recorded on every mapped entry as its `date` (`YYYY-MM-DD`). */
  date?: string;
};

/**
 * Maps a `GET /models` response body (`{"data": [...]}`) into catalog entries.
 *
 * A field the entry states usably wins. A field it omits, or states in a form that cannot be
 * trusted, keeps the value `catalog` has for the same id; for a model `catalog` does not list it
 * stays unknown (no `cost` rather than a price of 0), or takes a conservative default where the
 * schema needs a value (no tools, text input). Each unusable field is reported in `problems`;
 * docs/models.md lists the rules per field. `/models` never says how reasoning is sent, so
 * `reasoningFormat` and `reasoningReplay` come from `catalog`, with `"reasoning_content"` for
 * reasoning models it does not know.
 *
 * `syn:` aliases: the model an alias routes to is read from `alias_of` / `aliasOf` when present,
 * else from `hugging_face_id` (what Synthetic sends), else from `name` when it looks like
 * `Owner/Name`.
 *
 * @param body the parsed JSON of a `/models` response.
 * @param options entries to fill from (an array is accepted as `{ catalog }`), and the source to record.
 * @throws a `ZodError` when `body` has no `data` array.
 */
export function parseLiveModels(
  body: unknown,
  options: ParseLiveModelsOptions | readonly SyntheticModelInfo[] = {},
): ParsedLiveModels {
  const {
    catalog = listModels(),
    source,
    date,
  } = Array.isArray(options)
    ? { catalog: options as readonly SyntheticModelInfo[] }
    : (options as ParseLiveModelsOptions);
  const known = new Map(catalog.map((model) => [model.id, model]));
  const result: ParsedLiveModels = { models: [], skipped: [], problems: [] };
  const seen = new Set<string>();
  for (const raw of liveModelsResponseSchema().parse(body).data) {
    const entry = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : undefined;
    const id = typeof entry?.id === "string" && entry.id.trim() !== "" ? entry.id : undefined;
    if (!entry || !id) {
      result.skipped.push({ id: String((entry?.id as unknown) ?? "?"), reason: "no id" });
      continue;
    }
    if (seen.has(id)) continue;
    const problems: LiveModelProblem[] = [];
    const mapped = toModelInfo(id, entry, known.get(id), (field, reason) => problems.push({ id, field, reason }));
    result.problems.push(...problems);
    if (typeof mapped === "string") {
      result.skipped.push({ id, reason: mapped });
      continue;
    }
    seen.add(id);
    result.models.push({ ...mapped, ...(source ? { source } : {}), ...(date ? { date } : {}) });
  }
  return result;
}

type Read<T> = { value: T } | { unusable: string } | undefined;
type Report = (field: string, reason: string) => void;

/** One entry mapped into the catalog shape, or the reason it cannot be. */
function toModelInfo(
  id: string,
  entry: Record<string, unknown>,
  base: SyntheticModelInfo | undefined,
  report: Report,
): SyntheticModelInfo | string {
  const take = <T>(field: string, read: Read<T>): T | undefined => {
    if (read && "unusable" in read) report(field, read.unusable);
    return read && "value" in read ? read.value : undefined;
  };
  const features = take("supported_features", readStrings(entry.supported_features));
  const featureSet = features ? new Set(features) : undefined;
  const reasoningParameters = entry.reasoning_parameters;
  const efforts = take(
    "reasoning_parameters.efforts",
    reasoningParameters === null || reasoningParameters === undefined
      ? undefined
      : typeof reasoningParameters === "object" && !Array.isArray(reasoningParameters)
        ? readEfforts((reasoningParameters as { efforts?: unknown }).efforts)
        : { unusable: `expected an object, got ${JSON.stringify(reasoningParameters)}` },
  );
  // Listed efforts are the more specific statement: a model that takes `reasoning_effort` reasons.
  const reasoning = featureSet
    ? featureSet.has("reasoning") || efforts !== undefined
    : efforts !== undefined || (base?.reasoning ?? false);
  const pricing = entry.pricing;
  const pricingObject =
    pricing && typeof pricing === "object" && !Array.isArray(pricing) ? (pricing as Record<string, unknown>) : {};
  if (pricing !== undefined && pricing !== null && pricingObject !== pricing) {
    report("pricing", `expected an object, got ${JSON.stringify(pricing)}`);
  }
  const prompt = take("pricing.prompt", readPrice(pricingObject.prompt));
  const completion = take("pricing.completion", readPrice(pricingObject.completion));
  const cache = take("pricing.input_cache_reads", readPrice(pricingObject.input_cache_reads));
  const input = prompt ?? base?.cost?.input;
  const output = completion ?? base?.cost?.output;
  // "0" next to a non-zero prompt price reads as "not stated", not "free"; equal to the input
  // price is no discount, left out as the schema defaults it to `input`.
  const statedCache = cache === 0 && (input ?? 0) > 0 ? undefined : cache;
  const cacheRead = statedCache === undefined ? base?.cost?.cacheRead : statedCache === input ? undefined : statedCache;
  const stated = take("input_modalities", readStrings(entry.input_modalities))?.filter((m): m is Modality =>
    MODALITIES.has(m),
  );
  const outputModalities = take("output_modalities", readStrings(entry.output_modalities));
  const kind = outputModalities?.includes("embedding") ? "embedding" : (base?.kind ?? "chat");
  const name = typeof entry.name === "string" ? entry.name : undefined;
  const huggingFaceId = typeof entry.hugging_face_id === "string" ? entry.hugging_face_id : undefined;
  const explicitTarget = [entry.alias_of, entry.aliasOf].find((v): v is string => typeof v === "string");
  const hfTarget = explicitTarget ?? huggingFaceId ?? (/^[^/\s:]+\/\S+$/.test(name ?? "") ? name : undefined);
  const aliasOf = id.startsWith("syn:")
    ? hfTarget && (/^(hf|syn):/.test(hfTarget) ? hfTarget : `hf:${hfTarget}`)
    : undefined;
  const contextWindow = take("context_length", readCount(entry.context_length)) ?? base?.contextWindow;
  if (contextWindow === undefined) return "no usable context_length, and no bundled entry to take it from";
  const { retired: _r, retiredOn: _o, deprecated: _d, source: _src, date: _date, ...kept } = base ?? {};
  const candidate = {
    ...kept,
    id,
    // An alias is named by its own id: the target's name would make two rows look alike.
    name: base?.name ?? (id.startsWith("syn:") ? id : lastSegment(huggingFaceId ?? id)),
    kind,
    contextWindow,
    maxOutputTokens: take("max_output_length", readCount(entry.max_output_length)) ?? base?.maxOutputTokens,
    tools: featureSet ? featureSet.has("tools") : (base?.tools ?? false),
    reasoning,
    reasoningFormat: reasoning ? (base?.reasoningFormat ?? "reasoning_content") : null,
    reasoningEfforts: reasoning ? (efforts ?? base?.reasoningEfforts) : undefined,
    reasoningReplay: reasoning ? (base?.reasoningReplay ?? false) : false,
    input: stated && stated.length > 0 ? stated : (base?.input ?? ["text"]),
    structuredOutputs: featureSet ? featureSet.has("structured_outputs") : (base?.structuredOutputs ?? false),
    cost:
      input === undefined || output === undefined
        ? undefined
        : { input, output, ...(cacheRead === undefined ? {} : { cacheRead }) },
    aliasOf: aliasOf ?? base?.aliasOf,
    // Embedding entries carry no features anyway; only a chat entry without them is unknown.
    notes: base
      ? base.notes
      : featureSet || kind === "embedding"
        ? undefined
        : "Listed by /models without supported_features (partner backend): tools and reasoning unknown, assumed off.",
  };
  const parsed = syntheticModelInfoSchema().safeParse(dropUndefined(candidate));
  return parsed.success ? parsed.data : formatZodError(parsed.error);
}

const describe = (value: unknown) => JSON.stringify(value) ?? String(value);

/** A list of strings; `null`/absent is "not stated". */
function readStrings(value: unknown): Read<string[]> {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return { value };
  return { unusable: `expected a list of strings, got ${describe(value)}` };
}

/** Efforts: a non-empty list states them; `null`, `[]` or absent states nothing (bundled ones stay). */
function readEfforts(value: unknown): Read<string[]> {
  const read = readStrings(value);
  if (!read || "unusable" in read) return read;
  const efforts = read.value.filter((effort) => effort.trim() !== "");
  return efforts.length > 0 ? { value: efforts } : undefined;
}

/** A positive integer, also as a numeric string (`"262144"`). */
function readCount(value: unknown): Read<number> {
  if (value === null || value === undefined) return undefined;
  const number = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isInteger(number) && number > 0) return { value: number };
  return { unusable: `expected a positive integer, got ${describe(value)}` };
}

const NUMBER = String.raw`(\d+(?:\.\d+)?(?:e[-+]?\d+)?)`;
const PER_TOKEN_TEXT = new RegExp(String.raw`^\$?\s*${NUMBER}$`, "i");
// An explicit unit: "$2.00 / 1M", "$2 per 1M tokens", "0.5/1K".
const PER_UNIT_TEXT = new RegExp(String.raw`^\$?\s*${NUMBER}\s*(?:/|per)\s*1?\s*([MK])(?:\s*tokens?)?$`, "i");

function readPrice(value: unknown): Read<number> {
  if (value === null || value === undefined) return undefined;
  let perToken: number | undefined;
  if (typeof value === "number") perToken = value;
  else if (typeof value === "string") {
    const text = value.trim();
    const plain = PER_TOKEN_TEXT.exec(text);
    const unit = plain ? undefined : PER_UNIT_TEXT.exec(text);
    if (plain) perToken = Number(plain[1]);
    else if (unit) perToken = Number(unit[1]) / (unit[2]?.toUpperCase() === "K" ? 1_000 : 1_000_000);
  }
  if (perToken === undefined || !Number.isFinite(perToken) || perToken < 0) {
    return { unusable: `not a price: ${describe(value)}` };
  }
  if (perToken > MAX_PLAUSIBLE_USD_PER_TOKEN) {
    return {
      unusable: `${describe(value)} would be $${perToken} per token ($${perToken * 1e6} per 1M), implausible: /models states USD per token, e.g. "$0.0000006"`,
    };
  }
  // Scaling by 1e12 before rounding keeps the 1e-6 step exact (0.00000055 * 1e6 = 0.5499999...).
  return { value: Math.round(perToken * 1e12) / 1e6 };
}

/**
 * A `/models` price as USD per 1M tokens: `"$0.00000055"` or `5.5e-7` (USD per token) -> 0.55,
 * `"$2.00 / 1M"` -> 2. `undefined` for anything absent, unreadable or implausible (above
 * {@link MAX_PLAUSIBLE_USD_PER_TOKEN} per token); never 0 for an unknown price.
 */
export function priceOf(value: unknown): number | undefined {
  const read = readPrice(value);
  return read && "value" in read ? read.value : undefined;
}

const lastSegment = (id: string) =>
  id
    .replace(/^(hf|syn):/, "")
    .split("/")
    .at(-1) || id;
const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** Settings of {@link fetchLiveModels}: the provider's, plus a deadline and a catalog to fill from. */
export interface FetchLiveModelsSettings extends SyntheticProviderSettings {
  /**
   * Settings a provider or gateway already prepared (validated once, env read per request). When
   * given, the provider fields above are not read again.
   */
  prepared?: PreparedSettings;
  /**
   * Deadline for the whole `/models` read, retries included, in ms (unlike the provider's
   * per-attempt `timeoutMs`: a catalog read must stay short). Default: 3000.
   */
  readTimeoutMs?: number;
  /** @deprecated Use `readTimeoutMs` (same meaning: the whole read's deadline). */
  timeoutMs?: number;
  /** Cancels the request. */
  abortSignal?: AbortSignal;
  /** Entries to fill fields the live list omits (see {@link parseLiveModels}). Default: the bundled catalog. */
  catalog?: readonly SyntheticModelInfo[];
}

const DEFAULT_LIVE_TIMEOUT_MS = 3_000;
const DEFAULT_LIVE_TTL_MS = 10 * 60_000;

/**
 * Reads `GET {baseURL}/models` and maps it into catalog entries (see {@link parseLiveModels}).
 * No key is needed; the key (argument or `SYNTHETIC_API_KEY`) is sent when there is one.
 *
 * @throws `APICallError` for an HTTP error (Synthetic's `{"error"}` text, status, retryability)
 * or an unreachable server; an `Error` naming the URL on timeout.
 *
 * @example
 * const live = await fetchLiveModels({ readTimeoutMs: 5000 });
 * console.log(live.models.length, live.skipped, live.problems);
 */
export async function fetchLiveModels(settings: FetchLiveModelsSettings = {}): Promise<ParsedLiveModels> {
  const { catalog, ...rest } = settings;
  const prepared = rest.prepared ?? prepareReadSettings(rest);
  const body = await fetchModelsResponse({ ...rest, prepared });
  return parseLiveModels(body, { catalog, source: { url: `${prepared.resolveBaseURL()}/models` }, date: today() });
}

/** The raw `GET {baseURL}/models` body, unmapped (for `models:sync`, which maps onto models.json). */
export async function fetchModelsResponse(settings: Omit<FetchLiveModelsSettings, "catalog"> = {}): Promise<unknown> {
  const { readTimeoutMs, timeoutMs, abortSignal, prepared: given, ...providerSettings } = settings;
  const deadline = readTimeoutMs ?? timeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS;
  const prepared = given ?? prepareReadSettings(providerSettings);
  const url = `${prepared.resolveBaseURL()}/models`;
  const timeout = AbortSignal.timeout(deadline);
  try {
    return await getJson({
      url,
      headers: optionalKeyHeaders(prepared, providerSettings.headers),
      schema: liveModelsResponseSchema(),
      prepared,
      abortSignal: abortSignal ? AbortSignal.any([abortSignal, timeout]) : timeout,
    });
  } catch (error) {
    if (timeout.aborted && !abortSignal?.aborted) {
      throw new Error(`GET ${url} timed out after ${deadline} ms (readTimeoutMs).`, { cause: error });
    }
    throw error;
  }
}

// The provider's `timeoutMs` is per chat attempt (minutes); the read has its own deadline.
function prepareReadSettings(settings: SyntheticProviderSettings): PreparedSettings {
  return prepareSettings({ ...settings, timeoutMs: undefined });
}

// /models answers without a key, so a missing key is not an error here.
function optionalKeyHeaders(prepared: PreparedSettings, headers: Record<string, string> | undefined) {
  try {
    return prepared.resolveHeaders();
  } catch (error) {
    if (!LoadAPIKeyError.isInstance(error)) throw error;
    return withSyntheticUserAgent({ ...headers });
  }
}

const today = () => new Date().toISOString().slice(0, 10);

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
  #lookup: { byId: Map<string, SyntheticModelInfo>; byLowerId: Map<string, SyntheticModelInfo> } | undefined;
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
    const models = this.#snapshot?.models ?? [];
    this.#lookup ??= {
      byId: new Map(models.map((model) => [model.id, model])),
      byLowerId: new Map(models.map((model) => [model.id.toLowerCase(), model])),
    };
    const bare = stripRouterPrefix(id);
    return this.#lookup.byId.get(bare) ?? this.#lookup.byLowerId.get(bare.toLowerCase());
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

const formatAge = (ms: number) =>
  ms < 60_000
    ? `${Math.round(ms / 1000)} s`
    : ms < 3_600_000
      ? `${Math.round(ms / 60_000)} min`
      : `${(ms / 3_600_000).toFixed(1)} h`;

/** How a model's info is looked up per request (see {@link createModelInfoResolver}). */
export type ModelInfoResolver = () => SyntheticModelInfo | undefined | PromiseLike<SyntheticModelInfo | undefined>;

const warnedUnknownIds = new Set<string>();

/**
 * The per-request lookup the chat model calls: with `catalog` and `read: true`, the live entry
 * merged over the bundled one (reading `/models` when the cached list is older than the TTL);
 * with `read: false`, what `catalog` already has (`peek`, no request); without `catalog`, the
 * bundled entry. An id no catalog lists is logged once per process: it is sent as is, without
 * cost, capability checks or `reasoningEffort` validation.
 */
export function createModelInfoResolver(
  id: string,
  options: { catalog?: LiveCatalog; read?: boolean; logger?: (message: string) => void } = {},
): ModelInfoResolver {
  const { catalog, read = true } = options;
  const warn = (info: SyntheticModelInfo | undefined) => {
    if (info || warnedUnknownIds.has(id)) return info;
    warnedUnknownIds.add(id);
    const message = `mastra-synthetic: no model catalog lists "${id}"; it is sent as is, without cost, capability checks or reasoningEffort validation.`;
    if (options.logger) options.logger(message);
    else if (catalog) catalog.warn(message);
    else console.warn(message);
    return info;
  };
  if (!catalog) return () => warn(getModelInfo(id));
  if (!read) return () => warn(catalog.peek(id));
  return () => catalog.modelInfo(id).then(warn);
}

/** A one-line reason for a failed request (status, message, URL); never includes headers (the key). */
export function describeFailedRequest(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { statusCode?: unknown }).statusCode;
  const url = (error as { url?: unknown }).url;
  const where = typeof url === "string" && !error.message.includes(url) ? ` (${url})` : "";
  const message = where ? error.message.replace(/\.$/, "") : error.message;
  return `${typeof status === "number" ? `HTTP ${status}: ` : ""}${message}${where}`;
}
