import { LoadAPIKeyError } from "@ai-sdk/provider";
import {
  createJsonErrorResponseHandler,
  createJsonResponseHandler,
  getFromApi,
  withUserAgentSuffix,
} from "@ai-sdk/provider-utils";
import { z } from "zod/v4";
import { listModels } from "./catalog";
import { type Modality, type SyntheticModelInfo, syntheticModelInfoSchema } from "./catalog-schema";
import { prepareSettings, type SyntheticProviderSettings } from "./settings";
import { syntheticErrorStructure } from "./synthetic-chat-model";
import { VERSION } from "./version";

// Only the fields the mapping reads; everything else (quantization, datacenters, ...) passes.
const priceSchema = z.union([z.string(), z.number()]).nullish();
const liveModelEntrySchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  hugging_face_id: z.string().nullish(),
  input_modalities: z.array(z.string()).nullish(),
  output_modalities: z.array(z.string()).nullish(),
  context_length: z.number().nullish(),
  max_output_length: z.number().nullish(),
  pricing: z.looseObject({ prompt: priceSchema, completion: priceSchema, input_cache_reads: priceSchema }).nullish(),
  supported_features: z.array(z.string()).nullish(),
  reasoning_parameters: z.looseObject({ efforts: z.array(z.string()).nullish() }).nullish(),
  // Not in the documented shape; read in case Synthetic names an alias target explicitly.
  alias_of: z.string().nullish(),
  aliasOf: z.string().nullish(),
});
type LiveModelEntry = z.infer<typeof liveModelEntrySchema>;

/** `GET /models` body: entries are validated one by one so one odd entry does not hide the rest. */
const liveModelsResponseSchema = z.looseObject({ data: z.array(z.unknown()) });

const MODALITIES = new Set<string>(["text", "image", "audio", "video"]);

/** A `/models` entry that could not be mapped, and why. */
export type SkippedLiveModel = { id: string; reason: string };

/** Result of {@link parseLiveModels}. */
export type ParsedLiveModels = { models: SyntheticModelInfo[]; skipped: SkippedLiveModel[] };

/**
 * Maps a `GET /models` response body (`{"data": [...]}`) into catalog entries.
 *
 * Fields an entry states win. Fields it omits (partner backends send no `max_output_length` or
 * `supported_features`) keep the value `catalog` has for the same id, else a conservative
 * default (no tools, no reasoning, text only, price 0). `/models` never says how reasoning is
 * sent, so `reasoningFormat`, `reasoningReplay` and `notes` come from `catalog`, with
 * `"reasoning_content"` for reasoning models it does not know.
 *
 * `syn:` aliases: the documented shape has no alias field. The model an alias routes to is read
 * from `alias_of` / `aliasOf` when present, else from `hugging_face_id`, else from `name` when it
 * looks like `Owner/Name` (Synthetic's `name` is the Hugging Face id) — an assumption.
 *
 * @param body the parsed JSON of a `/models` response.
 * @param catalog entries to fill omitted fields from. Default: the bundled catalog.
 * @throws a `ZodError` when `body` has no `data` array.
 */
export function parseLiveModels(
  body: unknown,
  catalog: readonly SyntheticModelInfo[] = listModels(),
): ParsedLiveModels {
  const known = new Map(catalog.map((model) => [model.id, model]));
  const models: SyntheticModelInfo[] = [];
  const skipped: SkippedLiveModel[] = [];
  const seen = new Set<string>();
  for (const raw of liveModelsResponseSchema.parse(body).data) {
    const entry = liveModelEntrySchema.safeParse(raw);
    const id = entry.success ? entry.data.id : String((raw as { id?: unknown } | null)?.id ?? "?");
    if (!entry.success) {
      skipped.push({ id, reason: z.prettifyError(entry.error).replace(/\n/g, " ") });
      continue;
    }
    if (seen.has(id)) continue;
    const mapped = toModelInfo(entry.data, known.get(id));
    if (typeof mapped === "string") skipped.push({ id, reason: mapped });
    else {
      seen.add(id);
      models.push(mapped);
    }
  }
  return { models, skipped };
}

