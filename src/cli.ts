#!/usr/bin/env node
/**
 * `mastra-synthetic`: the model catalog, plan usage, a streaming chat and a setup check, at a
 * terminal. Exit codes: 0 ok, 1 runtime or API failure, 2 usage error.
 *
 * Runs from the packed tarball with runtime dependencies only: chat streams through the
 * provider's `doStream`, not the `ai` package.
 */
import { readFileSync } from "node:fs";
import { parseArgs, stripVTControlCharacters } from "node:util";
import { APICallError, type LanguageModelV2Usage, LoadAPIKeyError } from "@ai-sdk/provider";
import { listModels } from "./catalog";
import type { SyntheticModelInfo } from "./catalog-schema";
import { SyntheticConfigurationError } from "./errors";
import { describeError, fetchLiveModels, LiveCatalog } from "./live-catalog";
import { getQuota, listQuotaWindows, type NamedQuotaWindow } from "./quota";
import { API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL } from "./settings";
import type { SyntheticProviderMetadata } from "./synthetic-chat-model";
import { createSynthetic } from "./synthetic-provider";
import { VERSION } from "./version";

const BIN = "mastra-synthetic";
const DEFAULT_CHAT_MODEL = "hf:zai-org/GLM-4.6";
const REQUEST_TIMEOUT_MS = 15_000;

const HELP = {
  main: `Usage: ${BIN} <command> [options]

Synthetic (synthetic.new) at a terminal.

Commands:
  models            List models: id, context, tools, reasoning, image, $/1M in/out
  quota             Show plan usage with reset times
  chat "prompt"     Stream an answer, then tokens, cost and time to first token
  doctor            Check the API key, the base URL and a one-token request

Options:
  --base-url <url>  API base URL (default: $${BASE_URL_ENV}, else ${DEFAULT_BASE_URL})
  -h, --help        Show help; "${BIN} <command> --help" for a command
  -v, --version     Print the version

Environment:
  ${API_KEY_ENV}   API key, needed by quota, chat and doctor (https://synthetic.new)
  ${BASE_URL_ENV}  Base URL, as --base-url
  NO_COLOR            Plain output even on a terminal

Exit codes: 0 ok, 1 runtime or API failure, 2 usage error.`,
  models: `Usage: ${BIN} models [--live] [--json] [--base-url <url>]

List the model catalog: id, context window, tools, reasoning, image input, and USD per 1M
input/output tokens.

Options:
  --live            Read GET /models and merge it over the bundled catalog (no key needed)
  --json            Print the entries as JSON
  --base-url <url>  API base URL (with --live)`,
  quota: `Usage: ${BIN} quota [--json] [--base-url <url>]

Show how much of the plan is used (GET /v2/quotas, which counts against no limit), with bars
and reset times. Needs ${API_KEY_ENV}.

Options:
  --json            Print the response as JSON
  --base-url <url>  API base URL`,
  chat: `Usage: ${BIN} chat [--model <id>] [options] "prompt"

Stream an answer. Reasoning is shown first, marked with "│" (dimmed on a terminal), then the
answer; a summary line with tokens, cost and time to first token follows on stderr.
A prompt of "-" is read from stdin. Needs ${API_KEY_ENV}.

Options:
  -m, --model <id>      Model id, e.g. hf:MiniMaxAI/MiniMax-M2 (default: ${DEFAULT_CHAT_MODEL})
  --effort <level>      reasoning_effort, one of the model's efforts (see "${BIN} models --json")
  --max-tokens <n>      Largest answer in tokens
  --hide-reasoning      Do not print reasoning
  --base-url <url>      API base URL`,
  doctor: `Usage: ${BIN} doctor [--model <id>] [--base-url <url>]

Check the setup: ${API_KEY_ENV} is set, the base URL answers GET /models, and a one-token
chat request succeeds. Each failure comes with its fix. Exit code 1 when a check fails.

Options:
  -m, --model <id>  Model for the one-token request (default: ${DEFAULT_CHAT_MODEL})
  --base-url <url>  API base URL`,
} as const;
type Command = Exclude<keyof typeof HELP, "main">;

/** Wrong arguments: exit 2 with the message and a pointer to --help. */
class UsageError extends Error {}

