import { currentSuccessor, listModels } from "../catalog";
import type { SyntheticModelInfo } from "../catalog-schema";
import { describeFailedRequest, LiveCatalog } from "../live-catalog";
import { formatContext, formatPrice, type Terminal, yesNo } from "./io";

export const MODELS_HELP = `Usage: mastra-synthetic models [--live] [--all] [--json] [--base-url <url>]

List the model catalog: id, context window, tools, reasoning, image input, USD per 1M
input/output tokens, where the entry comes from, and aliases.

Options:
  --live            Read GET /models and merge it over the bundled catalog (no key needed)
  --all             Include retired models (with their successor)
  --json            Print the entries as JSON
  --base-url <url>  API base URL (with --live)`;

export const MODELS_OPTIONS = {
  live: { type: "boolean" },
  all: { type: "boolean" },
  json: { type: "boolean" },
} as const;

const REQUEST_TIMEOUT_MS = 15_000;

export async function models(
  t: Terminal,
  options: { baseURL: string | undefined; resolvedBaseURL: string; live: boolean; all: boolean; json: boolean },
): Promise<number> {
  let list: SyntheticModelInfo[] = listModels();
  let liveIds: Set<string> | undefined;
  let age = "";
  if (options.live) {
    const snapshot = await t.withProgress(`GET ${options.resolvedBaseURL}/models`, () =>
      new LiveCatalog({
        baseURL: options.baseURL,
        readTimeoutMs: REQUEST_TIMEOUT_MS,
        ttlMs: 0,
        logger: () => {},
      }).load(),
    );
    // Asked for live data explicitly: a fallback would look like success, so fail instead.
    if (snapshot.source !== "live") {
      throw new Error(
        `could not read the live model list: ${describeFailedRequest(snapshot.error).replace(/\.$/, "")}. Run without --live for the bundled catalog.`,
      );
    }
    // The catalog's order (chat models by id, then embeddings), whatever order /models used.
    list = [...snapshot.models].sort(
      (a, b) =>
        Number(a.kind !== "chat") - Number(b.kind !== "chat") ||
        a.id.toLowerCase().localeCompare(b.id.toLowerCase(), "en"),
    );
    liveIds = new Set(snapshot.liveIds);
    for (const { id, field, reason } of snapshot.problems) t.err(`${t.yellow("warning:")} ${id} ${field}: ${reason}\n`);
    for (const { id, reason } of snapshot.skipped) t.err(`${t.yellow("warning:")} skipped ${id}: ${reason}\n`);
    age = snapshot.stale ? " (stale)" : "";
  }
  const retired = list.filter((m) => m.retired && !liveIds?.has(m.id));
  const shown = options.all ? list : list.filter((m) => !retired.includes(m));
  if (options.json) {
    t.out(`${JSON.stringify(shown, null, 2)}\n`);
    return 0;
  }
  const rows = shown.map((m) => [
    m.id,
    formatContext(m.contextWindow),
    yesNo(m.kind === "chat" && m.tools),
    yesNo(m.reasoning),
    yesNo(m.input.includes("image")),
    formatPrice(m.cost?.input),
    formatPrice(m.cost?.output),
    liveIds?.has(m.id) ? "live" : "bundled",
    note(m, liveIds),
  ]);
  t.out(
    `${t.table(["MODEL", "CONTEXT", "TOOLS", "REASONING", "IMAGE", "IN $/1M", "OUT $/1M", "SOURCE", "NOTE"], rows, [1, 5, 6])}\n`,
  );
  const bundledOnly = liveIds ? shown.filter((m) => !liveIds.has(m.id)).length : 0;
  const source = liveIds
    ? `live list from ${options.resolvedBaseURL}${age} merged over the bundled catalog${bundledOnly ? `; ${bundledOnly} bundled only, not listed live` : ""}`
    : "bundled catalog; --live reads /models";
  const hidden =
    options.all || retired.length === 0 ? "" : ` ${retired.length} retired models hidden; --all shows them.`;
  t.out(t.dim(`\n${shown.length} models (${source}). Prices in USD per 1M tokens; ? = unknown.${hidden}\n`));
  return 0;
}

function note(m: SyntheticModelInfo, liveIds: Set<string> | undefined): string {
  if (m.aliasOf) return `alias of ${m.aliasOf}`;
  if (m.retired && !liveIds?.has(m.id)) {
    const successor = currentSuccessor(m.id)?.id ?? m.successor;
    return `retired${m.retiredOn ? ` ${m.retiredOn}` : ""}${successor ? `, use ${successor}` : ""}`;
  }
  return "";
}
