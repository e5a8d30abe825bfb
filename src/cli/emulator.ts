import { API_KEY_ENV, BASE_URL_ENV } from "../settings";
import { startSyntheticEmulator } from "../testing/server";
import type { SyntheticEmulator } from "../testing/types";
import { isScenario, SCENARIO_NAMES, SCENARIOS } from "./emulator-scenarios";
import { type Terminal, UsageError } from "./io";

export const DEFAULT_EMULATOR_PORT = 7070;

export const EMULATOR_HELP = `Usage: mastra-synthetic emulator [--port <n>] [--scenario <name>] [--api-key <key>] [--serve-retired]

Run a local emulator of the Synthetic API (the one in mastra-synthetic/testing) until stopped
with Ctrl+C, and print the SYNTHETIC_BASE_URL that points the package at it. No key, network or
credits needed; answers are made up or follow the scenario.

Options:
  -p, --port <n>         Port on 127.0.0.1 (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free one)
  -s, --scenario <name>  What every request gets (default echo), one of:
${SCENARIO_NAMES.map((name) => `      ${name.padEnd(18)}${SCENARIOS[name].about}`).join("\n")}
  --api-key <key>        Accept only this key (default: any non-empty key)
  --serve-retired        Answer retired models too (by default they get 404, as from Synthetic)`;

export const EMULATOR_OPTIONS = {
  port: { type: "string", short: "p" },
  scenario: { type: "string", short: "s" },
  "api-key": { type: "string" },
  "serve-retired": { type: "boolean" },
} as const;

/** Resolves when the process is asked to stop (SIGINT, SIGTERM) or `stop` aborts. */
function untilStopped(stop: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(why);
    };
    const onInt = () => done("SIGINT");
    const onTerm = () => done("SIGTERM");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
    if (stop?.aborted) done("stop");
    stop?.addEventListener("abort", () => done("stop"), { once: true });
  });
}

export async function emulator(
  t: Terminal,
  options: {
    port: string | undefined;
    scenario: string | undefined;
    apiKey: string | undefined;
    serveRetired: boolean;
  },
): Promise<number> {
  const port = options.port === undefined ? DEFAULT_EMULATOR_PORT : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port takes a port number from 0 to 65535 (got "${options.port}").`, { cause: "emulator" });
  }
  const scenario = options.scenario ?? "echo";
  if (!isScenario(scenario)) {
    throw new UsageError(`unknown scenario "${scenario}": use one of ${SCENARIO_NAMES.join(", ")}.`, {
      cause: "emulator",
    });
  }
  let running: SyntheticEmulator;
  try {
    running = await startSyntheticEmulator({
      port,
      apiKey: options.apiKey ?? null,
      retiredModels: options.serveRetired ? "serve" : "reject",
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === "EADDRINUSE") {
      throw new Error(`port ${port} on 127.0.0.1 is in use: pass --port <n> (0 picks a free one).`);
    }
    throw error;
  }
  const { reply } = SCENARIOS[scenario];
  running.setDefault((request) => {
    const model = (request.body as { model?: unknown } | undefined)?.model;
    t.out(`${t.dim(new Date().toISOString().slice(11, 19))} ${request.method} ${request.path} ${String(model)}\n`);
    return reply(request);
  });
  t.out(
    `${t.bold("Synthetic emulator")} listening on ${running.origin} (scenario: ${scenario})\n\n` +
      "Point mastra-synthetic at it (in .env or the shell that runs your app):\n" +
      `  ${BASE_URL_ENV}=${running.url}\n` +
      `  ${API_KEY_ENV}=${options.apiKey ?? "any-non-empty-value"}\n\n` +
      `${t.dim("Ctrl+C stops it.")}\n`,
  );
  const why = await untilStopped(t.io.stop);
  await running.close();
  t.out(`\nemulator stopped (${why}); ${running.requests.length} requests received.\n`);
  return 0;
}
