/**
 * The AI SDK matrix, in apps built from the packed tarball (run after `npm run build`):
 * ai@5 with `mastra-synthetic/ai-v5` on this machine's Node (20), ai@6 with `/ai-v6` and ai@7
 * with `/ai-v7` on Node 22 and Node 24 (the npm registry's `node` package). Each run does
 * generateText, streamText with a two-step tool loop, structured output and embed against the
 * emulator the tarball ships (`mastra-synthetic/testing`), plus ai@7's `reasoning` option, and
 * fails if anything was logged as a warning (`console.warn`/`console.info`, `process.emitWarning`).
 * Before the runs, each face's import graph in the tarball is checked: no other face's code.
 * Prints a table (face x Node: pass, ms). Everything it downloads or caches stays under /tmp
 * (Node binaries in $AI_MATRIX_DIR, default /tmp/mastra-synthetic-ai-matrix, reused next time).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
const pinned = (name) => lock.packages[`node_modules/${name}`].version;
const cacheDir = process.env.AI_MATRIX_DIR ?? "/tmp/mastra-synthetic-ai-matrix";
const npmEnv = { ...process.env, npm_config_cache: join(cacheDir, "npm-cache"), SYNTHETIC_API_KEY: "" };
const started = Date.now();

const faces = [
  { major: 5, entry: "ai-v5", spec: "v2", ai: pinned("ai"), nodes: ["machine"] },
  { major: 6, entry: "ai-v6", spec: "v3", ai: pinned("ai-v6"), nodes: ["22", "24"] },
  { major: 7, entry: "ai-v7", spec: "v4", ai: pinned("ai-v7"), nodes: ["22", "24"] },
];
// What only one face loads: its spec's openai-compatible major and its chat model class.
const ownedBy = {
  "ai-v5": { packages: ["@ai-sdk/openai-compatible"], marker: "SyntheticChatLanguageModelV2" },
  "ai-v6": {
    packages: ["@ai-sdk/openai-compatible-v6", "@ai-sdk/provider-v6"],
    marker: "SyntheticChatLanguageModelV3",
  },
  "ai-v7": {
    packages: ["@ai-sdk/openai-compatible-v7", "@ai-sdk/provider-v7"],
    marker: "SyntheticChatLanguageModelV4",
  },
};

const npm = (args, cwd) => exec("npm", args, { cwd, env: npmEnv, maxBuffer: 64 * 1024 * 1024 });
const quiet = ["--no-audit", "--no-fund", "--loglevel=error"];

/** Node `major` from the npm registry's `node` package, kept under cacheDir for the next run. */
async function nodeBinary(major) {
  if (major === "machine") return process.execPath;
  const prefix = join(cacheDir, `node${major}`);
  const bin = join(prefix, "node_modules", "node", "bin", "node");
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    await npm(["install", "--prefix", prefix, "--no-save", "--no-package-lock", ...quiet, `node@${major}`], prefix);
  }
  const { stdout } = await exec(bin, ["--version"]);
  if (!stdout.startsWith(`v${major}.`)) throw new Error(`expected Node ${major}, got ${stdout.trim()}`);
  return bin;
}

/** A fresh app with the tarball, the face's `ai` major as `ai`, and zod. */
async function installApp(face, work, tarball) {
  const app = join(work, face.entry);
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: `matrix-${face.entry}`, private: true, type: "module" }),
  );
  await npm(["install", ...quiet, tarball, `ai@${face.ai}`, `zod@${pinned("zod")}`], app);
  writeFileSync(join(app, "run.mjs"), appSource(face));
  return app;
}

/** The files an entry reaches in the installed package (ESM: static imports; CJS: require.cache). */
function checkIsolation(app, entry) {
  const dist = join(app, "node_modules", "mastra-synthetic", "dist");
  const others = Object.entries(ownedBy).filter(([name]) => name !== entry);
  const problems = [];
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [name, owned] of others) {
      if (new RegExp(`\\b${owned.marker}\\b`).test(source)) problems.push(`${file} holds ${name}'s ${owned.marker}`);
    }
    for (const [, specifier] of source.matchAll(
      /(?:^|\n)(?:import|export)[^"']*?from\s*["']([^"']+)["']|(?:^|\n)import\s*["']([^"']+)["']/g,
    )) {
      if (specifier?.startsWith(".")) visit(join(dirname(file), specifier));
      else
        for (const [name, owned] of others)
          if (owned.packages.includes(specifier)) problems.push(`${file} imports ${specifier} (${name})`);
    }
  };
  visit(join(dist, `${entry}.js`));
  const require = createRequire(join(app, "package.json"));
  const before = new Set(Object.keys(require.cache));
  require(join(dist, `${entry}.cjs`));
  for (const loaded of Object.keys(require.cache).filter((key) => !before.has(key))) {
    for (const [name, owned] of others) {
      if (owned.packages.some((p) => loaded.includes(`/node_modules/${p}/`)))
        problems.push(`CJS loads ${loaded} (${name})`);
      if (loaded.startsWith(dist) && new RegExp(`\\b${owned.marker}\\b`).test(readFileSync(loaded, "utf8"))) {
        problems.push(`CJS loads ${loaded} with ${name}'s ${owned.marker}`);
      }
    }
  }
  return { files: seen.size, problems };
}

