/** What the emulator answers where, and the checks Synthetic makes before it accepts a request. */
import type { SyntheticModelInfo } from "../catalog-schema";
import { asArray, estimateTokens, isRecord, type Json, promptChars } from "./wire";

export const ERROR_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Invalid API key",
  402: "Insufficient credits. Add credits or upgrade your subscription.",
  404: "Not found",
  429: "You've exceeded your subscription rate limits. Upgrade, or try again later.",
  500: "Internal server error",
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
const badRequest = (message: string) => new HttpError(400, message);

type Route = { name: "models" | "chat" | "completions" | "embeddings" | "quotas"; method: string };
const API_ROUTES: Record<string, Route> = {
  "/models": { name: "models", method: "GET" },
  "/chat/completions": { name: "chat", method: "POST" },
  "/completions": { name: "completions", method: "POST" },
  "/embeddings": { name: "embeddings", method: "POST" },
};
export const API_BASE = /^\/(?:openai\/)?v1(?=\/)/;

export function matchRoute(path: string): Route | undefined {
  if (path === "/v2/quotas") return { name: "quotas", method: "GET" };
  const base = API_BASE.exec(path);
  return base ? API_ROUTES[path.slice(base[0].length)] : undefined;
}

function hasKeyDeep(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => hasKeyDeep(item, key));
  if (!isRecord(value)) return false;
  return key in value || Object.values(value).some((item) => hasKeyDeep(item, key));
}

export function requireObject(body: unknown): Json {
  if (!isRecord(body)) throw badRequest("Request body must be a JSON object.");
  return body;
}

export function requireModelId(model: unknown): string {
  if (typeof model !== "string" || !/^(hf|syn):/.test(model)) {
    throw badRequest(
      `Your model name should start with an hf: prefix, for example hf:zai-org/GLM-4.6 (got ${JSON.stringify(model ?? null)}).`,
    );
  }
  return model;
}

function checkContext(model: SyntheticModelInfo | undefined, tokens: number): void {
  if (model && tokens > model.contextWindow) {
    throw badRequest(
      `The input (${tokens} tokens) is longer than the model's context length (${model.contextWindow} tokens).`,
    );
  }
}

export function checkChatRequest(body: Json, model: SyntheticModelInfo | undefined): unknown[] {
  const modelId = String(body.model);
  if (model?.kind === "embedding") throw badRequest(`${modelId} is an embedding model; use /embeddings.`);
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw badRequest("messages must be a non-empty array.");

  const effort = body.reasoning_effort;
  if (model && effort !== undefined && effort !== null) {
    const allowed = model.reasoningEfforts ?? [];
    if (!allowed.includes(String(effort))) {
      throw badRequest(
        allowed.length
          ? `Invalid reasoning_effort ${JSON.stringify(effort)} for ${modelId}: allowed values are ${allowed.join(", ")}.`
          : `${modelId} does not accept reasoning_effort (got ${JSON.stringify(effort)}).`,
      );
    }
  }

  checkContext(model, estimateTokens(promptChars(messages)));

  // Strict backends reject orphaned tool results rather than ignoring them.
  const calledIds = new Set<unknown>();
  for (const message of messages) {
    if (!isRecord(message)) continue;
    if (message.role === "assistant") {
      const calls = asArray(message.tool_calls);
      for (const call of calls) if (isRecord(call)) calledIds.add(call.id);
      // Thinking models that need their reasoning back (Kimi-K2-Thinking) reject a tool-call turn
      // without it, and reject an empty string there.
      const reasoning = message.reasoning_content;
      if (model?.reasoningReplay && calls.length > 0 && (typeof reasoning !== "string" || reasoning === "")) {
        throw badRequest(
          `thinking is enabled but reasoning_content is missing or empty in the assistant tool call message at index ${messages.indexOf(message)}.`,
        );
      }
    }
    if (message.role === "tool" && !calledIds.has(message.tool_call_id)) {
      throw badRequest(
        `Tool message has tool_call_id ${JSON.stringify(message.tool_call_id ?? null)}, which no earlier assistant message called.`,
      );
    }
  }

  for (const tool of asArray(body.tools)) {
    const fn = isRecord(tool) && isRecord(tool.function) ? tool.function : undefined;
    if (fn && hasKeyDeep(fn.parameters, "$schema")) {
      throw badRequest(`Invalid schema for tool ${JSON.stringify(fn.name)}: "$schema" is not supported.`);
    }
  }
  return messages;
}

/** The prompt of a /completions request, as one string. */
export function checkCompletionRequest(body: Json, model: SyntheticModelInfo | undefined): string {
  const prompt = Array.isArray(body.prompt) ? body.prompt.map(String).join("\n") : String(body.prompt ?? "");
  if (model?.kind === "embedding") throw badRequest(`${String(body.model)} is an embedding model; use /embeddings.`);
  checkContext(model, estimateTokens(prompt.length));
  return prompt;
}

/** The inputs (as strings) and dimensions of an /embeddings request. */
export function checkEmbeddingRequest(
  body: Json,
  model: SyntheticModelInfo | undefined,
): { inputs: string[]; dimensions: number } {
  if (model?.kind !== "embedding") throw badRequest(`${String(body.model)} is not an embedding model.`);
  const inputs = (Array.isArray(body.input) && typeof body.input[0] !== "number" ? body.input : [body.input])
    .filter((input) => input !== undefined && input !== null)
    .map((input) => (typeof input === "string" ? input : JSON.stringify(input)));
  if (inputs.length === 0) throw badRequest("input must be a string or a non-empty array.");
  const dimensions = body.dimensions ?? 768;
  if (typeof dimensions !== "number" || !Number.isInteger(dimensions) || dimensions < 1) {
    throw badRequest("dimensions must be a positive integer.");
  }
  return { inputs, dimensions };
}
