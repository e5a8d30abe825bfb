/**
 * Row 4: `import()` of the built package in a fresh `node` process vs
 * `@ai-sdk/openai-compatible` alone, children alternated: the main entry against 1.x, the
 * `ai-v7` entry against 3.x (`@ai-sdk/openai-compatible-v7`). CPU time of the import is the
 * ratio (wall time moves with every other process on the machine). A breakdown splits each
 * side's own share: each package with its dependencies (zod, `@ai-sdk/provider`, and for
 * openai-compatible provider-utils) already loaded. This package imports no provider-utils and
 * no openai-compatible until a `/models` or quota read or an embedding. A trace of every module the
 * main entry's import resolves (ESM resolve hook) or loads (CJS `require.cache`) must not
 * include `@mastra/core`.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median, rotate, type Sample, type Series, summarize } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL("../cold-import-child.mjs", import.meta.url));
const BARE = "@ai-sdk/openai-compatible";
const BARE_V7 = "@ai-sdk/openai-compatible-v7";
/** What openai-compatible loads before its own code: the provider packages and zod. */
const SHARED = ["@ai-sdk/provider-utils", "@ai-sdk/provider", "zod/v4"];
/** What this package loads before its own code (either entry). */
const OWN_DEPENDENCIES = ["@ai-sdk/provider", "zod/v4"];
/** 3.x's own copies of provider-utils 4.x and provider 3.x, nested in its folder (file URLs). */
const NESTED_V7 = ["provider-utils", "provider"].map(
  (name) => new URL(`../../node_modules/${BARE_V7}/node_modules/@ai-sdk/${name}/dist/index.js`, import.meta.url),
);
/** Issue 10: no slower to import than the bare openai-compatible package alone. */
export const TARGET = 1;

async function child<T>(mode: "time" | "esm" | "cjs", specifier: string, preloads: string[] = []): Promise<T> {
  const { stdout } = await run(process.execPath, [CHILD, mode, specifier, ...preloads], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  });
  return JSON.parse(stdout) as T;
}

const importTime =
  (specifier: string, preloads: string[] = []) =>
  async (): Promise<Sample> => {
    const { ms, cpu } = await child<{ ms: number; cpu: number }>("time", specifier, preloads);
    return { wall: ms, cpu };
  };
const isMastra = (path: string) => /[/\\]node_modules[/\\]@mastra[/\\]/.test(path) || path.includes("@mastra/core");

