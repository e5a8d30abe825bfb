#!/usr/bin/env node
/**
 * `mastra-synthetic`: the model catalog, plan usage, a streaming chat and a setup check, at a
 * terminal. Exit codes: 0 ok, 1 runtime or API failure, 2 usage error.
 *
 * Runs from the packed tarball with runtime dependencies only: chat streams through the
 * provider's `doStream`, not the `ai` package. `main` takes its streams and environment as
 * arguments, so tests run it in-process; the process runs it when this file is the entry.
 */
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { APICallError } from "@ai-sdk/provider";
import { SyntheticConfigurationError } from "../errors";
import { describeFailedRequest } from "../live-catalog";
import { API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL } from "../settings";
import { createSynthetic } from "../synthetic-provider";
import { VERSION } from "../version";
import { CHAT_HELP, CHAT_OPTIONS, chat } from "./chat";
import { DOCTOR_HELP, DOCTOR_OPTIONS, doctor } from "./doctor";
import { EMULATOR_HELP, EMULATOR_OPTIONS, emulator } from "./emulator";
import { type CliIo, terminal, UsageError } from "./io";
import { MODELS_HELP, MODELS_OPTIONS, models } from "./models";
import { QUOTA_HELP, QUOTA_OPTIONS, quota } from "./quota";

const BIN = "mastra-synthetic";

const MAIN_HELP = `Usage: ${BIN} <command> [options]

Synthetic (synthetic.new) at a terminal.

Commands:
  models            List models: id, context, tools, reasoning, image, $/1M in/out, source
  quota             Show plan usage with reset times
  chat "prompt"     Stream an answer, then tokens, cost and time to first token
  doctor            Check the API key, the base URL and a one-token request
  emulator          Run a local Synthetic emulator and print the SYNTHETIC_BASE_URL to set

Options:
  --base-url <url>  API base URL (default: $${BASE_URL_ENV}, else ${DEFAULT_BASE_URL})
  -h, --help        Show help; "${BIN} <command> --help" for a command
  -v, --version     Print the version

Environment:
  ${API_KEY_ENV}   API key, needed by quota, chat and doctor (https://synthetic.new)
  ${BASE_URL_ENV}  Base URL, as --base-url
  NO_COLOR            Plain output even on a terminal

Exit codes: 0 ok, 1 runtime or API failure, 2 usage error.`;

const common = { "base-url": { type: "string" }, help: { type: "boolean", short: "h" } } as const;
const COMMANDS = {
  models: { help: MODELS_HELP, options: { ...common, ...MODELS_OPTIONS } },
  quota: { help: QUOTA_HELP, options: { ...common, ...QUOTA_OPTIONS } },
  chat: { help: CHAT_HELP, options: { ...common, ...CHAT_OPTIONS } },
  doctor: { help: DOCTOR_HELP, options: { ...common, ...DOCTOR_OPTIONS } },
  // Serves a base URL instead of reading one.
  emulator: { help: EMULATOR_HELP, options: { help: common.help, ...EMULATOR_OPTIONS } },
} as const;
type Command = keyof typeof COMMANDS;

/** The process's own streams and environment. */
function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readFileSync(0, "utf8"),
    env: process.env,
  };
}

/**
 * Runs one command line and returns its exit code; errors are printed, never thrown. The
 * library reads `SYNTHETIC_API_KEY` / `SYNTHETIC_BASE_URL` from `process.env` itself, so
 * `io.env` should be `process.env` or agree with it.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const t = terminal(io);
  try {
    return await run(argv, t);
  } catch (error) {
    const { code, message } = exitCodeFor(error);
    t.err(`${t.red("error:")} ${message}\n`);
    return code;
  }
}

async function run(argv: string[], t: ReturnType<typeof terminal>): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic && !(topic in COMMANDS)) throw new UsageError(`unknown command "${topic}".`);
    // Bare `mastra-synthetic` is a usage error: the help goes to stderr with exit code 2.
    (first === undefined ? t.err : t.out)(`${topic ? COMMANDS[topic as Command].help : MAIN_HELP}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === "-v" || first === "--version") {
    t.out(`${VERSION}\n`);
    return 0;
  }
  if (!(first in COMMANDS)) {
    throw new UsageError(
      first.startsWith("-") ? `expected a command before "${first}".` : `unknown command "${first}".`,
    );
  }
  const command = first as Command;
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    // One options table per command; the union of their value types is read through this view.
    parsed = parseArgs({
      args: rest,
      options: COMMANDS[command].options,
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, ".")}`, { cause: command });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    t.out(`${COMMANDS[command].help}\n`);
    return 0;
  }
  if (command !== "chat" && positionals.length > 0) {
    throw new UsageError(`${command} takes no arguments (got "${positionals.join(" ")}").`, { cause: command });
  }
  const baseURL = values["base-url"] as string | undefined;
  const string = (name: string) => values[name] as string | undefined;
  // A malformed --base-url (or SYNTHETIC_BASE_URL) is a usage error here; doctor reports it as a check.
  let resolvedBaseURL = DEFAULT_BASE_URL;
  if (command !== "doctor" && command !== "emulator") {
    try {
      resolvedBaseURL = createSynthetic({ baseURL }).baseURL;
    } catch (error) {
      if (!SyntheticConfigurationError.isInstance(error)) throw error;
      throw new UsageError(error.message.replace(/^baseURL\b/, "--base-url"), { cause: command });
    }
  }
  switch (command) {
    case "models":
      return models(t, {
        baseURL,
        resolvedBaseURL,
        live: Boolean(values.live),
        all: Boolean(values.all),
        json: Boolean(values.json),
      });
    case "quota":
      return quota(t, { baseURL, resolvedBaseURL, json: Boolean(values.json) });
    case "chat":
      return chat(t, {
        baseURL,
        positionals,
        model: string("model"),
        effort: string("effort"),
        maxTokens: string("max-tokens"),
        hideReasoning: Boolean(values["hide-reasoning"]),
      });
    case "doctor":
      return doctor(t, { baseURL, model: string("model") });
    case "emulator":
      return emulator(t, {
        port: string("port"),
        scenario: string("scenario"),
        apiKey: string("api-key"),
        serveRetired: Boolean(values["serve-retired"]),
      });
  }
}

function exitCodeFor(error: unknown): { code: number; message: string } {
  if (error instanceof UsageError) {
    const command = typeof error.cause === "string" ? ` ${error.cause}` : "";
    return { code: 2, message: `${error.message}\nRun \`${BIN}${command} --help\` for usage.` };
  }
  // Bad model ids, --effort values or --base-url are how the command was called: usage errors.
  if (SyntheticConfigurationError.isInstance(error)) return { code: 2, message: error.message };
  if (APICallError.isInstance(error)) {
    const hint = error.statusCode === 401 ? ` Check ${API_KEY_ENV}.` : "";
    return { code: 1, message: `${describeFailedRequest(error)}${hint}` };
  }
  return { code: 1, message: error instanceof Error ? error.message : String(error) };
}

// Run when this file is the process's entry (the bin symlink resolves to it), not when imported.
function isEntry(): boolean {
  try {
    return realpathSync(process.argv[1] ?? "") === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (isEntry()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
