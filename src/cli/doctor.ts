import { APICallError, LoadAPIKeyError } from "@ai-sdk/provider";
import { SyntheticConfigurationError } from "../errors";
import { describeFailedRequest, fetchLiveModels } from "../live-catalog";
import { API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL } from "../settings";
import { createSynthetic } from "../synthetic-provider";
import { VERSION } from "../version";
import { DEFAULT_CHAT_MODEL } from "./chat";
import { formatMs, type Terminal } from "./io";

export const DOCTOR_HELP = `Usage: mastra-synthetic doctor [--model <id>] [--base-url <url>]

Check the setup: ${API_KEY_ENV} is set, the base URL answers GET /models, and a one-token
chat request succeeds. Each failure comes with its fix. Exit code 1 when a check fails.

Options:
  -m, --model <id>  Model for the one-token request (default: ${DEFAULT_CHAT_MODEL})
  --base-url <url>  API base URL`;

export const DOCTOR_OPTIONS = { model: { type: "string", short: "m" } } as const;

const REQUEST_TIMEOUT_MS = 15_000;

type Check = { ok: true; detail: string } | { ok: false; detail: string; fix: string } | { skipped: string };

export async function doctor(
  t: Terminal,
  options: { baseURL: string | undefined; model: string | undefined },
): Promise<number> {
  const { env } = t.io;
  const modelId = options.model ?? DEFAULT_CHAT_MODEL;
  const envBase = env[BASE_URL_ENV] || undefined;
  const baseURL = options.baseURL ?? envBase ?? DEFAULT_BASE_URL;
  const from = options.baseURL ? "--base-url" : envBase ? BASE_URL_ENV : "default";
  t.out(`${t.bold("mastra-synthetic doctor")} ${VERSION}\n${t.dim(`base URL ${baseURL} (${from})`)}\n\n`);
  let failed = 0;
  const report = (name: string, check: Check): boolean => {
    if ("skipped" in check) t.out(`${t.dim(`- ${name}: skipped (${check.skipped})`)}\n`);
    else if (check.ok) t.out(`${t.green("✓")} ${name}: ${check.detail}\n`);
    else {
      failed++;
      t.out(`${t.red("✗")} ${name}: ${check.detail}\n  ${t.bold("fix:")} ${check.fix}\n`);
    }
    return "ok" in check && check.ok;
  };
  const baseFix = `check ${from === "default" ? "your network or proxy" : `${from} (${baseURL})`}; ${from === "default" ? "" : `unset it to use ${DEFAULT_BASE_URL}; `}the base URL ends in /openai/v1.`;

  const keyOk = report(
    "API key",
    env[API_KEY_ENV]
      ? { ok: true, detail: `${API_KEY_ENV} is set` }
      : {
          ok: false,
          detail: `${API_KEY_ENV} is not set`,
          fix: `export ${API_KEY_ENV}=<your key> (create one at https://synthetic.new).`,
        },
  );

  let reachable: Check;
  try {
    const started = performance.now();
    const { models: listed } = await t.withProgress(`GET ${baseURL}/models`, () =>
      fetchLiveModels({ baseURL, readTimeoutMs: REQUEST_TIMEOUT_MS }),
    );
    reachable =
      listed.length > 0
        ? { ok: true, detail: `GET /models listed ${listed.length} models in ${formatMs(performance.now() - started)}` }
        : { ok: false, detail: "GET /models listed no models", fix: baseFix };
  } catch (error) {
    reachable = { ok: false, detail: describeFailedRequest(error), fix: fixFor(error, baseFix) };
  }
  const reachableOk = report("Base URL reachable", reachable);

  let request: Check;
  if (!keyOk || !reachableOk) {
    request = { skipped: `needs ${keyOk ? "a reachable base URL" : `${API_KEY_ENV}`}` };
  } else {
    try {
      const model = createSynthetic({ baseURL }).chatModel(modelId);
      const started = performance.now();
      const result = await t.withProgress(`one-token request to ${model.modelId}`, () =>
        model.doGenerate({
          prompt: [{ role: "user", content: [{ type: "text", text: "Say OK." }] }],
          maxOutputTokens: 1,
          abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 2),
        }),
      );
      const tokens = result.usage.outputTokens;
      request = {
        ok: true,
        detail: `${model.modelId} answered in ${formatMs(performance.now() - started)} (${tokens ?? "?"} output token${tokens === 1 ? "" : "s"})`,
      };
    } catch (error) {
      request = { ok: false, detail: describeFailedRequest(error), fix: fixFor(error, baseFix) };
    }
  }
  report("One-token request", request);

  t.out(
    failed === 0
      ? `\n${t.green("All checks passed.")}\n`
      : `\n${t.red(`${failed} check${failed === 1 ? "" : "s"} did not pass.`)}\n`,
  );
  return failed === 0 ? 0 : 1;
}

function fixFor(error: unknown, baseFix: string): string {
  if (SyntheticConfigurationError.isInstance(error)) return error.fix;
  if (LoadAPIKeyError.isInstance(error)) return `export ${API_KEY_ENV}=<your key>.`;
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403) {
      return `the key was rejected: check ${API_KEY_ENV} for typos or a revoked key; create a new one at https://synthetic.new.`;
    }
    if (status === 402) return "add credits or upgrade the plan at https://synthetic.new.";
    if (status === 429) return "rate-limited: wait for the reset (`mastra-synthetic quota`) or upgrade the plan.";
    if (status === 404) return `the URL is wrong: ${baseFix}`;
    if (status !== undefined && status >= 500)
      return "Synthetic (or the server at the base URL) failed; try again later.";
    if (status === 400) return "the request was rejected: try another model with --model.";
  }
  return baseFix;
}