export async function coldImportRows(context: BenchContext): Promise<Row[]> {
  const { index, indexCjs, aiV7 } = context.built;
  // Where npm put them; hoisted copies (no nested folder) are then found by 3.x itself.
  const sharedV7 = [...NESTED_V7.filter((url) => existsSync(url)).map((url) => url.href), "zod/v4"];
  const variants = [
    importTime(BARE),
    importTime(index),
    importTime(BARE_V7),
    importTime(aiV7),
    // Breakdown (full run): each side's own share, the rest preloaded.
    ...(context.quick
      ? []
      : [
          importTime(BARE, SHARED),
          importTime(index, OWN_DEPENDENCIES),
          importTime(BARE_V7, sharedV7),
          importTime(aiV7, OWN_DEPENDENCIES),
        ]),
  ];
  // Quick mode: 10 rounds, not 6: with 6, one CI run under load read row 4v4 at 0.998 (0.86 to 0.93 otherwise).
  const rotated = await rotate(rounds(context, 16, 10), 1, variants);
  // Paired in the same round: b over a, and b minus a.
  const pair = (metric: Series, a: number, b: number) => {
    const as = metric.values[a] ?? [];
    const bs = metric.values[b] ?? [];
    return {
      ratio: median(bs.map((value, i) => value / (as[i] as number))),
      extra: median(bs.map((value, i) => value - (as[i] as number))),
    };
  };
  const medians = (metric: Series) => metric.values.map(median);
  const cpu = medians(rotated.cpu);
  const wall = medians(rotated.wall);

  const { urls } = await child<{ urls: string[] }>("esm", index);
  const { files } = await child<{ files: string[] }>("cjs", indexCjs);
  const mastraModules = [...urls, ...files].filter(isMastra);
  // The trace must see the dependency graph at all, or an empty list would prove nothing.
  // (@ai-sdk/provider: always imported; provider-utils and openai-compatible load on first use.)
  const traced =
    urls.some((url) => url.includes("/@ai-sdk/provider/")) &&
    files.some((file) => /[/\\]@ai-sdk[/\\]provider[/\\]/.test(file));
  const mastraFree = traced && mastraModules.length === 0;
  // Loaded on first use only (a /models or quota read, an embedding): at import they would cost
  // zod/v3 and provider-utils (docs/internals/performance.md).
  const eagerModules = [...urls, ...files].filter((path) =>
    /[/\\]@ai-sdk[/\\](provider-utils|openai-compatible)[/\\]/.test(path),
  );

  const row = (
    id: string,
    title: string,
    [a, b]: [number, number],
    names: [string, string],
    breakdown: [number, number] | undefined,
    extra: Record<string, unknown>,
  ): Row => {
    const c = pair(rotated.cpu, a, b);
    const w = pair(rotated.wall, a, b);
    const invariant = id === "cold-import" ? mastraFree && eagerModules.length === 0 : true;
    context.log(
      `  ${names[1]}: cpu ${fmt.ratio(c.ratio)} (${c.extra >= 0 ? "+" : ""}${fmt.ms(c.extra)}), wall ${fmt.ratio(w.ratio)}` +
        (breakdown
          ? `; own code ${fmt.ms(cpu[breakdown[1]] ?? 0)} vs ${names[0]}'s ${fmt.ms(cpu[breakdown[0]] ?? 0)}`
          : ""),
    );
    return {
      id,
      title,
      base: `${names[0]} ${fmt.ms(cpu[a] ?? Number.NaN)} CPU`,
      variant: `${names[1]} ${fmt.ms(cpu[b] ?? Number.NaN)} CPU (${c.extra >= 0 ? "+" : ""}${fmt.ms(c.extra)})`,
      ratio: c.ratio,
      wallRatio: w.ratio,
      target: `<= ${TARGET.toFixed(2)}${id === "cold-import" ? ", no @mastra/core, provider-utils" : ""}`,
      met: c.ratio <= TARGET && invariant,
      gate: true,
      details: {
        cpuMs: { base: cpu[a], variant: cpu[b], extra: c.extra },
        wallMs: { base: wall[a], variant: wall[b], extra: w.extra },
        rounds: summarize(rotated).rounds,
        ...(breakdown
          ? {
              // Each side's own code: the bare package with provider-utils, provider and zod
              // preloaded; this package with provider and zod preloaded.
              ownCpuMs: { base: cpu[breakdown[0]], variant: cpu[breakdown[1]] },
              ownWallMs: { base: wall[breakdown[0]], variant: wall[breakdown[1]] },
            }
          : {}),
        ...extra,
      },
    };
  };
  const full = !context.quick;
  return [
    row(
      "cold-import",
      "4. Cold import, fresh process (main entry)",
      [0, 1],
      [`${BARE} 1.x`, "mastra-synthetic"],
      full ? [4, 5] : undefined,
      {
        entry: "bench/.tmp/dist/index.js (tsup, repository config)",
        bundleBytes: context.built.bytes,
        esmModulesResolved: new Set(urls).size,
        cjsModulesLoaded: files.length,
        mastraModules,
        mastraCoreLoaded: !mastraFree,
        eagerModules,
      },
    ),
    row(
      "cold-import-v7",
      "4v4. Cold import, fresh process (ai-v7 entry)",
      [2, 3],
      [`${BARE} 3.x`, "mastra-synthetic/ai-v7"],
      full ? [6, 7] : undefined,
      { entry: "bench/.tmp/dist/ai-v7.js", preloadedForBareV4Breakdown: sharedV7 },
    ),
  ];
}