const common = { "base-url": { type: "string" }, help: { type: "boolean", short: "h" } } as const;
const OPTIONS = {
  models: { ...common, live: { type: "boolean" }, json: { type: "boolean" } },
  quota: { ...common, json: { type: "boolean" } },
  chat: {
    ...common,
    model: { type: "string", short: "m" },
    effort: { type: "string" },
    "max-tokens": { type: "string" },
    "hide-reasoning": { type: "boolean" },
  },
  doctor: { ...common, model: { type: "string", short: "m" } },
} as const;

/** The base URL requests go to (flag, else env, else default), for messages. */
let resolvedBaseURL = DEFAULT_BASE_URL;

const out = process.stdout;
const err = process.stderr;
const env = process.env;
// NO_COLOR: any non-empty value disables colour (https://no-color.org).
const color = Boolean(out.isTTY) && !env.NO_COLOR;
const style = (code: string, reset: string) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[${reset}m` : text);
const dim = style("2", "22");
const bold = style("1", "22");
const red = style("31", "39");
const green = style("32", "39");
const yellow = style("33", "39");

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic && !(topic in OPTIONS)) throw new UsageError(`unknown command "${topic}".`);
    // Bare `mastra-synthetic` is a usage error: the help goes to stderr with exit code 2.
    (first === undefined ? err : out).write(`${HELP[(topic as Command | undefined) ?? "main"]}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === "-v" || first === "--version") {
    out.write(`${VERSION}\n`);
    return 0;
  }
  if (!(first in OPTIONS)) {
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
      options: OPTIONS[command],
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, ".")}`, { cause: command });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(`${HELP[command]}\n`);
    return 0;
  }
  if (command !== "chat" && positionals.length > 0) {
    throw new UsageError(`${command} takes no arguments (got "${positionals.join(" ")}").`, { cause: command });
  }
  const baseURL = values["base-url"] as string | undefined;
  // A malformed --base-url (or SYNTHETIC_BASE_URL) is a usage error here; doctor reports it as a check.
  if (command !== "doctor") {
    try {
      resolvedBaseURL = createSynthetic({ baseURL }).baseURL;
    } catch (error) {
      if (!SyntheticConfigurationError.isInstance(error)) throw error;
      throw new UsageError(error.message.replace(/^baseURL\b/, "--base-url"), { cause: command });
    }
  }
  switch (command) {
    case "models":
      return models(baseURL, Boolean(values.live), Boolean(values.json));
    case "quota":
      return quota(baseURL, Boolean(values.json));
    case "chat":
      return chat(baseURL, positionals, values);
    case "doctor":
      return doctor(baseURL, (values.model as string | undefined) ?? DEFAULT_CHAT_MODEL);
  }
}

// ---------------------------------------------------------------------------------------------
// models

async function models(baseURL: string | undefined, live: boolean, json: boolean): Promise<number> {
  let list: SyntheticModelInfo[] = listModels();
  let liveIds: Set<string> | undefined;
  if (live) {
    const snapshot = await withProgress(`GET ${resolvedBaseURL}/models`, () =>
      new LiveCatalog({ baseURL, timeoutMs: REQUEST_TIMEOUT_MS, ttlMs: 0, logger: () => {} }).load(),
    );
    // Asked for live data explicitly: a fallback would look like success, so fail instead.
    if (snapshot.source !== "live") {
      throw new Error(
        `could not read the live model list: ${describeError(snapshot.error).replace(/\.$/, "")}. Run without --live for the bundled catalog.`,
      );
    }
    // The catalog's order (chat models by id, then embeddings), whatever order /models used.
    list = [...snapshot.models].sort(
      (a, b) =>
        Number(a.kind !== "chat") - Number(b.kind !== "chat") ||
        a.id.toLowerCase().localeCompare(b.id.toLowerCase(), "en"),
    );
    liveIds = new Set(snapshot.liveIds);
  }
  if (json) {
    out.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const rows = list.map((m) => [
    `${m.id}${liveIds && !liveIds.has(m.id) ? " *" : ""}${m.deprecated ? " (deprecated)" : ""}`,
    formatContext(m.contextWindow),
    yesNo(m.kind === "chat" && m.tools),
    yesNo(m.reasoning),
    yesNo(m.input.includes("image")),
    formatPrice(m.cost.input),
    formatPrice(m.cost.output),
  ]);
  out.write(`${table(["MODEL", "CONTEXT", "TOOLS", "REASONING", "IMAGE", "IN $/1M", "OUT $/1M"], rows, [1, 5, 6])}\n`);
  const bundledOnly = liveIds ? list.filter((m) => !liveIds.has(m.id)).length : 0;
  const source = live
    ? `live list from ${resolvedBaseURL} merged over the bundled catalog${bundledOnly ? `; * = ${bundledOnly} bundled only, not listed live` : ""}`
    : "bundled catalog; --live reads /models";
  out.write(dim(`\n${list.length} models (${source}). Prices in USD per 1M tokens.\n`));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// quota

const QUOTA_LABELS: Record<string, string> = {
  subscription: "Subscription requests",
  "search.hourly": "Search (hourly)",
  freeToolCalls: "Free tool calls",
  weeklyTokenLimit: "Weekly tokens",
  rollingFiveHourLimit: "Rolling 5-hour limit",
};

async function quota(baseURL: string | undefined, json: boolean): Promise<number> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const body = await withProgress("GET /v2/quotas", () => getQuota({ baseURL, abortSignal: timeout })).catch(
    (error: unknown) => {
      if (!timeout.aborted) throw error;
      throw new Error(`GET /v2/quotas at ${resolvedBaseURL} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s.`);
    },
  );
  if (json) {
    out.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const windows = listQuotaWindows(body);
  if (windows.length === 0) {
    out.write("No usage limits reported for this plan (GET /v2/quotas returned no limits).\n");
    return 0;
  }
  const now = Date.now();
  const rows = windows.map(({ name, window }) => quotaRow(name, window, now));
  out.write(`${table(["LIMIT", "USAGE", "USED", "%", "RESETS"], rows, [2, 3])}\n`);
  return 0;
}

function quotaRow(name: string, window: NamedQuotaWindow["window"], now: number): string[] {
  const used = window.requests ?? 0;
  const ratio = window.limit > 0 ? used / window.limit : used > 0 ? 1 : 0;
  const cells = 20;
  const filled = Math.min(cells, Math.round(ratio * cells));
  const paint = ratio >= 0.9 ? red : ratio >= 0.7 ? yellow : green;
  const bar = `${paint("█".repeat(filled))}${dim("░".repeat(cells - filled))}`;
  return [
    QUOTA_LABELS[name] ?? name,
    bar,
    `${formatNumber(used)} / ${formatNumber(window.limit)}`,
    `${Math.round(ratio * 100)}%${ratio > 1 ? " (over)" : ""}`,
    formatReset(window.renewsAt, now),
  ];
}

/** `in 2h 14m (2026-01-01 14:00 UTC)`; relative first, absolute in UTC so it reads the same anywhere. */
function formatReset(renewsAt: string | undefined, now: number): string {
  if (!renewsAt) return "—";
  const at = Date.parse(renewsAt);
  if (Number.isNaN(at)) return renewsAt;
  const absolute = new Date(at)
    .toISOString()
    .replace("T", " ")
    .replace(/:\d\d\.\d+Z$/, " UTC");
  const ms = at - now;
  const span = formatSpan(Math.abs(ms));
  return `${ms >= 0 ? `in ${span}` : `${span} ago`} (${absolute})`;
}

function formatSpan(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "<1m";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  return hours > 0 ? `${hours}h ${mins}m` : `${mins}m`;
}

// ---------------------------------------------------------------------------------------------
// chat

async function chat(
  baseURL: string | undefined,
  positionals: string[],
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  let prompt = positionals.join(" ");
  if (prompt === "-") prompt = readFileSync(0, "utf8");
  if (prompt.trim() === "") throw new UsageError('chat needs a prompt, e.g. chat "Hello".', { cause: "chat" });
  const maxTokensText = values["max-tokens"] as string | undefined;
  const maxOutputTokens = maxTokensText === undefined ? undefined : Number(maxTokensText);
  if (maxOutputTokens !== undefined && !(Number.isInteger(maxOutputTokens) && maxOutputTokens > 0)) {
    throw new UsageError(`--max-tokens must be a positive integer (got "${maxTokensText}").`, { cause: "chat" });
  }
  const effort = values.effort as string | undefined;
  const showReasoning = !values["hide-reasoning"];
  const model = createSynthetic({ baseURL }).chatModel((values.model as string | undefined) ?? DEFAULT_CHAT_MODEL);

  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  process.once("SIGINT", onInterrupt);
  const progress = startProgress(`waiting for ${model.modelId}`);
  const started = performance.now();
  let firstTokenAt: number | undefined;
  let mode: "none" | "reasoning" | "text" = "none";
  let lineStart = true;
  let usage: LanguageModelV2Usage | undefined;
  let metadata: SyntheticProviderMetadata | undefined;
  let finishReason = "unknown";
  const firstToken = () => {
    if (firstTokenAt !== undefined) return;
    firstTokenAt = performance.now();
    progress.stop();
  };
  const writeReasoning = (delta: string) => {
    // Each reasoning line is marked so it stays distinguishable without colour (pipes, NO_COLOR).
    let text = "";
    for (const ch of delta) {
      if (lineStart) text += "│ ";
      text += ch;
      lineStart = ch === "\n";
    }
    out.write(dim(text));
  };
  try {
    const { stream } = await model.doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: prompt }] }],
      maxOutputTokens,
      providerOptions: effort ? { synthetic: { reasoningEffort: effort } } : undefined,
      abortSignal: abort.signal,
    });
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const part = next.value;
      switch (part.type) {
        case "stream-start":
          for (const warning of part.warnings) {
            const text = "details" in warning && warning.details ? warning.details : JSON.stringify(warning);
            err.write(`${yellow("warning:")} ${text}\n`);
          }
          break;
        case "reasoning-delta":
          if (part.delta === "") break;
          firstToken();
          if (!showReasoning) break;
          if (mode === "text") out.write("\n\n");
          if (mode !== "reasoning") lineStart = true;
          mode = "reasoning";
          writeReasoning(part.delta);
          break;
        case "text-delta":
          if (part.delta === "") break;
          firstToken();
          if (mode === "reasoning") out.write("\n\n");
          mode = "text";
          out.write(part.delta);
          break;
        case "error":
          throw part.error;
        case "finish":
          usage = part.usage;
          metadata = part.providerMetadata?.synthetic as SyntheticProviderMetadata | undefined;
          finishReason = part.finishReason;
          break;
      }
    }
  } catch (error) {
    if (abort.signal.aborted) {
      out.write("\n");
      err.write("interrupted\n");
      return 130;
    }
    if (mode !== "none") out.write("\n");
    throw error;
  } finally {
    progress.stop();
    process.off("SIGINT", onInterrupt);
  }
  if (mode !== "none") out.write("\n");
  const ended = performance.now();
  const cost = metadata?.cost;
  const cached = usage?.cachedInputTokens ? ` (${usage.cachedInputTokens} cached)` : "";
  const reasoningTokens = usage?.reasoningTokens ? ` (${usage.reasoningTokens} reasoning)` : "";
  const summary = [
    `tokens ${usage?.inputTokens ?? "?"} in${cached} / ${usage?.outputTokens ?? "?"} out${reasoningTokens}`,
    cost ? `cost ${formatUsd(cost.total)}` : "cost unknown (model not in the catalog)",
    `first token ${firstTokenAt === undefined ? "—" : formatMs(firstTokenAt - started)}`,
    `total ${formatMs(ended - started)}`,
    ...(finishReason === "length" ? ["stopped at the token limit"] : []),
  ].join(" · ");
  err.write(`${dim(`${model.modelId} · ${summary}`)}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// doctor

