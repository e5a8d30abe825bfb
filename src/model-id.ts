import {
  currentSuccessor,
  getModelInfo,
  listModels,
  retiredModelHint,
  type SyntheticModelInfo,
  stripRouterPrefix,
} from "./catalog";
import { SyntheticConfigurationError } from "./errors";

const HF_ID = /^hf:[^/\s]+\/\S+$/;
const SYN_ID = /^syn:\S+$/;
// Mastra 0.24's router needs three parts (`gateway/provider/model`), so `synthetic/syn:large:text`
// is refused there; `synthetic/syn/large:text` parses as provider `syn` + model `large:text`.
const SYN_SLASH_ID = /^syn\/(\S+)$/;

/**
 * Turns any accepted spelling of a model id (`hf:Owner/Name`, `syn:alias`, `syn/alias` (Mastra
 * 0.24's spelling of an alias), each optionally prefixed with `synthetic/`) into the id Synthetic
 * expects, using the catalog's casing when it lists the model. Throws a
 * `SyntheticConfigurationError` with suggestions for anything else.
 */
export function normalizeModelId(id: string): string {
  if (typeof id !== "string" || id.trim() === "") {
    throw invalidId(String(id), "The model id is empty.");
  }
  const unprefixed = stripRouterPrefix(id);
  const alias = SYN_SLASH_ID.exec(unprefixed)?.[1];
  const bare = alias === undefined ? unprefixed : `syn:${alias}`;
  if (!HF_ID.test(bare) && !SYN_ID.test(bare)) {
    throw invalidId(id, `"${id}" is not a Synthetic model id.`);
  }
  // Well-formed ids outside the catalog pass through: Synthetic runs on-demand models.
  return getModelInfo(bare)?.id ?? bare;
}

const ID_FORMS =
  'Ids look like "hf:Owner/Name" (or "synthetic/hf:Owner/Name" in Mastra) or "syn:alias" (in Mastra 0.24 "synthetic/syn/alias").';

function invalidId(id: string, message: string): SyntheticConfigurationError {
  // A retired model it names is said to be retired, and its current successor leads the suggestions.
  const [closest] = rankModelIds(id, listModels(), 1);
  const retired = closest ? retiredModelHint(closest) : undefined;
  const successor = closest ? currentSuccessor(closest)?.id : undefined;
  const suggestions = [...new Set([...(successor ? [successor] : []), ...suggestModelIds(id)])].slice(0, 3);
  const fix = [
    retired,
    suggestions.length > 0 ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : undefined,
    ID_FORMS,
  ]
    .filter(Boolean)
    .join(" ");
  return new SyntheticConfigurationError({ code: "invalid-model-id", message, fix });
}

/** Up to three current (not retired) catalog ids closest to `input`, best first. */
export function suggestModelIds(input: string, limit = 3): string[] {
  return rankModelIds(input, listModels({ retired: false }), limit);
}

function rankModelIds(input: string, models: SyntheticModelInfo[], limit: number): string[] {
  const needle = simplify(input);
  if (needle === "") return [];
  const scored = models.map((model) => {
    const hay = simplify(model.id);
    const name = simplify(model.name);
    // An exact name or a contained name is a stronger hint than any edit distance.
    const contained = hay.includes(needle) || needle.includes(name);
    const distance = Math.min(editDistance(needle, hay), editDistance(needle, name));
    return { id: model.id, score: contained ? -1 / (1 + distance) : distance };
  });
  scored.sort((a, b) => a.score - b.score);
  const best = scored[0];
  if (!best) return [];
  const cutoff = Math.max(3, Math.floor(needle.length / 2));
  return scored
    .filter((entry) => entry.score < 0 || entry.score <= cutoff)
    .slice(0, limit)
    .map((entry) => entry.id);
}

function simplify(id: string): string {
  return id
    .replace(/^synthetic\//, "")
    .replace(/^hf:/, "")
    .toLowerCase();
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}