/** One entry mapped into the catalog shape, or the reason it cannot be. */
function toModelInfo(entry: LiveModelEntry, base: SyntheticModelInfo | undefined): SyntheticModelInfo | string {
  const features = entry.supported_features ? new Set(entry.supported_features) : undefined;
  const reasoning = features ? features.has("reasoning") : (base?.reasoning ?? false);
  const stated = entry.input_modalities?.filter((m): m is Modality => MODALITIES.has(m));
  const efforts = entry.reasoning_parameters ? entry.reasoning_parameters.efforts : base?.reasoningEfforts;
  const input = priceOf(entry.pricing?.prompt) ?? base?.cost.input ?? 0;
  // "0" next to a non-zero prompt price reads as "not stated", not "free".
  const statedCache = priceOf(entry.pricing?.input_cache_reads);
  const cacheRead = statedCache === 0 && input > 0 ? undefined : statedCache;
  // Equal to the input price means no discount: left out, as the schema defaults it to `input`.
  const cacheField = cacheRead === undefined ? base?.cost.cacheRead : cacheRead === input ? undefined : cacheRead;
  const hfTarget =
    entry.alias_of ??
    entry.aliasOf ??
    entry.hugging_face_id ??
    (/^[^/\s:]+\/\S+$/.test(entry.name ?? "") ? entry.name : undefined);
  const aliasOf = entry.id.startsWith("syn:")
    ? hfTarget && (hfTarget.startsWith("hf:") ? hfTarget : `hf:${hfTarget}`)
    : undefined;
  const kind = entry.output_modalities?.includes("embedding") ? "embedding" : (base?.kind ?? "chat");
  const candidate = {
    id: entry.id,
    // An alias is named by its own id: the target's name would make two rows look alike.
    name: base?.name ?? (entry.id.startsWith("syn:") ? entry.id : lastSegment(entry.hugging_face_id ?? entry.id)),
    kind,
    contextWindow: positiveInt(entry.context_length) ?? base?.contextWindow,
    maxOutputTokens: positiveInt(entry.max_output_length) ?? base?.maxOutputTokens,
    tools: features ? features.has("tools") : (base?.tools ?? false),
    reasoning,
    reasoningFormat: reasoning ? (base?.reasoningFormat ?? "reasoning_content") : null,
    reasoningEfforts: reasoning && efforts && efforts.length > 0 ? efforts : undefined,
    reasoningReplay: reasoning ? (base?.reasoningReplay ?? false) : false,
    input: stated && stated.length > 0 ? stated : (base?.input ?? ["text"]),
    structuredOutputs: features ? features.has("structured_outputs") : (base?.structuredOutputs ?? false),
    cost: {
      input,
      output: priceOf(entry.pricing?.completion) ?? base?.cost.output ?? 0,
      ...(cacheField === undefined ? {} : { cacheRead: cacheField }),
    },
    aliasOf: aliasOf ?? base?.aliasOf,
    // Embedding entries carry no features anyway; only a chat entry without them is unknown.
    notes: base
      ? base.notes
      : features || kind === "embedding"
        ? undefined
        : "Listed by /models without supported_features (partner backend): tools and reasoning unknown, assumed off.",
  };
  if (candidate.contextWindow === undefined) return "no context_length";
  const parsed = syntheticModelInfoSchema.safeParse(dropUndefined(candidate));
  return parsed.success ? parsed.data : z.prettifyError(parsed.error).replace(/\n/g, " ");
}

/** `"$0.00000055"` (USD per token) -> 0.55 (USD per 1M), rounded to 1e-6 to shed float noise. */
export function priceOf(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const perToken = typeof value === "number" ? value : Number(value.trim().replace(/^\$/, ""));
  if (!Number.isFinite(perToken) || perToken < 0) return undefined;
  // Scaling by 1e12 before rounding keeps the 1e-6 step exact (0.00000055 * 1e6 = 0.5499999...).
  return Math.round(perToken * 1e12) / 1e6;
}

