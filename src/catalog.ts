import catalogData from "../models.json";
import { type SyntheticModelInfo, syntheticModelInfoSchema } from "./catalog-schema";
import type { SyntheticModelId } from "./model-ids.generated";

export type { SyntheticModelInfo } from "./catalog-schema";

/** Looks a model up by id: exact, else case-insensitive; `synthetic/` (Mastra's router prefix) allowed. */
export type ModelLookup = (id: string) => SyntheticModelInfo | undefined;

/** The one id lookup, for the bundled catalog and live lists alike. */
export function modelLookup(models: readonly SyntheticModelInfo[]): ModelLookup {
  const byId = new Map(models.map((model) => [model.id, model]));
  const byLowerId = new Map(models.map((model) => [model.id.toLowerCase(), model]));
  return (id) => {
    const bare = stripRouterPrefix(id);
    return byId.get(bare) ?? byLowerId.get(bare.toLowerCase());
  };
}

type Index = { models: readonly SyntheticModelInfo[]; find: ModelLookup };
let index: Index | undefined;

// Parsed on first use, not at import (cold import is measured in bench/). models.json is checked
// against the schema by test/catalog.unit.test.ts; parsing applies the defaults entries may omit.
function catalog(): Index {
  if (!index) {
    const models = catalogData.models.map((entry) => syntheticModelInfoSchema().parse(entry));
    index = { models, find: modelLookup(models) };
  }
  return index;
}

/** `synthetic/hf:Owner/Name` (Mastra's router form) -> `hf:Owner/Name`; anything else unchanged. */
export function stripRouterPrefix(id: string): string {
  return id.startsWith("synthetic/") ? id.slice("synthetic/".length) : id;
}

/**
 * Every model in the bundled catalog (a snapshot: Synthetic also serves models not listed),
 * retired ones included unless `retired: false`.
 */
export function listModels(options?: { kind?: SyntheticModelInfo["kind"]; retired?: boolean }): SyntheticModelInfo[] {
  const { kind, retired } = options ?? {};
  return catalog().models.filter(
    (model) => (!kind || model.kind === kind) && (retired === undefined || Boolean(model.retired) === retired),
  );
}

/**
 * Catalog data for a model id (`hf:Owner/Name`, `syn:...`, optionally prefixed with
 * `synthetic/`), or `undefined` when the bundled catalog does not list it.
 */
export function getModelInfo(id: SyntheticModelId): SyntheticModelInfo | undefined {
  return catalog().find(id);
}

/**
 * The model to use instead of a retired one: its `successor`, followed while that was retired in
 * turn. `undefined` for a current or unknown model, or when the chain leaves the catalog.
 */
export function currentSuccessor(id: string): SyntheticModelInfo | undefined {
  let next = getModelInfo(id);
  const seen = new Set<string>();
  while (next?.retired && next.successor && !seen.has(next.id)) {
    seen.add(next.id);
    next = getModelInfo(next.successor);
  }
  return next && !next.retired && next.id !== getModelInfo(id)?.id ? next : undefined;
}

/**
 * For a model the catalog records as retired: one sentence naming when and what to use
 * instead, following successors that were retired in turn, e.g.
 * `"hf:zai-org/GLM-4.6 was retired by Synthetic (recorded 2026-06-23); use hf:zai-org/GLM-5.3-Flash."`.
 * `undefined` for a model that is current or unknown. Meant to be appended to the server's own
 * message when it answers 404 or 400 for a model.
 */
export function retiredModelHint(id: string): string | undefined {
  const info = getModelInfo(id);
  if (!info?.retired) return undefined;
  const when = info.retiredOn ? ` (recorded ${info.retiredOn})` : "";
  const successor = currentSuccessor(info.id);
  const use = successor
    ? `; use ${successor.id}${successor.aliasOf ? ` (currently ${successor.aliasOf})` : ""}`
    : info.successor
      ? `; its successor ${info.successor} is not in the catalog, see \`mastra-synthetic models --live\``
      : "; see `mastra-synthetic models --live` for current models";
  return `${info.id} was retired by Synthetic${when}${use}.`;
}
