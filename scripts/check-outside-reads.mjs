#!/usr/bin/env node
/**
 * Fails when a file of the repository reaches outside it: a relative path that climbs above the
 * repository root (`../../shared/x`, `join(__dirname, "..", "..", "..")`, a Markdown link), or an
 * absolute path into a machine's directories (`/work/...`, `/home/...`, `C:\...`, `file:///...`).
 * A fresh clone has none of those, so code, tests, scripts and docs must not depend on them.
 *
 *   node scripts/check-outside-reads.mjs        # checks every tracked (and new, unignored) file
 *
 * Relative paths are resolved against the file's own directory, as imports, `new URL(x,
 * import.meta.url)` and Markdown links are. A line that must name such a path as an example
 * (never as a read) carries `outside-reads: allow` in a comment.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);

// Built from pieces so this file does not flag itself when it is checked.
const ABSOLUTE = new RegExp(
  [
    String.raw`(?:^|[\s"'\x60(=:,\[])`, // start of a path token
    "(",
    ["/work", "/home", "/root", "/Users", "/mnt", "/srv", "/opt"].map((d) => `${d}/`).join("|"),
    String.raw`|[A-Z]:\\(?:Users|Windows)\\`,
    String.raw`|file:\/\/\/`,
    ")",
  ].join(""),
);
/** A path token that climbs: `../x`, `../../`. */
const CLIMB = /(?:^|[\s"'`(=:,[])((?:\.\.\/)+[^\s"'`),\]]*)/g;
/** Separate ".." arguments, as in `join(dir, "..", "..")`. */
const DOTDOT_ARGS = /(["'`])\.\.\1(?:\s*,\s*(["'`])\.\.\2)*/g;
const ALLOW = "outside-reads: allow";

/**
 * Every place in `files` (paths relative to `root`) that reaches outside `root`.
 * @param {string} root
 * @param {string[]} files
 * @returns {{ file: string; line: number; text: string; reason: string }[]}
 */
export function findOutsideReads(root, files) {
  const top = resolve(root);
  const inside = (path) => path === top || path.startsWith(top + sep);
  const found = [];
  for (const file of files) {
    const path = join(top, file);
    if (path === SELF) continue;
    let text;
    try {
      const bytes = readFileSync(path);
      if (bytes.includes(0)) continue; // binary
      text = bytes.toString("utf8");
    } catch {
      continue; // listed by git but deleted in the work tree
    }
    const dir = dirname(path);
    text.split("\n").forEach((content, index) => {
      if (content.includes(ALLOW)) return;
      const report = (reason) => found.push({ file, line: index + 1, text: content.trim().slice(0, 160), reason });
      const absolute = ABSOLUTE.exec(content);
      if (absolute) report(`absolute path ${absolute[1]}...`);
      for (const match of content.matchAll(CLIMB)) {
        const target = resolve(dir, match[1]);
        if (!inside(target)) report(`${match[1]} resolves outside the repository (${target})`);
      }
      for (const match of content.matchAll(DOTDOT_ARGS)) {
        const depth = match[0].split(",").length;
        if (!inside(resolve(dir, ...Array(depth).fill("..")))) {
          report(`${depth} ".." segments climb above the repository from ${relative(top, dir) || "."}`);
        }
      }
    });
  }
  return found;
}

/** Git's tracked and new unignored files; outside a git checkout, every file but the ignored directories. */
function repositoryFiles(root) {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
    return [...new Set(out.split("\0").filter(Boolean))];
  } catch {
    const skip = new Set([".git", "node_modules", ".tmp", "dist", "coverage"]);
    const walk = (dir) =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const path = dir ? join(dir, entry.name) : entry.name;
        if (entry.isDirectory()) return skip.has(entry.name) ? [] : walk(path);
        return entry.isFile() ? [path] : [];
      });
    return walk("");
  }
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const root = resolve(dirname(SELF), "..");
  const files = repositoryFiles(root);
  const found = findOutsideReads(root, files);
  for (const { file, line, text, reason } of found) console.error(`${file}:${line}: ${reason}\n    ${text}`);
  if (found.length > 0) {
    console.error(
      `\n${found.length} place(s) reach outside the repository. Copy what is needed into it (test/fixtures/, with its source), or mark a path that is only an example with "${ALLOW}".`,
    );
    process.exit(1);
  }
  console.log(`check-outside-reads: ${files.length} files, nothing reaches outside the repository`);
}
