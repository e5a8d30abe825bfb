/**
 * The ```ts blocks of README.md and docs/*.md, written out as programs a user could paste, with
 * `mastra-synthetic` imports (and its subpaths) pointed at src/ (no build needed). Used by test/docs-blocks.docs.test.ts (runs
 * them) and test/types.typecheck.test.ts (typechecks them).
 *
 * Info-string flags after `ts` (invisible when the Markdown is rendered):
 * - `mastra-0.24`: the block is for Mastra 0.24; `@mastra/core` imports resolve to the 0.24 install.
 * - `ai-v6` / `ai-v7`: the block is for ai@6 / ai@7; `ai` and `@ai-sdk/provider` imports resolve to
 *   those installs (the `ai-v6`, `ai-v7`, `@ai-sdk/provider-v6`, `@ai-sdk/provider-v7` aliases).
 * - `file=NAME.ts`: a module other blocks of the same page import as `./NAME`; not run on its own.
 * - `id=NAME`: names the block for the per-block replies and checks of test/docs-blocks.docs.test.ts.
 * - `no-run`: typechecked but not run (kept for what truly cannot run here; currently unused).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./run-tsx";

export type DocsBlock = {
  page: string;
  line: number;
  flags: Set<string>;
  id: string | undefined;
  file: string | undefined;
  code: string;
};

export type WrittenBlock = DocsBlock & { path: string };

export const DOCS_PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`),
];

export function extractBlocks(page: string, markdown: string): DocsBlock[] {
  const blocks: DocsBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    // Fences may be indented (a block inside a list item); the code is de-indented to match.
    const open = /^( *)```(\S*)\s*(.*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const indent = open[1] ?? "";
    const end = lines.findIndex((text, j) => j > i && text.startsWith(`${indent}\`\`\``));
    if (end === -1) throw new Error(`${page}:${i + 1}: unclosed code fence`);
    if (open[2] === "ts" || open[2] === "typescript") {
      const words = (open[3] ?? "").split(/\s+/).filter(Boolean);
      const value = (key: string) => words.find((w) => w.startsWith(`${key}=`))?.slice(key.length + 1);
      blocks.push({
        page,
        line: i + 1,
        flags: new Set(words.filter((w) => !w.includes("="))),
        id: value("id"),
        file: value("file"),
        code: lines
          .slice(i + 1, end)
          .map((text) => (text.startsWith(indent) ? text.slice(indent.length) : text))
          .join("\n"),
      });
    }
    i = end;
  }
  return blocks;
}

function rewrite(block: DocsBlock, dir: string): string {
  const src = relative(dir, join(ROOT, "src")).replaceAll("\\", "/");
  const root = relative(dir, ROOT).replaceAll("\\", "/");
  let code = block.code
    .replace(/(["'])mastra-synthetic\/testing\1/g, `"${src}/testing/index"`)
    .replace(/(["'])mastra-synthetic\/models\.json\1/g, `"${root}/models.json"`)
    .replace(/(["'])mastra-synthetic\/(ai-v\d+)\1/g, `"${src}/$2"`)
    .replace(/(["'])mastra-synthetic\1/g, `"${src}/index"`);
  if (block.flags.has("mastra-0.24")) code = code.replace(/(["'])@mastra\/core(\/[^"']*)?\1/g, '"@mastra/core-024$2"');
  for (const major of ["6", "7"]) {
    if (!block.flags.has(`ai-v${major}`)) continue;
    code = code
      .replace(/(["'])ai(\/[^"']*)?\1/g, `"ai-v${major}$2"`)
      .replace(/(["'])@ai-sdk\/provider\1/g, `"@ai-sdk/provider-v${major}"`);
  }
  return `${code}\n`;
}

/**
 * Writes every block under a fresh `.tmp/<name>/run-<pid>-<time>/` (other runs, a teammate's or
 * CI's, may share the work tree), one directory per page. `remove()` deletes it unless
 * KEEP_DOCS_BLOCKS is set.
 */
export function writeDocsBlocks(name: string): { dir: string; blocks: WrittenBlock[]; remove(): void } {
  const dir = join(ROOT, ".tmp", name, `run-${process.pid}-${Date.now()}`);
  rmSync(dir, { recursive: true, force: true });
  const blocks = DOCS_PAGES.flatMap((page) => {
    const pageDir = join(dir, page.replace(/\.md$/, "").replace("/", "-"));
    mkdirSync(pageDir, { recursive: true });
    return extractBlocks(page, readFileSync(join(ROOT, page), "utf8")).map((block, n) => {
      const path = join(pageDir, block.file ?? `block-${String(n + 1).padStart(2, "0")}-line-${block.line}.ts`);
      writeFileSync(path, rewrite(block, pageDir));
      return { ...block, path };
    });
  });
  return {
    dir,
    blocks,
    remove: () => {
      if (!process.env.KEEP_DOCS_BLOCKS) rmSync(dir, { recursive: true, force: true });
    },
  };
}
