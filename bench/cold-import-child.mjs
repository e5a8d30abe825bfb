// Cold import in a fresh process, run by bench/rows/cold-import.ts with plain `node` (no tsx,
// no loader), so only the module graph of the import is on the clock.
//   node cold-import-child.mjs time <specifier> [preload...]
//                                                 -> prints {"ms": <wall>, "cpu": <CPU ms>} of the import,
//                                                    after importing each preload off the clock
//   node cold-import-child.mjs esm <specifier>    -> prints {"urls": [every module URL resolved]}
//   node cold-import-child.mjs cjs <path>         -> prints {"files": [require.cache keys]}
import { createRequire, register } from "node:module";
import { performance } from "node:perf_hooks";
import { MessageChannel } from "node:worker_threads";

const [mode, specifier, ...preloads] = process.argv.slice(2);

if (mode === "time") {
  for (const preload of preloads) await import(preload);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await import(specifier);
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuStart);
  process.stdout.write(JSON.stringify({ ms, cpu: (user + system) / 1000 }));
} else if (mode === "esm") {
  // A resolve hook sees every module the ESM loader resolves, on its own thread; it reports
  // each URL over a port.
  const urls = [];
  const { port1, port2 } = new MessageChannel();
  port1.on("message", (url) => urls.push(url));
  port1.unref();
  const hooks = `
    let port;
    export function initialize(data) { port = data.port; }
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      port.postMessage(result.url);
      return result;
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, {
    data: { port: port2 },
    transferList: [port2],
  });
  await import(specifier);
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.stdout.write(JSON.stringify({ urls }));
} else if (mode === "cjs") {
  const require = createRequire(import.meta.url);
  require(specifier);
  process.stdout.write(JSON.stringify({ files: Object.keys(require.cache) }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
