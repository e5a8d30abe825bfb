import { getModelInfo } from "../catalog";
import type { SyntheticModelInfo } from "../catalog-schema";
import type { LiveCatalog } from "./cache";

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
