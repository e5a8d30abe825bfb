import { z } from "zod/v4";
import { listModels } from "../catalog";
import { type Modality, type ModelSource, type SyntheticModelInfo, syntheticModelInfoSchema } from "../catalog-schema";
import { formatZodError } from "../errors";
import { lazy } from "../lazy";

/** `GET /models` body: entries are read one by one so one odd entry does not hide the rest. */
export const liveModelsResponseSchema = lazy(() => z.looseObject({ data: z.array(z.unknown()) }));

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

const lastSegment = (id: string) =>
  id
    .replace(/^(hf|syn):/, "")
    .split("/")
    .at(-1) || id;
const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
