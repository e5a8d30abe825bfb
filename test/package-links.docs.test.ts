/**
 * The README is read on the npm page and in node_modules: every relative link in it, and in every
 * other Markdown page the package ships, must resolve inside the packed tarball, anchors included.
 * Packs with `npm pack` into a temporary directory and reads the unpacked `package/`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLinks, headingIds, markdownLinks } from "./support/markdown-links";
import { ROOT } from "./support/run-tsx";

let work: string;
let unpacked: string;

const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mastra-synthetic-links-"));
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as { filename: string }[];
  execFileSync("tar", ["-xzf", join(work, packed?.filename ?? ""), "-C", work]);
  unpacked = join(work, "package");
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("links in the packed package", () => {
  it("the README links into docs/ and the example, and all of it ships", () => {
    const targets = markdownLinks(readFileSync(join(unpacked, "README.md"), "utf8")).map((l) => l.target);
    expect(targets).toContain("docs/getting-started.md");
    expect(targets).toContain("docs/reference.md");
    expect(targets).toContain("examples/mastra-server");
    expect(markdownFiles(unpacked)).not.toContainEqual(expect.stringMatching(/^docs\/internals\//));
  });

  it("every relative link of README.md and the shipped pages resolves in the tarball", () => {
    const pages = markdownFiles(unpacked).filter((page) => !page.startsWith("node_modules"));
    expect(pages).toContain("README.md");
    const dead = deadLinks(unpacked, pages).map((d) => `${d.page}:${d.line}: (${d.target}) ${d.reason}`);
    expect(dead, `dead links in the packed package:\n${dead.join("\n")}`).toEqual([]);
  });
});

describe("the link check", () => {
  it("reports a missing file, a missing anchor and a link out of the package; skips code and other sites", () => {
    const dir = mkdtempSync(join(tmpdir(), "mastra-synthetic-links-check-"));
    try {
      mkdirSync(join(dir, "docs"));
      writeFileSync(
        join(dir, "docs", "a.md"),
        "# A page\n\n## Mastra 1.x: `topP` / `temperature`\n\n## Same\n\n## Same\n",
      );
      writeFileSync(
        join(dir, "README.md"),
        [
          "[ok](docs/a.md) [ok](docs/a.md#mastra-1x-topp--temperature) [ok](docs/a.md#same-1) [ok](#top)",
          "[gone](docs/b.md) [bad anchor](docs/a.md#nope) [out](../x.md) [web](https://example.com/x.md)",
          "`[code](docs/c.md)`",
          "```md",
          "[fenced](docs/d.md)",
          "```",
          "# Top",
        ].join("\n"),
      );
      expect(deadLinks(dir, ["README.md"]).map((d) => `${d.line} ${d.target}`)).toEqual([
        "2 docs/b.md",
        "2 docs/a.md#nope",
        "2 ../x.md",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives headings GitHub's ids", () => {
    expect([...headingIds("# Hello, world!\n## The CLI: `mastra-synthetic`\n## Hello, world\n")]).toEqual([
      "hello-world",
      "the-cli-mastra-synthetic",
      "hello-world-1",
    ]);
  });
});
