/**
 * The docs' tables that are catalog data, generated from models.json between
 * `<!-- generated:NAME:start -->` and `<!-- generated:NAME:end -->` markers: how each current model's
 * reasoning arrives, its `reasoningEffort` values, which models take tools and images, and which
 * have JSON-schema structured output. Run by `npm run models:gen` (scripts/generate-models.ts);
 * `generateDocsTables({ check: true })` writes nothing and returns the stale pages (the tests).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { modelsFileSchema, type SyntheticModelInfo } from "../src/catalog-schema";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Chat models Synthetic serves, by their `hf:` ids (aliases point at one of them). */
const current = (models: SyntheticModelInfo[]) => models.filter((m) => m.kind === "chat" && !m.retired && !m.aliasOf);
const names = (models: SyntheticModelInfo[]) =>
  models.length === 0 ? "none" : models.map((m) => `\`${m.id}\``).join(", ");

function groupBy<K>(models: SyntheticModelInfo[], key: (m: SyntheticModelInfo) => K): Map<K, SyntheticModelInfo[]> {
  const groups = new Map<K, SyntheticModelInfo[]>();
  for (const m of models) groups.set(key(m), [...(groups.get(key(m)) ?? []), m]);
  return groups;
}

const REASONING_FORMS: Record<string, { arrives: string; handling: string }> = {
  reasoning_content: { arrives: "`reasoning_content` field", handling: "read as reasoning parts" },
  reasoning: { arrives: "`reasoning` field", handling: "read as reasoning parts" },
  "think-tags": {
    arrives: "inline `<think>…</think>` in the text",
    handling: "split out of the text and streamed as reasoning",
  },
  none: { arrives: "no reasoning", handling: "`reasoningEffort` is ignored with a warning" },
};

export function renderReasoningForms(models: SyntheticModelInfo[]): string {
  const form = (m: SyntheticModelInfo) => (m.reasoning ? (m.reasoningFormat ?? "reasoning_content") : "none");
  const groups = groupBy(current(models), (m) => `${form(m)} ${m.reasoning && m.reasoningReplay ? "replay" : ""}`);
  const rows = [...groups].map(([key, group]) => {
    const [name = "", replay] = key.split(" ");
    const { arrives, handling } = REASONING_FORMS[name] ?? { arrives: `\`${name}\``, handling: "read as reasoning" };
    const turns = name === "none" ? "" : replay ? "; sent back on later turns" : "; not sent back on later turns";
    return `| ${arrives} | ${names(group)} | ${handling}${turns} |`;
  });
  return ["| Reasoning arrives as | Models | What the package does |", "| --- | --- | --- |", ...rows].join("\n");
}

export function renderEffortSets(models: SyntheticModelInfo[]): string {
  const reasoning = current(models).filter((m) => m.reasoning);
  const groups = groupBy(reasoning, (m) => (m.reasoningEfforts ?? []).join(", "));
  const rows = [...groups].map(
    ([efforts, group]) =>
      `| ${
        efforts
          ? efforts
              .split(", ")
              .map((e) => `\`${e}\``)
              .join(", ")
          : "none: `reasoningEffort` is not sent, with a warning"
      } | ${names(group)} |`,
  );
  return ["| `reasoningEffort` values | Models |", "| --- | --- |", ...rows].join("\n");
}

export function renderInputs(models: SyntheticModelInfo[]): string {
  const chat = current(models);
  const row = (what: string, takes: (m: SyntheticModelInfo) => boolean) =>
    `| ${what} | ${names(chat.filter(takes))} | ${names(chat.filter((m) => !takes(m)))} |`;
  return [
    "| Input | Models that take it | Models that do not |",
    "| --- | --- | --- |",
    row("Tools", (m) => m.tools),
    row("Images", (m) => m.input.includes("image")),
  ].join("\n");
}

export function renderStructuredOutput(models: SyntheticModelInfo[]): string {
  const chat = current(models);
  return [
    "| Structured output | Models |",
    "| --- | --- |",
    `| JSON schema (\`response_format: json_schema\`) | ${names(chat.filter((m) => m.structuredOutputs))} |`,
    `| JSON mode only (\`response_format: json_object\`) | ${names(chat.filter((m) => !m.structuredOutputs))} |`,
  ].join("\n");
}

const TABLES: Record<string, (models: SyntheticModelInfo[]) => string> = {
  "reasoning-forms": renderReasoningForms,
  "effort-sets": renderEffortSets,
  inputs: renderInputs,
  "structured-output": renderStructuredOutput,
};

/** Pages holding generated tables. */
export const DOCS_TABLE_PAGES = ["docs/models.md", "docs/reasoning-and-tools.md", "docs/structured-output.md"];

/** Replaces the body of every `generated:NAME` marker pair in `markdown`. */
export function renderGeneratedTables(markdown: string, models: SyntheticModelInfo[]): string {
  return markdown.replace(
    /(<!-- generated:([\w-]+):start -->)\n[\s\S]*?(<!-- generated:\2:end -->)/g,
    (_match, start: string, name: string, end: string) => {
      const render = TABLES[name];
      if (!render) throw new Error(`unknown generated table "${name}" (known: ${Object.keys(TABLES).join(", ")})`);
      return `${start}\n${render(models)}\n${end}`;
    },
  );
}

export function generateDocsTables({ check }: { check: boolean }): string[] {
  const { models } = modelsFileSchema().parse(JSON.parse(readFileSync(join(root, "models.json"), "utf8")));
  const stale: string[] = [];
  for (const page of DOCS_TABLE_PAGES) {
    const path = join(root, page);
    const old = readFileSync(path, "utf8");
    const next = renderGeneratedTables(old, models);
    if (next !== old) {
      stale.push(page);
      if (!check) writeFileSync(path, next);
    }
  }
  return stale;
}
