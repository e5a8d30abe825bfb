/**
 * The docs' tables of catalog data (reasoning forms, effort sets, tools and images, structured
 * output) are generated from models.json by scripts/generate-docs-tables.ts; this fails when a page
 * is out of date with the catalog (fix: `npm run models:gen`).
 */
import { describe, expect, it } from "vitest";
import { DOCS_TABLE_PAGES, generateDocsTables, renderGeneratedTables } from "../scripts/generate-docs-tables";
import { listModels } from "../src/index";

const empty = (name: string) => `<!-- generated:${name}:start -->\n<!-- generated:${name}:end -->`;

describe("generated docs tables", () => {
  it("are up to date with models.json (else: npm run models:gen)", () => {
    expect(generateDocsTables({ check: true })).toEqual([]);
  });

  it("follow the catalog: a model that loses image input moves to the other column", () => {
    const models = listModels();
    const before = renderGeneratedTables(empty("inputs"), models);
    const images = before.split("\n").find((line) => line.startsWith("| Images |"));
    expect(images?.split(" | ")[1]).toContain("`hf:moonshotai/Kimi-K3`");
    const changed = models.map((m) => (m.id === "hf:moonshotai/Kimi-K3" ? { ...m, input: ["text" as const] } : m));
    const after = renderGeneratedTables(before, changed);
    const row = after.split("\n").find((line) => line.startsWith("| Images |"));
    expect(row?.split(" | ")[1]).not.toContain("Kimi-K3");
    expect(row?.split(" | ")[2]).toContain("`hf:moonshotai/Kimi-K3`");
  });

  it("list current models only, never a retired one", () => {
    const retired = listModels().filter((m) => m.retired);
    expect(retired.length).toBeGreaterThan(0);
    const text = ["reasoning-forms", "effort-sets", "inputs", "structured-output"]
      .map((name) => renderGeneratedTables(empty(name), listModels()))
      .join("\n");
    for (const m of retired) expect(text).not.toContain(`\`${m.id}\``);
  });

  it("every page named holds at least one table, and an unknown table name is an error", () => {
    expect(DOCS_TABLE_PAGES.length).toBeGreaterThan(0);
    expect(() => renderGeneratedTables(empty("no-such-table"), listModels())).toThrow(/unknown generated table/);
  });
});
