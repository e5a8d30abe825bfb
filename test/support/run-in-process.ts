/**
 * Runs a TypeScript program inside the test worker, the way `tsx <file>` would run it as a process:
 * its own environment variables, its console and stdout captured, and "exit code 0" meaning the
 * module evaluated without throwing and did not set `process.exitCode`. Mastra, the AI SDK and the
 * package load once per worker instead of once per program, which is what makes the docs and
 * examples suites fast. Programs must run one at a time (the environment and console are global).
 */
import { Console } from "node:console";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";

export type InProcessResult = {
  /** What the module threw (or the timeout), `undefined` when it ran to the end. */
  error: unknown;
  /** `process.exitCode` as the program left it. */
  exitCode: number | string | undefined;
  stdout: string;
  stderr: string;
};

let running = false;

/** `env` entries set to `undefined` are removed for the run; everything is restored afterwards. */
export async function runInProcess(
  path: string,
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<InProcessResult> {
  if (running) throw new Error("runInProcess: one program at a time (environment and console are global)");
  running = true;
  const savedEnv = { ...process.env };
  const savedConsole = globalThis.console;
  const savedOut = process.stdout.write;
  const savedErr = process.stderr.write;
  const savedExitCode = process.exitCode;
  process.exitCode = undefined;

  const output = { stdout: "", stderr: "" };
  const sink = (stream: keyof typeof output) =>
    new Writable({
      write(chunk, _encoding, done) {
        output[stream] += String(chunk);
        done();
      },
    });
  const capture = (stream: keyof typeof output) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;

  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  globalThis.console = new Console({ stdout: sink("stdout"), stderr: sink("stderr"), colorMode: false });
  process.stdout.write = capture("stdout");
  process.stderr.write = capture("stderr");

  let timer: NodeJS.Timeout | undefined;
  let error: unknown;
  let exitCode: InProcessResult["exitCode"];
  try {
    await Promise.race([
      import(pathToFileURL(path).href),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${path} did not finish within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (thrown) {
    error = thrown;
  } finally {
    clearTimeout(timer);
    exitCode = process.exitCode;
    process.exitCode = savedExitCode;
    globalThis.console = savedConsole;
    process.stdout.write = savedOut;
    process.stderr.write = savedErr;
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    running = false;
  }
  return { error, exitCode, ...output };
}

/** The captured run as one text, for assertion messages. */
export function describeRun(result: InProcessResult): string {
  const thrown = result.error instanceof Error ? (result.error.stack ?? result.error.message) : result.error;
  return `--- threw\n${String(thrown ?? "")}\n--- exitCode ${String(result.exitCode)}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