function appSource(face) {
  return `import * as ai from "ai";
import { createSynthetic } from "mastra-synthetic/${face.entry}";
import { startSyntheticEmulator } from "mastra-synthetic/testing";
import { z } from "zod";

const warnings = [];
process.on("warning", (w) => warnings.push("process warning: " + w.message));
for (const level of ["warn", "info"]) console[level] = (...args) => warnings.push("console." + level + ": " + args.join(" "));
const check = (ok, what) => { if (!ok) throw new Error(what); };

const emulator = await startSyntheticEmulator({ apiKey: "k" });
const started = performance.now();
try {
  const synthetic = createSynthetic({ baseURL: emulator.url, apiKey: "k" });
  const model = synthetic("hf:zai-org/GLM-5.2");
  check(model.specificationVersion === ${JSON.stringify(face.spec)}, "specificationVersion " + model.specificationVersion);
  const chatBodies = () => emulator.requests.filter((r) => r.path.endsWith("/chat/completions")).map((r) => r.body);

  emulator.script({ content: "Hello from the tarball." });
  const generated = await ai.generateText({ model, prompt: "hi" });
  check(generated.text === "Hello from the tarball.", "generateText: " + generated.text);

  emulator.script({ toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] }, { content: "Sunny in Paris." });
  let executed = 0;
  const streamed = ai.streamText({
    model,
    prompt: "Weather in Paris?",
    tools: { weather: ai.tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => { executed++; return { city, sky: "sunny" }; } }) },
    stopWhen: ai.stepCountIs(3),
  });
  let text = "";
  for await (const delta of streamed.textStream) text += delta;
  check(text === "Sunny in Paris." && executed === 1 && (await streamed.steps).length === 2, "streamText: " + text);

  emulator.script({ content: JSON.stringify({ city: "Paris", celsius: 21 }) });
  const schema = z.object({ city: z.string(), celsius: z.number() });
  const structured = ${
    face.major === 5
      ? "(await ai.generateText({ model, prompt: 'JSON', experimental_output: ai.Output.object({ schema }) })).experimental_output"
      : "(await ai.generateText({ model, prompt: 'JSON', output: ai.Output.object({ schema }) })).output"
  };
  check(structured?.city === "Paris" && structured?.celsius === 21, "structured output: " + JSON.stringify(structured));

  const { embedding } = await ai.embed({ model: synthetic.embeddingModel("hf:nomic-ai/nomic-embed-text-v1.5"), value: "x" });
  check(embedding.length === 768, "embed: " + embedding.length);
${
  face.major === 7
    ? `
  emulator.script({ content: "ok" });
  await ai.generateText({ model, prompt: "think", reasoning: "high" });
  check(chatBodies().at(-1).reasoning_effort === "high", "reasoning: " + chatBodies().at(-1).reasoning_effort);
`
    : ""
}
  await new Promise((resolve) => setTimeout(resolve, 10)); // 'warning' events arrive on a later tick
  check(warnings.length === 0, "warnings: " + warnings.join(" | "));
  process.stdout.write(JSON.stringify({ ok: true, ms: Math.round(performance.now() - started) }));
} finally {
  await emulator.close();
}
`;
}

const work = mkdtempSync(join(tmpdir(), "mastra-synthetic-ai-matrix-"));
const rows = [];
let failed = false;
try {
  mkdirSync(cacheDir, { recursive: true });
  const { stdout } = await npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], root);
  const tarball = join(work, JSON.parse(stdout)[0].filename);
  const nodeMajors = [...new Set(faces.flatMap((f) => f.nodes))];
  const [binaries, apps] = await Promise.all([
    Promise.all(nodeMajors.map(async (major) => [major, await nodeBinary(major)])).then(Object.fromEntries),
    Promise.all(faces.map((face) => installApp(face, work, tarball))),
  ]);
  console.log(
    `setup (pack, ${apps.length} apps, Node ${nodeMajors.join("/")}): ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  for (const [i, face] of faces.entries()) {
    const { files, problems } = checkIsolation(apps[i], face.entry);
    console.log(
      `isolation ${face.entry}: ${files} ESM files reached, ${problems.length ? problems.join("; ") : "no other face's code"}`,
    );
    if (problems.length) failed = true;
  }

  for (const [i, face] of faces.entries()) {
    for (const major of face.nodes) {
      const bin = binaries[major];
      const { stdout: version } = await exec(bin, ["--version"]);
      const row = { face: `ai@${face.ai} / ${face.entry} (${face.spec.toUpperCase()})`, node: version.trim() };
      const t0 = Date.now();
      try {
        const { stdout: out } = await exec(bin, ["run.mjs"], { cwd: apps[i], env: npmEnv, timeout: 60_000 });
        rows.push({ ...row, result: "pass", ms: JSON.parse(out).ms, wall: Date.now() - t0 });
      } catch (error) {
        failed = true;
        // The thrown check is last; Node's own warning lines come before it.
        const detail = String(error.stderr || error.message)
          .trim()
          .split("\n")
          .slice(-8)
          .join("\n    ");
        rows.push({ ...row, result: "FAIL", ms: undefined, wall: Date.now() - t0, detail });
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const header = ["face", "node", "result", "ms (calls)", "ms (process)"];
const table = [header, ...rows.map((r) => [r.face, r.node, r.result, String(r.ms ?? "-"), String(r.wall)])];
const widths = header.map((_, c) => Math.max(...table.map((line) => line[c].length)));
const line = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
console.log(`\n${line(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of table.slice(1)) console.log(line(r));
for (const r of rows.filter((r) => r.detail)) console.log(`\n${r.face} on Node ${r.node}:\n    ${r.detail}`);
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failed) {
  console.error("ai matrix failed");
  process.exit(1);
}
console.log("ai matrix passed");
