/**
 * The relative links of Markdown pages, checked against a directory tree (the unpacked tarball):
 * each must name a file or folder in it, and an `#anchor` must name a heading of the page it
 * points at (GitHub's heading ids: lower case, punctuation dropped, spaces as `-`, `-1`, `-2` for
 * repeats). Links to other sites (`https:`, `mailto:`) are left alone. Used by
 * test/package-links.docs.test.ts.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

export type DeadLink = { page: string; line: number; target: string; reason: string };

/** Links outside code fences and inline code: `[text](target)` and `[text]: target` definitions. */
export function markdownLinks(markdown: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  let fence: string | undefined;
  markdown.split("\n").forEach((text, index) => {
    const open = /^\s*(```|~~~)/.exec(text);
    if (open) {
      if (fence === undefined) fence = open[1];
      else if (open[1] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const prose = text.replace(/`[^`]*`/g, "");
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      links.push({ line: index + 1, target: match[1] ?? "" });
    const definition = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)/.exec(prose);
    if (definition) links.push({ line: index + 1, target: definition[1] ?? "" });
  });
  return links;
}

/** The ids GitHub (and npm) give a page's headings. */
export function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  let fence = false;
  for (const text of markdown.split("\n")) {
    if (/^\s*```/.test(text)) fence = !fence;
    const heading = fence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!heading) continue;
    const base = (heading[1] ?? "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]+>/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

/** Every relative link of `pages` (paths under `root`) that does not resolve inside `root`. */
export function deadLinks(root: string, pages: string[]): DeadLink[] {
  const dead: DeadLink[] = [];
  for (const page of pages) {
    const markdown = readFileSync(join(root, page), "utf8");
    for (const { line, target } of markdownLinks(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const report = (reason: string) => dead.push({ page, line, target, reason });
      const [path = "", anchor] = target.split("#");
      const file = path === "" ? join(root, page) : normalize(join(root, dirname(page), decodeURIComponent(path)));
      if (relative(root, file).startsWith("..")) {
        report("points outside the package");
        continue;
      }
      if (!existsSync(file)) {
        report(`${relative(root, file)} is not in the package`);
        continue;
      }
      if (anchor === undefined) continue;
      if (statSync(file).isDirectory() || !file.endsWith(".md")) {
        report("an anchor into something that is not a Markdown page");
        continue;
      }
      if (!headingIds(readFileSync(file, "utf8")).has(anchor))
        report(`${relative(root, file)} has no heading with the id "${anchor}"`);
    }
  }
  return dead;
}
