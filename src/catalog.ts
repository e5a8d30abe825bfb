import catalogData from "../models.json";
import { type SyntheticModelInfo, syntheticModelInfoSchema } from "./catalog-schema";
import type { SyntheticModelId } from "./model-ids.generated";

export type { SyntheticModelInfo } from "./catalog-schema";

// models.json is checked against the schema by test/catalog.test.ts; parsing here once keeps
// defaults (kind, reasoningReplay, structuredOutputs) applied for entries that omit them.
const bundled: readonly SyntheticModelInfo[] = catalogData.models.map((entry) => syntheticModelInfoSchema.parse(entry));
const byId = new Map(bundled.map((model) => [model.id, model]));
const byLowerId = new Map(bundled.map((model) => [model.id.toLowerCase(), model]));

/** Every model in the bundled catalog (a snapshot: Synthetic also serves models not listed). */
export function listModels(options?: { kind?: SyntheticModelInfo["kind"] }): SyntheticModelInfo[] {
  return options?.kind ? bundled.filter((model) => model.kind === options.kind) : [...bundled];
}

/**
 * Catalog data for a model id (`hf:Owner/Name`, `syn:...`, optionally prefixed with
 * `synthetic/`), or `undefined` when the bundled catalog does not list it.
 */
export function getModelInfo(id: SyntheticModelId): SyntheticModelInfo | undefined {
  const bare = id.startsWith("synthetic/") ? id.slice("synthetic/".length) : id;
  return byId.get(bare) ?? byLowerId.get(bare.toLowerCase());
}