type Check = { ok: true; detail: string } | { ok: false; detail: string; fix: string } | { skipped: string };

async function doctor(baseURLFlag: string | undefined, modelId: string): Promise<number> {
  const envBase = env[BASE_URL_ENV] || undefined;
  const baseURL = baseURLFlag ?? envBase ?? DEFAULT_BASE_URL;
  const from = baseURLFlag ? "--base-url" : envBase ? BASE_URL_ENV : "default";
  out.write(`${bold(`${BIN} doctor`)} ${VERSION}\n${dim(`base URL ${baseURL} (${from})`)}\n\n`);
  let failed = 0;
  const report = (name: string, check: Check): boolean => {
    if ("skipped" in check) out.write(`${dim(`- ${name}: skipped (${check.skipped})`)}\n`);
    else if (check.ok) out.write(`${green("✓")} ${name}: ${check.detail}\n`);
    else {
      failed++;
      out.write(`${red("✗")} ${name}: ${check.detail}\n  ${bold("fix:")} ${check.fix}\n`);
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
    const { models: listed } = await withProgress(`GET ${baseURL}/models`, () =>
      fetchLiveModels({ baseURL, timeoutMs: REQUEST_TIMEOUT_MS }),
    );
    reachable =
      listed.length > 0
        ? { ok: true, detail: `GET /models listed ${listed.length} models in ${formatMs(performance.now() - started)}` }
        : { ok: false, detail: "GET /models listed no models", fix: baseFix };
  } catch (error) {
    reachable = { ok: false, detail: describeError(error), fix: fixFor(error, baseFix) };
  }
  const reachableOk = report("Base URL reachable", reachable);

  let request: Check;
  if (!keyOk || !reachableOk) {
    request = { skipped: `needs ${keyOk ? "a reachable base URL" : `${API_KEY_ENV}`}` };
  } else {
    try {
      const model = createSynthetic({ baseURL }).chatModel(modelId);
      const started = performance.now();
      const result = await withProgress(`one-token request to ${model.modelId}`, () =>
        model.doGenerate({
          prompt: [{ role: "user", content: [{ type: "text", text: "Say OK." }] }],
          maxOutputTokens: 1,
          abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 2),
        }),
      );
      request = {
        ok: true,
        detail: `${model.modelId} answered in ${formatMs(performance.now() - started)} (${result.usage.outputTokens ?? "?"} output token${result.usage.outputTokens === 1 ? "" : "s"})`,
      };
    } catch (error) {
      request = { ok: false, detail: describeError(error), fix: fixFor(error, baseFix) };
    }
  }
  report("One-token request", request);

  out.write(
    failed === 0
      ? `\n${green("All checks passed.")}\n`
      : `\n${red(`${failed} check${failed === 1 ? "" : "s"} did not pass.`)}\n`,
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
    if (status === 429) return `rate-limited: wait for the reset (\`${BIN} quota\`) or upgrade the plan.`;
    if (status === 404) return `the URL is wrong: ${baseFix}`;
    if (status !== undefined && status >= 500)
      return "Synthetic (or the server at the base URL) failed; try again later.";
    if (status === 400) return "the request was rejected: try another model with --model.";
  }
  return baseFix;
}

