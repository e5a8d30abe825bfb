/**
 * Setup file (vitest.shared.ts): test files share a worker's modules (`isolate: false`), so each
 * one starts from the environment the worker started with and leaves no stub, spy or fake timer
 * behind for the next file.
 */
import { afterAll, vi } from "vitest";

const env = { ...process.env };

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
});
