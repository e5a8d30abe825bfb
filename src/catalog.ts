import catalogData from "../models.json";
import { type SyntheticModelInfo, syntheticModelInfoSchema } from "./catalog-schema";
import type { SyntheticModelId } from "./model-ids.generated";

export type { SyntheticModelInfo } from "./catalog-schema";

type Index = {
  models: readonly SyntheticModelInfo[];
  byId: Map<string, SyntheticModelInfo>;
  byLowerId: Map<string, SyntheticModelInfo>;
};
let index: Index | undefined;

// Parsed on first use, not at import (cold import is measured in bench/). models.json is checked
// against the schema by test/catalog.test.ts; parsing applies the defaults entries may omit.
function catalog(): Index {
  if (!index) {
    const models = catalogData.models.map((entry) => syntheticModelInfoSchema.parse(entry));
    index = {
      models,
      byId: new Map(models.map((model) => [model.id, model])),
      byLowerId: new Map(models.map((model) => [model.id.toLowerCase(), model])),
    };
  }
  return index;
}

/** Every model in the bundled catalog (a snapshot: Synthetic also serves models not listed). */
export function listModels(options?: { kind?: SyntheticModelInfo["kind"] }): SyntheticModelInfo[] {
  const { models } = catalog();
  return options?.kind ? models.filter((model) => model.kind === options.kind) : [...models];
}

/**
 * Catalog data for a model id (`hf:Owner/Name`, `syn:...`, optionally prefixed with
 * `synthetic/`), or `undefined` when the bundled catalog does not list it.
 */
export function getModelInfo(id: SyntheticModelId): SyntheticModelInfo | undefined {
  const bare = id.startsWith("synthetic/") ? id.slice("synthetic/".length) : id;
  const { byId, byLowerId } = catalog();
  return byId.get(bare) ?? byLowerId.get(bare.toLowerCase());
}