const positiveInt = (value: number | null | undefined) =>
  typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
const lastSegment = (id: string) =>
  id
    .replace(/^(hf|syn):/, "")
    .split("/")
    .at(-1) || id;
const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** Settings of {@link fetchLiveModels}: the provider's, plus a timeout and a catalog to fill from. */
export interface FetchLiveModelsSettings extends SyntheticProviderSettings {
  /**
   * Deadline for the whole `/models` read, retries included (the provider's `timeoutMs` is per
   * attempt; here it is overall, as a catalog read must stay short). Default: 3000.
   */
  timeoutMs?: number;
  /** Cancels the request. */
  abortSignal?: AbortSignal;
  /** Entries to fill fields the live list omits (see {@link parseLiveModels}). Default: the bundled catalog. */
  catalog?: readonly SyntheticModelInfo[];
}

export const DEFAULT_LIVE_TIMEOUT_MS = 3_000;
export const DEFAULT_LIVE_TTL_MS = 10 * 60_000;

/**
 * Reads `GET {baseURL}/models` and maps it into catalog entries (see {@link parseLiveModels}).
 * No key is needed; the key (argument or `SYNTHETIC_API_KEY`) is sent when there is one.
 *
 * @throws `APICallError` for an HTTP error (Synthetic's `{"error"}` text, status, retryability)
 * or an unreachable server; an `Error` naming the URL on timeout.
 *
 * @example
 * const live = await fetchLiveModels({ timeoutMs: 5000 });
 * console.log(live.models.length, live.skipped);
 */
export async function fetchLiveModels(settings: FetchLiveModelsSettings = {}): Promise<ParsedLiveModels> {
  const { catalog, ...rest } = settings;
  return parseLiveModels(await fetchModelsResponse(rest), catalog);
}

/** The raw `GET {baseURL}/models` body, unmapped (for `models:sync`, which maps onto models.json). */
export async function fetchModelsResponse(settings: Omit<FetchLiveModelsSettings, "catalog"> = {}): Promise<unknown> {
  const { timeoutMs = DEFAULT_LIVE_TIMEOUT_MS, abortSignal, ...providerSettings } = settings;
  const prepared = prepareSettings(providerSettings);
  const url = `${prepared.resolveBaseURL()}/models`;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const { value } = await getFromApi({
      url,
      headers: optionalKeyHeaders(prepared, providerSettings.headers),
      failedResponseHandler: createJsonErrorResponseHandler(syntheticErrorStructure),
      successfulResponseHandler: createJsonResponseHandler(liveModelsResponseSchema),
      abortSignal: abortSignal ? AbortSignal.any([abortSignal, timeout]) : timeout,
      fetch: prepared.fetch,
    });
    return value;
  } catch (error) {
    if (timeout.aborted && !abortSignal?.aborted) {
      throw new Error(`GET ${url} timed out after ${timeoutMs} ms.`, { cause: error });
    }
    throw error;
  }
}

// /models answers without a key, so a missing key is not an error here.
function optionalKeyHeaders(
  prepared: ReturnType<typeof prepareSettings>,
  headers: Record<string, string> | undefined,
): Record<string, string> {
  try {
    return prepared.resolveHeaders();
  } catch (error) {
    if (!LoadAPIKeyError.isInstance(error)) throw error;
    return withUserAgentSuffix({ ...headers }, `mastra-synthetic/${VERSION}`);
  }
}

/** Options of {@link LiveCatalog}: the provider's settings plus cache and fallback behaviour. */
export interface LiveCatalogOptions extends SyntheticProviderSettings {
  /** How long a fetched list (or a fallback after a failure) is reused, in ms. Default: 600000 (10 min). */
  ttlMs?: number;
  /** Deadline for each `/models` read, retries included, in ms. Default: 3000. */
  timeoutMs?: number;
  /**
   * Receives the one warning issued when `/models` first fails. Default: `console.warn`.
   * @example { logger: (message) => myLogger.warn(message) }
   */
  logger?: (message: string) => void;
}