// ---------------------------------------------------------------------------------------------
// output helpers

function table(header: string[], rows: string[][], rightAligned: number[] = []): string {
  const visible = (s: string) => stripVTControlCharacters(s).length;
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - visible(cell));
        return rightAligned.includes(i) ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [bold(line(header)), ...rows.map(line)].join("\n");
}

const yesNo = (value: boolean) => (value ? "yes" : "no");
const formatContext = (tokens: number) =>
  tokens >= 1_000_000 ? `${Number((tokens / 1_000_000).toFixed(1))}M` : `${Math.round(tokens / 1000)}K`;
const formatNumber = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
const formatMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** `$0.55`, `$0.015`, `$0`: two decimals, more only when the price needs them. */
function formatPrice(usdPerMillion: number): string {
  if (usdPerMillion === 0) return "$0";
  const text = usdPerMillion.toFixed(6).replace(/0+$/, "");
  const [whole, fraction = ""] = text.split(".");
  return `$${whole}.${fraction.padEnd(2, "0")}`;
}

/** Small USD amounts with three significant digits and no exponent: `$0.0000242`. */
function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  return `$${Number(usd.toPrecision(3)).toFixed(12).replace(/0+$/, "").replace(/\.$/, "")}`;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A spinner on stderr, only when stderr is a terminal (never in pipes, logs or tests). */
function startProgress(label: string): { stop: () => void } {
  if (!err.isTTY) return { stop: () => {} };
  let frame = 0;
  const draw = () => err.write(`\r${SPINNER[frame++ % SPINNER.length]} ${label}…\x1b[K`);
  draw();
  const timer = setInterval(draw, 80);
  let stopped = false;
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      err.write("\r\x1b[K");
    },
  };
}

async function withProgress<T>(label: string, run: () => PromiseLike<T>): Promise<T> {
  const progress = startProgress(label);
  try {
    return await run();
  } finally {
    progress.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// entry

function exitCodeFor(error: unknown): { code: number; message: string } {
  if (error instanceof UsageError) {
    const command = typeof error.cause === "string" ? ` ${error.cause}` : "";
    return { code: 2, message: `${error.message}\nRun \`${BIN}${command} --help\` for usage.` };
  }
  // Bad model ids, --effort values or --base-url are how the command was called: usage errors.
  if (SyntheticConfigurationError.isInstance(error)) return { code: 2, message: error.message };
  if (APICallError.isInstance(error)) {
    const hint = error.statusCode === 401 ? ` Check ${API_KEY_ENV}.` : "";
    return { code: 1, message: `${describeError(error)}${hint}` };
  }
  return { code: 1, message: error instanceof Error ? error.message : String(error) };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { code, message } = exitCodeFor(error);
    err.write(`${red("error:")} ${message}\n`);
    process.exitCode = code;
  },
);
