/**
 * Packs the package and uses the tarball from a fresh app that has only `@mastra/core` and
 * `zod` installed beside it, as a user installing from npm would: ESM and CommonJS imports,
 * the gateway through a real Mastra agent against the bundled emulator, and the CLI via npx.
 * Run after `npm run build`. Exits non-zero on any failure.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
const pinned = (name) => lock.packages[`node_modules/${name}`].version;
const app = mkdtempSync(join(tmpdir(), "mastra-synthetic-app-"));
const run = (cmd, args, cwd = app) =>
  execFileSync(cmd, args, {
    cwd,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    env: { ...process.env, SYNTHETIC_API_KEY: "" },
  });

try {
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", app], root));
  const { filename, size, unpackedSize, files } = packed[0];
  console.log(
    `packed ${filename}: ${files.length} files, ${(size / 1024).toFixed(1)} kB (${(unpackedSize / 1024).toFixed(1)} kB unpacked)`,
  );
  const unexpected = files
    .map((f) => f.path)
    .filter(
      (p) =>
        !/^(dist\/|models\.json$|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$|docs\/[^/]+\.md$|examples\/(mastra-server|web-search-agent)\/)/.test(
          p,
        ),
    );
  if (unexpected.length > 0) throw new Error(`tarball contains files users do not need: ${unexpected.join(", ")}`);

  // npm's page and `npm repo` / `npm bugs` read these; the README's links into docs/ point at homepage's repository.
  for (const [field, url] of [
    ["homepage", pkg.homepage],
    ["repository", pkg.repository?.url],
    ["bugs", pkg.bugs?.url],
  ]) {
    if (!/^(git\+)?https:\/\/github\.com\/[\w.-]+\/[\w.-]+/.test(url ?? ""))
      throw new Error(`package.json ${field}: ${url}`);
  }

  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "smoke-app", private: true, type: "module" }));
  run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    join(app, filename),
    `@mastra/core@${pinned("@mastra/core")}`,
    `zod@${pinned("zod")}`,
  ]);

  writeFileSync(
    join(app, "esm.mjs"),
    `import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { syntheticGateway, synthetic, listModels, VERSION } from "mastra-synthetic";
import { startSyntheticEmulator } from "mastra-synthetic/testing";
import models from "mastra-synthetic/models.json" with { type: "json" };
if (VERSION !== ${JSON.stringify(pkg.version)}) throw new Error("VERSION " + VERSION);
if (models.models.length !== listModels().length) throw new Error("models.json export");
const emulator = await startSyntheticEmulator({ apiKey: "k" });
const agent = new Agent({ name: "a", instructions: "x", model: "synthetic/hf:zai-org/GLM-5.2" });
const mastra = new Mastra({ agents: { agent }, gateways: { synthetic: syntheticGateway({ baseURL: emulator.url, apiKey: "k" }) }, logger: false });
emulator.script({ content: "packed and working", reasoning: "r" });
const result = await mastra.getAgent("agent").generate("hi");
await emulator.close();
if (result.text !== "packed and working" || result.reasoningText !== "r") throw new Error("unexpected: " + result.text);
if (typeof synthetic("hf:zai-org/GLM-5.2").doStream !== "function") throw new Error("provider");
console.log("esm ok:", result.text);
`,
  );
  writeFileSync(
    join(app, "cjs.cjs"),
    `const { createSynthetic, estimateCost, fetchLiveModels, getQuota } = require("mastra-synthetic");
const { startSyntheticEmulator } = require("mastra-synthetic/testing");
(async () => {
  const emulator = await startSyntheticEmulator({ apiKey: "k" });
  const model = createSynthetic({ baseURL: emulator.url, apiKey: "k" })("hf:zai-org/GLM-5.2");
  emulator.script({ content: "cjs works" });
  const result = await model.doGenerate({ prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
  const text = result.content.find((p) => p.type === "text")?.text;
  if (text !== "cjs works") throw new Error("unexpected: " + text);
  if (!estimateCost("hf:zai-org/GLM-5.2", { inputTokens: 1e6 })) throw new Error("estimateCost");
  // Loaded on first use, by import() from CommonJS: provider-utils for the reads, openai-compatible for embeddings.
  const settings = { baseURL: emulator.url, apiKey: "k" };
  const live = await fetchLiveModels(settings);
  if (!live.models.some((m) => m.id === "hf:zai-org/GLM-5.2")) throw new Error("fetchLiveModels");
  if (typeof (await getQuota(settings)).subscription?.limit !== "number") throw new Error("getQuota");
  // require()d, not import()ed, in the CJS build: a refused read throws the CommonJS class of the
  // @ai-sdk/provider that mastra-synthetic's provider-utils requires (import() would load the ESM copy).
  const { dirname } = require("node:path");
  const near = (id, from) => require.resolve(id, { paths: [dirname(from)] });
  const utils = near("@ai-sdk/provider-utils", require.resolve("mastra-synthetic"));
  const { APICallError } = require(near("@ai-sdk/provider", utils));
  const refused = await getQuota({ baseURL: emulator.url, apiKey: "wrong" }).catch((e) => e);
  if (!(refused instanceof APICallError)) throw new Error("getQuota's error is not the CommonJS APICallError: " + refused);
  if (refused?.name !== "AI_APICallError" || refused.statusCode !== 401) throw new Error("getQuota 401: " + refused);
  const embedding = createSynthetic(settings).textEmbeddingModel("hf:nomic-ai/nomic-embed-text-v1.5");
  const { embeddings } = await embedding.doEmbed({ values: ["a", "b"] });
  if (embeddings.length !== 2 || embeddings[0].length === 0) throw new Error("doEmbed");
  await emulator.close();
  console.log("cjs ok:", text, "| live models:", live.models.length, "| quota and embeddings read");
})().catch((e) => { console.error(e); process.exit(1); });
`,
  );
  process.stdout.write(run("node", ["esm.mjs"]));
  process.stdout.write(run("node", ["cjs.cjs"]));
  if (pkg.bin?.["mastra-synthetic"]) {
    const table = run("npx", ["--no-install", "mastra-synthetic", "models"]);
    if (!table.includes("hf:zai-org/GLM-5.2")) throw new Error(`CLI models output:\n${table}`);
    console.log("cli ok: `npx mastra-synthetic models` lists the catalog");
    // `chat` streams from the emulator the tarball ships, started by the app itself.
    writeFileSync(
      join(app, "chat.mjs"),
      `import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startSyntheticEmulator } from "mastra-synthetic/testing";
const emulator = await startSyntheticEmulator();
emulator.setDefault({ content: "streamed from the tarball", reasoning: "thinking" });
try {
  const env = { ...process.env, SYNTHETIC_BASE_URL: emulator.url, SYNTHETIC_API_KEY: "k", NO_COLOR: "1" };
  const args = ["--no-install", "mastra-synthetic", "chat", "--model", "hf:zai-org/GLM-5.2", "hi"];
  const { stdout } = await promisify(execFile)("npx", args, { env });
  if (!stdout.includes("streamed from the tarball")) throw new Error("chat output: " + stdout);
  console.log("cli ok: npx mastra-synthetic chat streamed an answer");
} finally {
  await emulator.close();
}
`,
    );
    process.stdout.write(run("node", ["chat.mjs"]));
    // `emulator` runs from the installed bin until stopped, and answers at the URL it prints.
    writeFileSync(
      join(app, "emulator.mjs"),
      `import { spawn } from "node:child_process";
import { createSynthetic } from "mastra-synthetic";
// The installed bin itself: npx runs it through a shell that does not pass signals on.
const child = spawn("node_modules/.bin/mastra-synthetic", ["emulator", "--port", "0"], { env: { ...process.env, NO_COLOR: "1" } });
let out = "";
child.stdout.on("data", (d) => (out += d));
const exited = new Promise((resolve) => child.on("close", resolve));
const started = Date.now();
let url;
while (!(url = /SYNTHETIC_BASE_URL=(\\S+)/.exec(out)?.[1])) {
  if (child.exitCode !== null || Date.now() - started > 30000) throw new Error("emulator did not start: " + out);
  await new Promise((r) => setTimeout(r, 50));
}
const models = await (await fetch(url + "/models")).json();
if (models.data.some((m) => m.id === "hf:MiniMaxAI/MiniMax-M2")) throw new Error("/models lists a retired model");
const result = await createSynthetic({ baseURL: url, apiKey: "k" })("hf:zai-org/GLM-5.2").doGenerate({
  prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  maxOutputTokens: 1,
});
if (result.usage.outputTokens !== 1 || result.finishReason !== "length") throw new Error("max_tokens: " + JSON.stringify(result.usage));
child.kill("SIGINT");
const code = await exited;
if (code !== 0 || !out.includes("emulator stopped")) throw new Error("emulator exit " + code + ": " + out);
console.log("cli ok: the mastra-synthetic emulator bin served " + models.data.length + " current models and stopped on SIGINT");
`,
    );
    process.stdout.write(run("node", ["emulator.mjs"]));
  }
  console.log("pack smoke test passed");
} finally {
  rmSync(app, { recursive: true, force: true });
}
