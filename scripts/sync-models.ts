/**
 * Refreshes models.json from Synthetic's live `GET /models` (or a saved response), then
 * regenerates the id type and the README / docs model tables (scripts/generate-models.ts).
 *
 *   npm run models:sync                          # GET {SYNTHETIC_BASE_URL or default}/models
 *   npm run models:sync -- --from-url <baseURL>  # another base URL
 *   npm run models:sync -- --from-file resp.json # a saved response
 *   npm run models:sync -- --dry-run             # report only
 *
 * `/models` needs no key; `SYNTHETIC_API_KEY` is sent when set. Entries whose figures changed (or
 * that are new) get `source: { url }` and today's `date`; unchanged ones keep their recorded
 * source. Models the live list no longer has are kept with `retired: true` and `retiredOn` the
 * date of the read, not deleted (users may pin them; Synthetic may serve them on demand, and
 * `retiredModelHint` names their successor). Fields `/models` does not carry (`reasoningFormat`,
 * `reasoningReplay`, `leakedToolCalls`, `successor`, `notes`) are kept for ids still listed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type ModelsFile, modelsFileSchema, type SyntheticModelInfo } from "../src/catalog-schema";
import {
  fetchModelsResponse,
  type LiveModelProblem,
  parseLiveModels,
  type SkippedLiveModel,
} from "../src/live-catalog";
import { DEFAULT_BASE_URL } from "../src/settings";
import { generate } from "./generate-models";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT_MODELS_PATH = join(root, "models.json");

/** What changed, by id. */
export type SyncReport = {
  added: string[];
  updated: string[];
  /** Listed before, absent from this read: now `retired`. */
  retired: string[];
  /** Retired before, listed again: the flag is dropped. */
  restored: string[];
  skipped: SkippedLiveModel[];
  /** Fields of live entries that could not be used (the recorded value was kept). */
  problems: LiveModelProblem[];
  changed: boolean;
};

/**
 * Merges a `/models` response body into the catalog file at `modelsPath` and writes the result
 * to `outputPath` (default: `modelsPath`) unless `dryRun`. Pure apart from those two files, so
 * tests run it on a temporary copy.
 */
export function syncModels({
  response,
  modelsPath = ROOT_MODELS_PATH,
  outputPath = modelsPath,
  dryRun = false,
  url = `${DEFAULT_BASE_URL}/models`,
  date = new Date().toISOString().slice(0, 10),
}: {
  response: unknown;
  modelsPath?: string;
  outputPath?: string;
  dryRun?: boolean;
  /** Where the response was read, recorded as the `source` of changed entries. */
  url?: string;
  /** The read's date (`YYYY-MM-DD`), recorded on changed entries and as `retiredOn`. */
  date?: string;
}): SyncReport {
  const oldText = readFileSync(modelsPath, "utf8");
  const current = modelsFileSchema().parse(JSON.parse(oldText));
  const {
    models: live,
    skipped,
    problems,
  } = parseLiveModels(response, {
    catalog: current.models,
    source: { url },
    date,
  });
  if (live.length === 0) {
    // An empty or wholly unreadable list would retire everything: refuse rather than guess.
    throw new Error(`The /models response lists no usable models (${skipped.length} skipped); models.json left as is.`);
  }
  const before = new Map(current.models.map((model) => [model.id, model]));
  const liveIds = new Set(live.map((model) => model.id));
  const report: SyncReport = { added: [], updated: [], retired: [], restored: [], skipped, problems, changed: false };

  const listed = live.map((model): SyntheticModelInfo => {
    const old = before.get(model.id);
    if (!old) {
      report.added.push(model.id);
      return model;
    }
    const same = JSON.stringify(figures(old)) === JSON.stringify(figures(model));
    if (old.retired) report.restored.push(model.id);
    else if (!same) report.updated.push(model.id);
    // Unchanged figures keep the record they were taken from.
    return same ? { ...model, source: old.source, date: old.date } : model;
  });
  const gone = current.models
    .filter((model) => !liveIds.has(model.id))
    .map((model): SyntheticModelInfo => {
      if (model.retired) return model;
      report.retired.push(model.id);
      return { ...model, retired: true, retiredOn: date };
    });

  const next: ModelsFile = {
    ...(current.$comment === undefined ? {} : { $comment: current.$comment }),
    models: [...listed, ...gone].map(canonical).sort(byKindThenId),
  };
  modelsFileSchema().parse(next); // what is written must read back
  const text = `${JSON.stringify(next, null, 2)}\n`;
  report.changed = text !== oldText;
  if (!dryRun && (report.changed || outputPath !== modelsPath)) writeFileSync(outputPath, text);
  return report;
}

