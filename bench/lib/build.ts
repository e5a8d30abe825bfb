import { statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Options } from "tsup";
import tsupConfig from "../../tsup.config";

const OUT_DIR = fileURLToPath(new URL("../.tmp/dist/", import.meta.url));

export type BuiltPackage = {
  /** ESM entry, file URL. */
  index: string;
  /** CJS entry, path. */
  indexCjs: string;
  /** ESM `testing` entry, file URL. */
  testing: string;
  /** ESM `ai-v7` entry (the LanguageModelV4 face), file URL. */
  aiV7: string;
  /** Bytes of the ESM entry. */
  bytes: number;
  ms: number;
};

/** The config(s) in tsup.config.ts that build the library entry (`index`), not the CLI. */
function libraryConfigs(): Options[] {
  const all: unknown = tsupConfig;
  if (typeof all === "function") throw new Error("bench: tsup.config.ts exports a function; expected config objects.");
  const configs = (Array.isArray(all) ? all : [all]) as Options[];
  const library = configs.filter(
    (config) => typeof config.entry === "object" && !Array.isArray(config.entry) && "index" in config.entry,
  );
  if (library.length === 0) throw new Error("bench: no tsup config with an `index` entry.");
  return library;
}

/**
 * Builds the package with the repository's own tsup config (same entries, formats, target,
 * define, tree-shaking; only declaration files are skipped) into bench/.tmp/dist, so every row
 * runs the JavaScript `npm run build` ships, built from the sources as they are now, without
 * touching dist/.
 */
export async function buildPackage(): Promise<BuiltPackage> {
  const started = performance.now();
  for (const config of libraryConfigs()) {
    await build({ ...config, dts: false, outDir: OUT_DIR, silent: true, config: false });
  }
  const index = `${OUT_DIR}index.js`;
  return {
    index: pathToFileURL(index).href,
    indexCjs: `${OUT_DIR}index.cjs`,
    testing: pathToFileURL(`${OUT_DIR}testing.js`).href,
    aiV7: pathToFileURL(`${OUT_DIR}ai-v7.js`).href,
    bytes: statSync(index).size,
    ms: performance.now() - started,
  };
}
