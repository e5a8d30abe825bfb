/**
 * What users copy names current models: README.md, the guides in docs/, the examples and the JSDoc
 * shown on hover (src/) name no retired catalog id, except on a line that says it is retired (the
 * migration page on the seed's model, `mastra-synthetic models --all` output) or in the generated
 * catalog tables of docs/models.md, which list every entry with its status.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { listModels } from "../src/index";
import { ROOT } from "./support/run-tsx";

const files = (dir: string, pattern: RegExp): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name) && !join(e.parentPath, e.name).includes("node_modules"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));

const retired = listModels({ kind: "chat", retired: true }).map((m) => m.id);
// A retired id, not a prefix of a current one (hf:moonshotai/Kimi-K2-Instruct vs ...-0905).
const retiredId = new RegExp(
  `(${retired.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\w.-])`,
);

/** Lines of `text` that name a retired id, outside generated catalog tables and lines saying "retired". */
function offending(file: string, text: string, onlyDocComments: boolean): string[] {
  const found: string[] = [];
  let generated = false;
  text.split("\n").forEach((line, index) => {
    if (/<!-- (models|sources):start -->/.test(line)) generated = true;
    if (/<!-- (models|sources):end -->/.test(line)) generated = false;
    if (generated || /retired/i.test(line)) return;
    if (onlyDocComments && !/^\s*(\/\*\*|\*)/.test(line)) return;
    const match = retiredId.exec(line);
    if (match) found.push(`${file}:${index + 1}: ${match[1]}`);
  });
  return found;
}

describe("docs and examples name current models", () => {
  it("finds retired ids to look for", () => {
    expect(retired).toContain("hf:MiniMaxAI/MiniMax-M2");
    expect(offending("t.md", 'model: "synthetic/hf:MiniMaxAI/MiniMax-M2"', false)).toHaveLength(1);
    expect(offending("t.md", "hf:moonshotai/Kimi-K2.6 and syn:large:text", false)).toEqual([]);
  });

  it("README.md, docs/*.md and examples/ name no retired model", () => {
    const pages = ["README.md", ...files("docs", /\.md$/).filter((f) => !f.startsWith("docs/internals/"))];
    const examples = files("examples", /\.(ts|js|md)$/);
    const found = [...pages, ...examples].flatMap((file) =>
      offending(file, readFileSync(join(ROOT, file), "utf8"), false),
    );
    expect(found, `retired model ids where users copy examples:\n${found.join("\n")}`).toEqual([]);
  });

  it("the JSDoc in src/ (shown on hover) names no retired model", () => {
    const found = files("src", /\.ts$/).flatMap((file) =>
      offending(file, readFileSync(join(ROOT, file), "utf8"), true),
    );
    expect(found, `retired model ids in JSDoc:\n${found.join("\n")}`).toEqual([]);
  });
});
