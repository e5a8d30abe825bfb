/**
 * The built main entry outside Node: bundles dist/index.js with esbuild for the `neutral` and
 * `browser` platforms (a Node-only import fails the bundle), then evaluates the browser bundle in
 * the `edge-runtime` package's EdgeVM (the Vercel Edge / workerd-like globals, no `process`, no
 * Node built-ins), builds a model there and calls the emulator with the VM's own fetch.
 * Run after `npm run build`. Exits non-zero on any failure.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EdgeRuntime } from "edge-runtime";
// esbuild comes with tsup (the build tool), pinned by package-lock.json.
import { build } from "esbuild";
import { startSyntheticEmulator } from "../dist/testing.js";

const root = new URL("..", import.meta.url).pathname;
const out = join(root, ".tmp", "bundle-check");
mkdirSync(out, { recursive: true });

const common = {
  entryPoints: [join(root, "dist/index.js")],
  bundle: true,
  minify: true,
  logLevel: "error",
  // Importing the package must not need Mastra; it is an optional peer the library never loads.
  external: ["@mastra/core", "@mastra/core/*"],
};

for (const platform of ["neutral", "browser"]) {
  const outfile = join(out, `index.${platform}.mjs`);
  await build({
    ...common,
    platform,
    format: "esm",
    outfile,
    // `neutral` resolves no package fields by default; use what bundlers use.
    mainFields: ["module", "main"],
    conditions: ["import", "default"],
  });
  const kb = (readFileSync(outfile).length / 1024).toFixed(1);
  console.log(`esbuild --platform=${platform}: ok (${kb} kB minified, dependencies included)`);
}

// EdgeVM evaluates scripts, not modules: an IIFE exposing the exports as a global.
const iife = join(out, "index.edge.js");
await build({ ...common, platform: "browser", format: "iife", globalName: "MastraSynthetic", outfile: iife });

// EdgeRuntime is the package's EdgeVM with the edge globals (fetch, streams, crypto) installed.
const vm = new EdgeRuntime();
if (vm.evaluate("typeof process") !== "undefined") throw new Error("EdgeVM unexpectedly has `process`");
vm.evaluate(readFileSync(iife, "utf8"));
const exported = vm.evaluate("Object.keys(MastraSynthetic).sort().join(',')");
for (const name of ["createSynthetic", "synthetic", "syntheticGateway", "dynamicModel", "listModels", "VERSION"]) {
  if (!exported.split(",").includes(name)) throw new Error(`EdgeVM: export ${name} missing (got ${exported})`);
}
console.log(`edge-runtime EdgeVM: the main entry evaluates (${exported.split(",").length} exports)`);

const emulator = await startSyntheticEmulator({ apiKey: "edge-key" });
try {
  emulator.script({ content: "hello from the edge", reasoning: "edge reasoning" });
  const result = await vm.evaluate(`(async () => {
    const synthetic = MastraSynthetic.createSynthetic({ apiKey: "edge-key", baseURL: ${JSON.stringify(emulator.url)} });
    const model = synthetic("hf:zai-org/GLM-5.2");
    const gateway = MastraSynthetic.syntheticGateway({ apiKey: "edge-key", baseURL: ${JSON.stringify(emulator.url)}, liveCatalog: false });
    const providers = await gateway.fetchProviders();
    const generated = await model.doGenerate({ prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
    const streamed = await model.doStream({ prompt: [{ role: "user", content: [{ type: "text", text: "stream" }] }] });
    let text = "";
    const reader = streamed.stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.type === "text-delta") text += value.delta;
    }
    return JSON.stringify({
      modelId: model.modelId,
      models: providers.synthetic.models.length,
      text: generated.content.find((p) => p.type === "text")?.text,
      reasoning: generated.content.find((p) => p.type === "reasoning")?.text,
      cost: generated.providerMetadata?.synthetic?.cost?.total,
      streamed: text,
    });
  })()`);
  const parsed = JSON.parse(result);
  if (parsed.text !== "hello from the edge" || parsed.reasoning !== "edge reasoning") {
    throw new Error(`EdgeVM generate: ${result}`);
  }
  if (parsed.streamed !== "Echo: stream" || !(parsed.cost > 0) || !(parsed.models > 0)) {
    throw new Error(`EdgeVM stream/metadata: ${result}`);
  }
  const seen = emulator.requests.filter((r) => r.path.endsWith("/chat/completions"));
  if (seen.length !== 2 || !/mastra-synthetic\//.test(seen[0]?.headers["user-agent"] ?? "")) {
    throw new Error(`EdgeVM: the emulator saw ${seen.length} chat requests`);
  }
  console.log(`edge-runtime EdgeVM: createSynthetic() model generated and streamed against the emulator (${result})`);
} finally {
  await emulator.close();
}
