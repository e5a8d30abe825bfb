import type { LanguageModelV2Usage } from "@ai-sdk/provider";
import type { SyntheticProviderMetadata } from "../chat/types";
import { API_KEY_ENV } from "../settings";
import { createSynthetic } from "../synthetic-provider";
import { formatMs, formatUsd, type Terminal, UsageError } from "./io";

export const DEFAULT_CHAT_MODEL = "syn:large:text";

export const CHAT_HELP = `Usage: mastra-synthetic chat [--model <id>] [options] "prompt"

Stream an answer. Reasoning is shown first, marked with "│" (dimmed on a terminal), then the
answer; a summary line with tokens, cost and time to first token follows on stderr.
A prompt of "-" is read from stdin. Needs ${API_KEY_ENV}.

Options:
  -m, --model <id>      Model id, e.g. hf:zai-org/GLM-5.3-Flash (default: ${DEFAULT_CHAT_MODEL})
  --effort <level>      reasoning_effort, one of the model's efforts (see "mastra-synthetic models --json")
  --max-tokens <n>      Largest answer in tokens
  --hide-reasoning      Do not print reasoning
  --base-url <url>      API base URL`;

export const CHAT_OPTIONS = {
  model: { type: "string", short: "m" },
  effort: { type: "string" },
  "max-tokens": { type: "string" },
  "hide-reasoning": { type: "boolean" },
} as const;

export async function chat(
  t: Terminal,
  options: {
    baseURL: string | undefined;
    positionals: string[];
    model: string | undefined;
    effort: string | undefined;
    maxTokens: string | undefined;
    hideReasoning: boolean;
  },
): Promise<number> {
  let prompt = options.positionals.join(" ");
  if (prompt === "-") prompt = await t.io.readStdin();
  if (prompt.trim() === "") throw new UsageError('chat needs a prompt, e.g. chat "Hello".', { cause: "chat" });
  const maxOutputTokens = options.maxTokens === undefined ? undefined : Number(options.maxTokens);
  if (maxOutputTokens !== undefined && !(Number.isInteger(maxOutputTokens) && maxOutputTokens > 0)) {
    throw new UsageError(`--max-tokens must be a positive integer (got "${options.maxTokens}").`, { cause: "chat" });
  }
  const { effort } = options;
  const showReasoning = !options.hideReasoning;
  const model = createSynthetic({ baseURL: options.baseURL }).chatModel(options.model ?? DEFAULT_CHAT_MODEL);

  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  process.once("SIGINT", onInterrupt);
  const progress = t.startProgress(`waiting for ${model.modelId}`);
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
    t.out(t.dim(text));
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
            t.err(`${t.yellow("warning:")} ${text}\n`);
          }
          break;
        case "reasoning-delta":
          if (part.delta === "") break;
          firstToken();
          if (!showReasoning) break;
          if (mode === "text") t.out("\n\n");
          if (mode !== "reasoning") lineStart = true;
          mode = "reasoning";
          writeReasoning(part.delta);
          break;
        case "text-delta":
          if (part.delta === "") break;
          firstToken();
          if (mode === "reasoning") t.out("\n\n");
          mode = "text";
          t.out(part.delta);
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
      t.out("\n");
      t.err("interrupted\n");
      return 130;
    }
    if (mode !== "none") t.out("\n");
    throw error;
  } finally {
    progress.stop();
    process.off("SIGINT", onInterrupt);
  }
  if (mode !== "none") t.out("\n");
  const ended = performance.now();
  const cost = metadata?.cost;
  const cached = usage?.cachedInputTokens ? ` (${usage.cachedInputTokens} cached)` : "";
  const reasoningTokens = usage?.reasoningTokens ? ` (${usage.reasoningTokens} reasoning)` : "";
  const summary = [
    `tokens ${usage?.inputTokens ?? "?"} in${cached} / ${usage?.outputTokens ?? "?"} out${reasoningTokens}`,
    cost ? `cost ${formatUsd(cost.total)}` : "cost unknown (no price for this model)",
    `first token ${firstTokenAt === undefined ? "—" : formatMs(firstTokenAt - started)}`,
    `total ${formatMs(ended - started)}`,
    ...(finishReason === "length" ? ["stopped at the token limit"] : []),
  ].join(" · ");
  t.err(`${t.dim(`${model.modelId} · ${summary}`)}\n`);
  return 0;
}
