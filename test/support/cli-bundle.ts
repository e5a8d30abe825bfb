/** The CLI bundled with esbuild as the published bin is, for tests that spawn it. */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Bundles src/cli/index.ts to `<node_modules/.cache>/<name>/cli.mjs` (inside the repository, so its dependencies resolve) and returns the path. */
export async function bundleCli(name: string): Promise<string> {
  const dir = `${root}node_modules/.cache/${name}/`;
  mkdirSync(dir, { recursive: true });
  const { version } = (await import("../../package.json", { with: { type: "json" } })).default;
  await build({
    entryPoints: [`${root}src/cli/index.ts`],
    outfile: `${dir}cli.mjs`,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    logLevel: "silent",
  });
  return `${dir}cli.mjs`;
}