/** What {@link LiveCatalog.load} returns. */
export type LiveCatalogSnapshot = {
  /** Live entries merged over the bundled catalog (bundled-only models kept), or the bundled catalog alone. */
  models: SyntheticModelInfo[];
  /** `"live"` when `/models` answered, `"bundled"` after a failure or timeout. */
  source: "live" | "bundled";
  /** Ids the live list had (empty when `source` is `"bundled"`). */
  liveIds: string[];
  /** Why the live list could not be used, when `source` is `"bundled"`. */
  error?: unknown;
  /** `Date.now()` when the snapshot was taken. */
  fetchedAt: number;
};

/**
 * The bundled catalog with the live `/models` list merged over it, cached in memory.
 *
 * Never throws: when `/models` fails or is slower than `timeoutMs`, it serves the bundled
 * catalog (for `ttlMs` too, so a dead endpoint costs one timeout per TTL, not one per call) and
 * warns once per instance. Concurrent callers share one request.
 *
 * @example
 * const catalog = new LiveCatalog({ ttlMs: 60_000 });
 * const glm = await catalog.get("hf:zai-org/GLM-4.7");
 */
export class LiveCatalog {
  readonly #options: Omit<LiveCatalogOptions, "ttlMs" | "logger">;
  readonly #ttlMs: number;
  readonly #logger: (message: string) => void;
  #snapshot: LiveCatalogSnapshot | undefined;
  #pending: Promise<LiveCatalogSnapshot> | undefined;
  #warned = false;

  constructor(options: LiveCatalogOptions = {}) {
    const { ttlMs = DEFAULT_LIVE_TTL_MS, logger, ...rest } = options;
    this.#options = rest;
    this.#ttlMs = ttlMs;
    this.#logger = logger ?? ((message) => console.warn(message));
  }

  /** The merged list (cached), with where it came from. */
  load(): Promise<LiveCatalogSnapshot> {
    const snapshot = this.#snapshot;
    if (snapshot && Date.now() - snapshot.fetchedAt < this.#ttlMs) return Promise.resolve(snapshot);
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** The merged list (cached). */
  async list(): Promise<SyntheticModelInfo[]> {
    return (await this.load()).models;
  }

  /** One model from the merged list, by exact id (case-insensitive fallback), or `undefined`. */
  async get(id: string): Promise<SyntheticModelInfo | undefined> {
    const bare = id.startsWith("synthetic/") ? id.slice("synthetic/".length) : id;
    const models = await this.list();
    return models.find((m) => m.id === bare) ?? models.find((m) => m.id.toLowerCase() === bare.toLowerCase());
  }

  /** Drops the cached list so the next call fetches again. */
  clear(): void {
    this.#snapshot = undefined;
  }

  async #fetch(): Promise<LiveCatalogSnapshot> {
    const bundled = listModels();
    let snapshot: LiveCatalogSnapshot;
    try {
      const { models } = await fetchLiveModels({ ...this.#options, catalog: bundled });
      const liveIds = new Set(models.map((model) => model.id));
      snapshot = {
        models: [...models, ...bundled.filter((model) => !liveIds.has(model.id))],
        source: "live",
        liveIds: models.map((model) => model.id),
        fetchedAt: Date.now(),
      };
    } catch (error) {
      if (!this.#warned) {
        this.#warned = true;
        this.#logger(
          `mastra-synthetic: could not read the live model list (${describeError(error)}); using the bundled catalog (${bundled.length} models).`,
        );
      }
      snapshot = { models: bundled, source: "bundled", liveIds: [], error, fetchedAt: Date.now() };
    }
    this.#snapshot = snapshot;
    return snapshot;
  }
}

/** A one-line reason for a failed request; never includes headers (the key). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { statusCode?: unknown }).statusCode;
  const url = (error as { url?: unknown }).url;
  const where = typeof url === "string" && !error.message.includes(url) ? ` (${url})` : "";
  const message = where ? error.message.replace(/\.$/, "") : error.message;
  return `${typeof status === "number" ? `HTTP ${status}: ` : ""}${message}${where}`;
}
