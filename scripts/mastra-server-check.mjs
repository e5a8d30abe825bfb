/**
 * The real Mastra server (issue 12): examples/mastra-server built with the `mastra` CLI and
 * served as users deploy it, driven over HTTP by @mastra/client-js against the emulator.
 *
 * Packs this package, copies the example to .tmp/mastra-server, installs the example's dependencies there
 * (Mastra 1.x, the mastra CLI, @mastra/client-js, and Node 22 from the npm registry's `node`
 * package, which `mastra build` needs) plus the tarball, runs `mastra build` on Node 22, starts
 * `.mastra/output/index.mjs` on Node 22 with SYNTHETIC_BASE_URL pointing at the emulator, and
 * checks: generate, stream, a tool call, an agent whose model object sends its own header, and GET /agents/providers (the provider list Studio
 * shows): with AUTO_BLOCK_EXTERNAL_PROVIDERS=true it is exactly what the emulator's /models lists
 * (current chat models, read live by the gateway), and a model picked from it runs; without the
 * setting, Mastra's own registry entry for "synthetic" wins. Then a start without the key: still
 * serving, the same live list with Synthetic not connected, and a generate that fails naming
 * SYNTHETIC_API_KEY without sending anything.
 * Run after `npm run build`. Exits non-zero on any failure. Takes about 2 minutes.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = new URL("..", import.meta.url).pathname;
const example = join(root, "examples", "mastra-server");
// Kept between runs (gitignored): a rerun reinstalls only what changed, and CI skips deleting
// thousands of files.
const app = join(root, ".tmp", "mastra-server");
const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const KEY = "sk-server-check";
let server;
let emulator;

function check(condition, message, detail) {
  if (!condition) throw new Error(`${message}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
  log(`ok: ${message}`);
}

const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { cwd: app, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", ...options });

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts the built server on Node 22 and waits until it answers. */
async function startServer(node22, env) {
  const port = await freePort();
  const child = spawn(node22, ["index.mjs"], {
    cwd: join(app, ".mastra", "output"),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const up = await fetch(`${baseUrl}/api/agents`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, baseUrl, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer within 30 s:\n${output}`);
}

async function stopServer() {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
}

try {
  rmSync(join(app, "src"), { recursive: true, force: true });
  rmSync(join(app, ".mastra"), { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  const [{ filename }] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", app], { cwd: root }));
  log(`packed ${filename}`);
  cpSync(join(example, "src"), join(app, "src"), { recursive: true });
  for (const file of ["package.json", "package-lock.json"]) cpSync(join(example, file), join(app, file));
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", join(app, filename)]);
  const node22 = join(app, "node_modules", ".bin", "node");
  const nodeVersion = run(node22, ["--version"]).trim();
  check(/^v22\./.test(nodeVersion), `example runs on Node 22 from the npm package (${nodeVersion})`);
  log("installed; building with mastra build");

  const PATH = `${join(app, "node_modules", ".bin")}:${process.env.PATH}`;
  run(node22, [join(app, "node_modules", "mastra", "dist", "index.js"), "build"], {
    env: { ...process.env, PATH, MASTRA_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  log("built .mastra/output");

  // The emulator and the client come from the example's install: the tarball and the
  // @mastra/client-js version a user of this example would have.
  const modules = join(app, "node_modules");
  const { startSyntheticEmulator } = await import(
    pathToFileURL(join(modules, "mastra-synthetic", "dist", "testing.js")).href
  );
  const { MastraClient } = await import(pathToFileURL(join(modules, "@mastra", "client-js", "dist", "index.js")).href);
  emulator = await startSyntheticEmulator({ apiKey: KEY });
  const chat = () => emulator.requests.filter((r) => r.path.endsWith("/chat/completions"));

  // What the emulator serves, as Synthetic's /models lists it: current chat models only.
  const served = (await (await fetch(`${emulator.url}/models`)).json()).data
    .filter((m) => !m.output_modalities?.includes("embedding"))
    .map((m) => m.id)
    .sort();
  const sameList = (models) => JSON.stringify([...models].sort()) === JSON.stringify(served);

  // Mastra's registry lists "synthetic" from its own snapshot and skips a gateway's entry under
  // an id it has; AUTO_BLOCK_EXTERNAL_PROVIDERS=true drops the registry, so Studio lists ours.
  server = await startServer(node22, { SYNTHETIC_API_KEY: KEY, SYNTHETIC_BASE_URL: emulator.url });
  {
    const { providers } = await new MastraClient({ baseUrl: server.baseUrl, retries: 0 }).listAgentsModelProviders();
    const registry = providers.find((p) => p.id === "synthetic");
    check(
      registry !== undefined && !sameList(registry.models),
      `without AUTO_BLOCK_EXTERNAL_PROVIDERS Studio lists Mastra's own snapshot for synthetic (${registry?.models.length} ids, ${registry?.models.filter((id) => !served.includes(id)).length} not served)`,
    );
  }
  await stopServer();

  server = await startServer(node22, {
    SYNTHETIC_API_KEY: KEY,
    SYNTHETIC_BASE_URL: emulator.url,
    AUTO_BLOCK_EXTERNAL_PROVIDERS: "true",
  });
  log(`server up at ${server.baseUrl}`);
  const client = new MastraClient({ baseUrl: server.baseUrl, retries: 0 });
  const agent = client.getAgent("assistant");

  emulator.script({ content: "Hello from Synthetic." });
  const generated = await agent.generate("Hello!");
  check(generated.text === "Hello from Synthetic.", "generate returns the model's text", generated.text);
  check(
    chat().at(-1)?.body.model === "hf:zai-org/GLM-5.2",
    "the request went to hf:zai-org/GLM-5.2",
    chat().at(-1)?.body.model,
  );
  check(chat().at(-1)?.headers.authorization === `Bearer ${KEY}`, "with the key from SYNTHETIC_API_KEY");

  // Headers per agent through the package: a model object carrying them, not a `{ url, id, headers }`
  // config (Mastra's router sends that past the gateway, splitting the id: test/mastra-object-form.e2e.test.ts).
  emulator.script({ reasoning: "Check the header.", content: "Tagged." });
  const tagged = await client.getAgent("support").generate("Hello!");
  check(
    tagged.text === "Tagged." && tagged.reasoningText === "Check the header.",
    "an agent on its own provider answers, reasoning parsed by the package",
  );
  check(
    chat().at(-1)?.headers["x-custom-header"] === "value" &&
      chat().at(-1)?.headers.authorization === `Bearer ${KEY}` &&
      chat().at(-1)?.body.model === "hf:zai-org/GLM-5.2",
    "with its header, the key and the whole model id",
  );

  // Chunks apart in time, as tokens arrive: the package hands on what one network read carried as one delta.
  emulator.script({ content: "Streaming works over HTTP.", chunkSize: 5, chunkDelayMs: 20 });
  const response = await agent.stream("Stream something.");
  let streamed = "";
  let deltas = 0;
  await response.processDataStream({
    onChunk: async (chunk) => {
      if (chunk.type === "text-delta") {
        streamed += chunk.payload.text;
        deltas++;
      }
    },
  });
  check(
    streamed === "Streaming works over HTTP." && deltas > 1,
    `stream delivers the text in ${deltas} deltas`,
    streamed,
  );
  check(chat().at(-1)?.body.stream === true, "the stream request streamed from the model");

  emulator.script(
    { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] },
    { content: "It is sunny in Paris, 24°C." },
  );
  const before = chat().length;
  const answered = await agent.generate("Weather in Paris?", { maxSteps: 3 });
  check(answered.text === "It is sunny in Paris, 24°C.", "a tool call round trip answers", answered.text);
  const toolTurn = JSON.stringify(chat()[before + 1]?.body.messages ?? []);
  check(
    chat().length === before + 2 && toolTurn.includes("Sunny, 24"),
    "the tool ran on the server and its result went back to the model",
  );
  const firstTools = chat()[before]?.body.tools ?? [];
  const offered = firstTools.map((t) => t.function?.name);
  check(offered.includes("weather"), "the tool was offered to the model under its key", offered);

  const { providers } = await client.listAgentsModelProviders();
  const synthetic = providers.find((p) => p.id === "synthetic");
  check(
    synthetic?.connected === true && sameList(synthetic.models),
    `Studio's provider list has Synthetic, connected, with exactly the ${served.length} models /models serves`,
    synthetic?.models,
  );
  check(synthetic.envVar === "SYNTHETIC_API_KEY", "named by its key variable", synthetic.envVar);
  emulator.script({ content: "Picked in Studio." });
  const picked = `synthetic/${synthetic.models[0]}`;
  // What Studio's model switcher does: POST /agents/:id/model { provider, modelId }.
  await agent.updateModel({ provider: "synthetic", modelId: synthetic.models[0] });
  const viaPicked = await agent.generate("hi").then(
    (r) => r.text,
    (e) => String(e?.message ?? e),
  );
  check(
    viaPicked === "Picked in Studio." && chat().at(-1)?.body.model === synthetic.models[0],
    `a model picked from that list (${picked}) runs through the gateway`,
    viaPicked,
  );
  await stopServer();

  // Without the key: /models needs none, so the list is still the live one.
  server = await startServer(node22, { SYNTHETIC_BASE_URL: emulator.url, AUTO_BLOCK_EXTERNAL_PROVIDERS: "true" });
  log("server restarted without SYNTHETIC_API_KEY, AUTO_BLOCK_EXTERNAL_PROVIDERS=true");
  const noKey = new MastraClient({ baseUrl: server.baseUrl, retries: 0 });
  const listed = await noKey.listAgentsModelProviders();
  const unauthenticated = listed.providers.find((p) => p.id === "synthetic");
  check(unauthenticated?.connected === false, "without the key Synthetic is listed as not connected");
  check(
    sameList(unauthenticated.models),
    `the list is still what /models serves (${unauthenticated.models.length} models)`,
  );
  const agents = await noKey.listAgents();
  check("assistant" in agents, "the server still lists its agents");
  const sentBefore = chat().length;
  const failure = await noKey
    .getAgent("assistant")
    .generate("Hello?")
    .then(
      () => "answered",
      (error) => String(error?.message ?? error),
    );
  check(
    failure !== "answered" && failure.includes("SYNTHETIC_API_KEY"),
    "generate fails naming SYNTHETIC_API_KEY",
    failure,
  );
  check(chat().length === sentBefore, "and nothing was sent to the API");
  check(server.child.exitCode === null, "the server is still running");
  log("mastra server check passed");
} catch (error) {
  console.error(error);
  if (server) console.error(`--- server output ---\n${server.output()}`);
  process.exitCode = 1;
} finally {
  await stopServer();
  await emulator?.close();
}
