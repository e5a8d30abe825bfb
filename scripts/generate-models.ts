/**
 * Regenerates everything derived from models.json: the `SyntheticModelId` union
 * (src/model-ids.generated.ts), the model tables in README.md and docs/models.md, and the docs'
 * tables of catalog data (scripts/generate-docs-tables.ts).
 * `--check` writes nothing and exits 1 when a generated file is stale (run by the tests).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { modelsFileSchema, type SyntheticModelInfo } from "../src/catalog-schema";
import { generateDocsTables } from "./generate-docs-tables";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function renderModelIds(models: SyntheticModelInfo[]): string {
  const ids = (kind: SyntheticModelInfo["kind"]) =>
    models.filter((m) => m.kind === kind && !m.retired).map((m) => `  | "${m.id}"`);
  return `// Generated from models.json by scripts/generate-models.ts. Do not edit.

/** Chat model ids in the bundled catalog that Synthetic still serves; any other Synthetic id is accepted too. */
export type SyntheticCatalogChatModelId =
${ids("chat").join("\n")};

/** Embedding model ids in the bundled catalog. */
export type SyntheticCatalogEmbeddingModelId =
${ids("embedding").join("\n")};

/**
 * A Synthetic model id: the catalog's current ids autocomplete (retired ones are left out but
 * still accepted), and any other string is accepted (on-demand models, new \`syn:\` aliases).
 */
export type SyntheticModelId =
  | SyntheticCatalogChatModelId
  | \`synthetic/\${SyntheticCatalogChatModelId}\`
  | (string & {});

/** An embedding model id: catalog ids autocomplete, any string is accepted. */
export type SyntheticEmbeddingModelId = SyntheticCatalogEmbeddingModelId | (string & {});
`;
}

// $0.15, $1.20, $15: cents unless a whole dollar amount; more digits only when the price has them.
const usd = (n: number | undefined) =>
  n === undefined ? "?" : `$${Number.isInteger(n) && n >= 1 ? n : n.toFixed(Math.max(2, decimals(n)))}`;
const decimals = (n: number) => (String(n).split(".")[1] ?? "").length;
const yes = (b: boolean) => (b ? "yes" : "—");
const context = (tokens: number) => `${Math.round(tokens / 1000)}K`;
const modelCell = (m: SyntheticModelInfo, prefix = "") =>
  `\`${prefix}${m.id}\`${m.aliasOf ? ` → \`${m.aliasOf}\`` : ""}`;

/** README: the chat models Synthetic serves (retired ones are in docs/models.md). */
export function renderReadmeTable(models: SyntheticModelInfo[]): string {
  const rows = models
    .filter((m) => m.kind === "chat" && !m.retired)
    .map(
      (m) =>
        `| ${modelCell(m, "synthetic/")} | ${context(m.contextWindow)} | ${yes(m.tools)} | ${yes(m.reasoning)} | ${yes(m.input.includes("image"))} | ${usd(m.cost?.input)} | ${usd(m.cost?.output)} | ${usd(m.cost?.cacheRead ?? m.cost?.input)} |`,
    );
  return [
    "| Model | Context | Tools | Reasoning | Image | Input $/1M | Output $/1M | Cached input $/1M |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

const reasoningForm: Record<string, string> = {
  reasoning_content: "`reasoning_content` field",
  reasoning: "`reasoning` field",
  "think-tags": "inline `<think>` tags, extracted",
};

/** The markup forms recovered from the model's text; absent from the catalog means any. */
const leakedForms = (m: SyntheticModelInfo) =>
  !m.tools
    ? "—"
    : m.leakedToolCalls === undefined
      ? "any form"
      : m.leakedToolCalls.map((f) => `\`${f}\``).join(", ") || "—";

export function renderDocsTable(models: SyntheticModelInfo[]): string {
  const rows = models
    .filter((m) => m.kind === "chat")
    .map((m) => {
      const reasoning = m.reasoningFormat ? (reasoningForm[m.reasoningFormat] ?? m.reasoningFormat) : "—";
      const efforts = m.reasoningEfforts?.join(", ") ?? "—";
      const replay = m.reasoningReplay ? "sent back as `reasoning_content`" : m.reasoning ? "not sent back" : "—";
      const output = m.structuredOutputs ? "JSON schema" : "JSON mode";
      const status = m.retired
        ? `retired ${m.retiredOn ?? ""}${m.successor ? ` → \`${m.successor}\`` : ""}`.replace(/ +/g, " ")
        : "current";
      return `| ${modelCell(m)} | ${status} | ${reasoning} | ${efforts} | ${replay} | ${yes(m.tools)} | ${leakedForms(m)} | ${yes(m.input.includes("image"))} | ${output} |`;
    });
  return [
    "| Model | Status | Reasoning arrives as | `reasoningEffort` values | Reasoning on later turns | Tools | Tool calls recovered from text | Image input | Structured output |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

function sourceCell(m: SyntheticModelInfo): string {
  const s = m.source;
  if (!s) return "—";
  if (s.repo && s.path && s.commit) {
    const file = `[${s.repo} \`${s.path.replace(/^providers\/synthetic\//, "…/")}\` @ ${s.commit.slice(0, 8)}](https://github.com/${s.repo}/blob/${s.commit}/${s.path})`;
    return s.url ? `${file}, [discussion](${s.url})` : file;
  }
  return s.url ? `<${s.url}>` : "—";
}

/** docs/models.md: where each entry's figures come from. */
function renderSourcesTable(models: SyntheticModelInfo[]): string {
  return [
    "| Model | Record | Dated |",
    "|---|---|---|",
    ...models.map((m) => `| \`${m.id}\` | ${sourceCell(m)} | ${m.date ?? "—"} |`),
  ].join("\n");
}

function replaceBetween(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`markers ${start} / ${end} not found`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

export function generate({ check }: { check: boolean }): string[] {
  const file = modelsFileSchema().parse(JSON.parse(readFileSync(join(root, "models.json"), "utf8")));
  const targets: [string, (old: string) => string][] = [
    ["src/model-ids.generated.ts", () => renderModelIds(file.models)],
    ["README.md", (old) => replaceBetween(old, "models", renderReadmeTable(file.models))],
    [
      "docs/models.md",
      (old) =>
        replaceBetween(
          replaceBetween(old, "models", renderDocsTable(file.models)),
          "sources",
          renderSourcesTable(file.models),
        ),
    ],
  ];
  const stale: string[] = [];
  for (const [path, render] of targets) {
    const full = join(root, path);
    let old = "";
    try {
      old = readFileSync(full, "utf8");
    } catch {}
    const next = render(old);
    if (next !== old) {
      stale.push(path);
      if (!check) writeFileSync(full, next);
    }
  }
  return [...stale, ...generateDocsTables({ check })];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes("--check");
  const stale = generate({ check });
  if (check && stale.length > 0) {
    console.error(`Stale generated files: ${stale.join(", ")}. Run \`npm run models:gen\`.`);
    process.exit(1);
  }
  console.log(stale.length > 0 ? `${check ? "stale" : "wrote"}: ${stale.join(", ")}` : "up to date");
}
