/**
 * docs/reference.md has one row per provider setting (every property of the settings types that
 * `createSynthetic` and `syntheticGateway` take, read from src/ with the TypeScript checker) and
 * one per provider option (the keys of `syntheticChatOptions`), and no row for a key that is gone.
 * A failure names the exact rows to add or remove.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { syntheticChatOptions } from "../src/index";
import { ROOT } from "./support/run-tsx";

const PAGE = "docs/reference.md";
const page = readFileSync(join(ROOT, PAGE), "utf8");

/** The first-column names of the table between `<!-- marker:start -->` and `<!-- marker:end -->`. */
function tableNames(marker: string): string[] {
  const from = page.indexOf(`<!-- ${marker}:start -->`);
  const to = page.indexOf(`<!-- ${marker}:end -->`);
  if (from === -1 || to < from) throw new Error(`${PAGE}: markers <!-- ${marker}:start/end --> not found`);
  return page
    .slice(from, to)
    .split("\n")
    .flatMap((line) => /^\|\s*`([^`]+)`\s*\|/.exec(line)?.[1] ?? []);
}

/** Property names of the types `src/index.ts` exports under these names. */
function exportedTypeProperties(typeNames: string[]): Map<string, string[]> {
  const entry = join(ROOT, "src/index.ts");
  const program = ts.createProgram([entry], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error("src/index.ts did not load");
  const exports = new Map(checker.getExportsOfModule(module).map((symbol) => [symbol.name, symbol]));
  const result = new Map<string, string[]>();
  for (const name of typeNames) {
    const exported = exports.get(name);
    if (!exported) throw new Error(`src/index.ts does not export ${name}`);
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    result.set(
      name,
      checker.getPropertiesOfType(type).map((p) => p.name),
    );
  }
  return result;
}

function compare(kind: string, marker: string, keys: Map<string, string[]>) {
  const rows = tableNames(marker);
  const declared = new Map<string, string>();
  for (const [typeName, names] of keys) for (const key of names) if (!declared.has(key)) declared.set(key, typeName);
  const missing = [...declared].filter(([key]) => !rows.includes(key));
  const stale = rows.filter((row) => !declared.has(row));
  const problems = [
    ...missing.map(
      ([key, from]) =>
        `missing row for ${kind} \`${key}\` (declared in ${from}): add "| \`${key}\` | <type> | <default> | <meaning> |" between <!-- ${marker}:start --> and <!-- ${marker}:end -->`,
    ),
    ...stale.map((row) => `row \`${row}\` names no ${kind} any more: remove it`),
  ];
  expect(problems, `${PAGE}:\n${problems.join("\n")}`).toEqual([]);
  expect(new Set(rows).size, `${PAGE}: a ${kind} has two rows`).toBe(rows.length);
}

describe("docs/reference.md", () => {
  it("has exactly one row per provider setting", () => {
    compare("setting", "settings", exportedTypeProperties(["SyntheticProviderSettings", "SyntheticGatewaySettings"]));
  }, 60_000);

  it("has exactly one row per provider option", () => {
    compare(
      "provider option",
      "provider-options",
      new Map([["syntheticChatOptions", Object.keys(syntheticChatOptions.unwrap().shape)]]),
    );
  });

  it("reads the table it checks", () => {
    expect(tableNames("settings")).toContain("apiKey");
    expect(tableNames("provider-options")).toContain("reasoningEffort");
  });
});
