/**
 * Row 4: `import()` time of the built package in a fresh `node` process vs
 * `@ai-sdk/openai-compatible` alone (which it imports), children alternated; and a trace of
 * every module the import resolves (ESM resolve hook) or loads (CJS `require.cache`), which
 * must not include `@mastra/core`.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median, rotate, type Sample, summarize } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL("../cold-import-child.mjs", import.meta.url));
const BARE = "@ai-sdk/openai-compatible";

async function child<T>(mode: "time" | "esm" | "cjs", specifier: string): Promise<T> {
  const { stdout } = await run(process.execPath, [CHILD, mode, specifier], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  });
  return JSON.parse(stdout) as T;
}

const importTime = async (specifier: string): Promise<Sample> => {
  const { ms, cpu } = await child<{ ms: number; cpu: number }>("time", specifier);
  return { wall: ms, cpu };
};
const isMastra = (path: string) => /[/\\]node_modules[/\\]@mastra[/\\]/.test(path) || path.includes("@mastra/core");

export async function coldImportRow(context: BenchContext): Promise<Row> {
  const { index, indexCjs } = context.built;
  const rotated = await rotate(rounds(context, 16, 6), 1, [() => importTime(BARE), () => importTime(index)]);
  const extraOf = (metric: "wall" | "cpu") =>
    median(rotated[metric].values[1]?.map((value, i) => value - (rotated[metric].values[0]?.[i] as number)) ?? []);
  const extra = extraOf("wall");
  const { wall, cpu, rounds: measuredRounds } = summarize(rotated);
  const { urls } = await child<{ urls: string[] }>("esm", index);
  const { files } = await child<{ files: string[] }>("cjs", indexCjs);
  const mastraModules = [...urls, ...files].filter(isMastra);
  // The trace must see the dependency graph at all, or an empty list would prove nothing.
  const traced = urls.some((url) => url.includes(BARE)) && files.some((file) => file.includes(BARE));
  const mastraFree = traced && mastraModules.length === 0;
  context.log(`  +${fmt.ms(extra)}, @mastra/core loaded: ${mastraFree ? "no" : "YES"}`);
  return {
    id: "cold-import",
    title: "4. Cold import, fresh process",
    base: `${BARE} ${fmt.ms(wall.base)}`,
    variant: `mastra-synthetic ${fmt.ms(wall.variant)} (+${fmt.ms(extra)})`,
    ratio: wall.ratio,
    wallRatio: null,
    target: "<= +15 ms, no @mastra/core",
    met: extra <= 15 && mastraFree,
    gate: false,
    details: {
      entry: "bench/.tmp/dist/index.js (tsup, repository config)",
      bundleBytes: context.built.bytes,
      wallMs: wall,
      cpuMs: cpu,
      extraWallMs: extra,
      extraCpuMs: extraOf("cpu"),
      rounds: measuredRounds,
      esmModulesResolved: new Set(urls).size,
      cjsModulesLoaded: files.length,
      mastraModules,
      mastraCoreLoaded: !mastraFree,
    },
  };
}