// `deprecated` is only read (older files); `retired` is what gets written.
const KEY_ORDER = Object.keys({
  id: 0,
  name: 0,
  kind: 0,
  contextWindow: 0,
  maxOutputTokens: 0,
  tools: 0,
  reasoning: 0,
  reasoningFormat: 0,
  reasoningEfforts: 0,
  reasoningReplay: 0,
  leakedToolCalls: 0,
  input: 0,
  structuredOutputs: 0,
  cost: 0,
  aliasOf: 0,
  retired: 0,
  retiredOn: 0,
  successor: 0,
  source: 0,
  date: 0,
  notes: 0,
} satisfies Record<Exclude<keyof SyntheticModelInfo, "deprecated">, 0>);

/** Schema key order, `undefined` dropped: stable diffs whatever order the fields were set in. */
function canonical(model: SyntheticModelInfo): SyntheticModelInfo {
  const record = model as Record<string, unknown>;
  return Object.fromEntries(
    KEY_ORDER.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]),
  ) as SyntheticModelInfo;
}

/** What a live read can change: everything but where it was recorded. */
function figures(model: SyntheticModelInfo): SyntheticModelInfo {
  const { source: _s, date: _d, retired: _r, retiredOn: _o, deprecated: _x, ...rest } = canonical(model);
  return rest as SyntheticModelInfo;
}

// The order models.json already uses: chat models, then embeddings, ids case-insensitively.
function byKindThenId(a: SyntheticModelInfo, b: SyntheticModelInfo): number {
  if (a.kind !== b.kind) return a.kind === "chat" ? -1 : 1;
  return a.id.toLowerCase().localeCompare(b.id.toLowerCase(), "en");
}

/** Reads the raw `/models` body from a base URL (no key needed) or a saved file. */
async function readResponse(source: { fromFile?: string; fromUrl?: string }): Promise<{ body: unknown; url: string }> {
  if (source.fromFile)
    return { body: JSON.parse(readFileSync(source.fromFile, "utf8")), url: resolve(source.fromFile) };
  const baseURL = (source.fromUrl ?? process.env.SYNTHETIC_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  return { body: await fetchModelsResponse({ baseURL, readTimeoutMs: 30_000 }), url: `${baseURL}/models` };
}

/** The command line: prints a report and returns the exit code (0, or 2 for wrong arguments). */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      "from-url": { type: "string" },
      "from-file": { type: "string" },
      models: { type: "string" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(
      "Usage: npm run models:sync -- [--from-url <baseURL> | --from-file <response.json>] [--models <path>] [--dry-run]",
    );
    return 0;
  }
  if (values["from-url"] && values["from-file"]) {
    console.error("error: pass --from-url or --from-file, not both.");
    return 2;
  }
  const modelsPath = values.models ? resolve(values.models) : ROOT_MODELS_PATH;
  const { body, url } = await readResponse({ fromFile: values["from-file"], fromUrl: values["from-url"] });
  const report = syncModels({
    response: body,
    url: values["from-file"] ? `file:${url}` : url,
    modelsPath,
    dryRun: values["dry-run"],
  });
  const list = (label: string, ids: string[]) => ids.length > 0 && console.log(`${label}: ${ids.join(", ")}`);
  list("added", report.added);
  list("updated", report.updated);
  list("retired (no longer listed)", report.retired);
  list("listed again", report.restored);
  for (const { id, reason } of report.skipped) console.warn(`skipped ${id}: ${reason}`);
  for (const { id, field, reason } of report.problems) console.warn(`kept the recorded ${field} of ${id}: ${reason}`);
  if (!report.changed) console.log(`${modelsPath}: up to date`);
  else if (values["dry-run"]) console.log(`${modelsPath}: would change (dry run)`);
  else console.log(`wrote ${modelsPath}`);
  // The generator renders the repository's models.json only.
  if (!values["dry-run"] && modelsPath === ROOT_MODELS_PATH) {
    const stale = generate({ check: false });
    console.log(stale.length > 0 ? `regenerated: ${stale.join(", ")}` : "generated files up to date");
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
