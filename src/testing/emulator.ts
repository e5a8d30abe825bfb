import { createHash } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import catalogData from "../../models.json";
import type { ReasoningFormat, SyntheticModelInfo } from "../catalog-schema";

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/**
 * Where reasoning text goes on the wire: the catalog's three formats plus two broken variants
 * seen in the wild.
 * - `reasoning_content` / `reasoning`: a separate field in `message` / stream `delta`.
 * - `think-tags`: inline in `content` as `<think>reasoning</think>answer`.
 * - `think-tags-no-open`: inline with only the closing tag, `reasoning</think>answer`.
 * - `think-tags-unclosed`: `<think>reasoning` + answer with no closing tag (the bug where the
 *   whole answer lands inside reasoning).
 */
export type EmulatorReasoningFormat = ReasoningFormat | "think-tags-no-open" | "think-tags-unclosed";

/** A tool call the emulated model makes. */
export interface EmulatorToolCall {
  /** Call id. Default `call_<n>` (n counts calls since start or `reset()`), or `functions.<name>:<i>` with the `kimiIds` quirk. */
  id?: string;
  /** Tool name, sent back unchanged. Default: the first tool in the request's `tools`, else `"tool"`. */
  name?: string;
  /** Arguments: a JSON string sent as is, or a value that is `JSON.stringify`-ed. Default `"{}"`. */
  arguments?: string | object;
}

/** Known ways real backends stream tool calls differently from OpenAI. All default off. */
export interface EmulatorToolCallQuirks {
  /** Leave `index` out of every tool-call delta (clients must treat it as 0 / go by `id`). */
  omitIndex?: boolean;
  /** Split each call's arguments over this many deltas. Default 1. */
  argumentChunks?: number;
  /** Send the function name in a later delta than the one carrying the `id`. */
  lateName?: boolean;
  /** Send arguments as `""` (meaning `{}`), whatever `arguments` says. */
  emptyArguments?: boolean;
  /** JSON-encode the arguments string a second time (`"{\"a\":1}"`). */
  doubleEncode?: boolean;
  /** Default ids look like Kimi's `functions.<name>:<index>`. */
  kimiIds?: boolean;
}

/** Token counts to report. Any count left out is estimated (characters / 4, rounded up). */
export interface EmulatorUsage {
  /** `prompt_tokens`. Default: characters of the request's messages / 4. */
  promptTokens?: number;
  /** `completion_tokens`. Default: characters of reasoning, content and tool arguments / 4. */
  completionTokens?: number;
  /** `prompt_tokens_details.cached_tokens`. Default 0. */
  cachedTokens?: number;
}

/**
 * What the emulator answers to one chat/completions, completions or embeddings request.
 *
 * If a reply sets neither `content` nor `toolCalls`, the emulator makes up the answer:
 * `Echo: <text of the last user message>`, preceded by the reasoning
 * `Thinking about: <same text>` when the model's catalog entry reasons.
 *
 * @example
 * emulator.script(
 *   { toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] },
 *   { content: "It is sunny.", reasoning: "The tool said sunny." },
 * );
 */
export interface EmulatorReply {
  /** Answer text. Default `Echo: <last user text>`, or none when `toolCalls` are given. */
  content?: string;
  /** Reasoning text, emitted in `reasoningFormat`. Default: none (see above for made-up answers). */
  reasoning?: string;
  /**
   * Where the reasoning goes. Default: the model's catalog `reasoningFormat`, else
   * `reasoning_content` (models the catalog does not list).
   */
  reasoningFormat?: EmulatorReasoningFormat;
  /** Tool calls, streamed after the content with `index` 0, 1, ... */
  toolCalls?: EmulatorToolCall[];
  /** Backend quirks applied to the streamed tool calls (`kimiIds` also to non-stream ids). */
  toolCallQuirks?: EmulatorToolCallQuirks;
  /**
   * Usage to report; counts left out are estimated. `false` omits usage everywhere (no `usage`
   * in the response, no usage chunk even with `stream_options.include_usage`).
   */
  usage?: EmulatorUsage | false;
  /** `finish_reason`. Default `"stop"`, or `"tool_calls"` when there are tool calls. */
  finishReason?: string;
  /**
   * HTTP status. A non-200 status answers `{"error": error ?? <Synthetic's text for it>}`
   * (405: empty body), e.g. `{ status: 429, headers: { "retry-after": "1" } }`.
   */
  status?: number;
  /** Error text for a non-200 `status`. */
  error?: string;
  /** Extra response headers, e.g. `{ "retry-after": "2" }`. */
  headers?: Record<string, string>;
  /** Milliseconds to wait before sending the response headers. */
  delayMs?: number;
  /** Milliseconds to wait between SSE events. */
  chunkDelayMs?: number;
  /** Characters per streamed content / reasoning delta. Default: the emulator's `defaultChunkSize`. */
  chunkSize?: number;
  /** Destroy the socket after this many SSE events (a stream cut mid-way, no `[DONE]`). */
  disconnectAfterChunks?: number;
  /** Stop sending after this many SSE events but keep the connection open until `close()` or the client aborts. */
  stallAfterChunks?: number;
  /** End the stream without `data: [DONE]`. */
  omitDone?: boolean;
  /** Send `data: {"choices":[{` (invalid JSON) as the SSE event with this 0-based index. */
  malformedChunkAt?: number;
  /** After the content and tool calls, send `data: {"error":"<text>"}` in the 200 stream and end (no finish chunk, no `[DONE]`). */
  streamError?: string;
  /** Send these bytes verbatim as a 200 `text/event-stream` body. Preferred for streaming requests. */
  rawSse?: string;
  /** Send these bytes verbatim as an `application/json` body with `status` (default 200). Preferred for non-streaming requests. */
  rawBody?: string;
  /** For `/embeddings`: the vectors to return, one per input. Default: deterministic unit vectors hashed from each input. */
  embedding?: number[][];
}

/** A reply, or a function that builds one from the request it answers. */
export type EmulatorReplySource = EmulatorReply | ((request: RecordedRequest) => EmulatorReply);

/** One request as the emulator received it. */
export interface RecordedRequest {
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Path without the query string, e.g. `/openai/v1/chat/completions`. */
  path: string;
  /** Request headers, names lowercased, repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body parsed as JSON, or `undefined` when empty or not JSON. */
  body: unknown;
  /** The body as received. */
  rawBody: string;
  /** `Date.now()` when the request arrived. */
  time: number;
}

/** Options of {@link startSyntheticEmulator}. */
export interface SyntheticEmulatorOptions {
  /** Port to listen on; always binds `127.0.0.1`. Default 0 (a free port). */
  port?: number;
  /**
   * The API key requests must send as `Authorization: Bearer <apiKey>` (else 401
   * `{"error":"Invalid API key"}`). Default `null`: any non-empty bearer token is accepted, a
   * missing one gets 401. `GET /models` never needs a key.
   */
  apiKey?: string | null;
  /** Catalog served by `/models` and used for per-model checks and defaults. Default: the bundled `models.json`. */
  models?: readonly SyntheticModelInfo[];
  /**
   * Body of `GET /v2/quotas`. Serialised at each request, so a test may mutate it. Default
   * `{"subscription":{"limit":135,"requests":0,"renewsAt":<ISO one hour after start>}}`.
   */
  quotas?: object;
  /** Send `x-synthetic-quotas: <JSON of quotas>` on every `/openai/v1` (and `/v1`) response. Default `false`. */
  quotasHeader?: boolean;
  /** Characters per streamed content / reasoning delta. Default 8. */
  defaultChunkSize?: number;
}

/**
 * A running emulator of Synthetic's OpenAI-compatible API.
 *
 * Requests are validated as Synthetic does (400 for a bad model prefix, context overflow, an
 * unsupported `reasoning_effort`, ...) before a scripted reply is taken, so a rejected request
 * leaves the script untouched.
 */
export interface SyntheticEmulator {
  /** OpenAI-compatible base URL, `http://127.0.0.1:PORT/openai/v1`. */
  url: string;
  /** `http://127.0.0.1:PORT` (`/v2/quotas` lives here). */
  origin: string;
  /** Every request received, in order (including rejected ones). */
  requests: RecordedRequest[];
  /** Queue replies for the next chat/completions, completions and embeddings requests, taken first in, first out. */
  script(...replies: EmulatorReplySource[]): void;
  /** The reply used when the queue is empty; `undefined` restores the built-in echo. */
  setDefault(reply: EmulatorReplySource | undefined): void;
  /** Clear the queue, the default reply, the recorded requests and the tool-call id counter. */
  reset(): void;
  /** The most recent request. */
  lastRequest(): RecordedRequest | undefined;
  /** Stop listening and destroy open sockets, so hanging streams end. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Sockets currently open, idle keep-alive ones included. Node's `fetch` may open a fresh
   * keep-alive socket right after aborting one, so abort tests read this best with a
   * non-pooling client (`http.request` with `agent: false`).
   */
  openConnections(): number;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------------------------

// The bundled catalog is validated by test/catalog.test.ts; the emulator takes it as-is.
const bundledModels = (catalogData as unknown as { models: SyntheticModelInfo[] }).models;

const ERROR_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Invalid API key",
  402: "Insufficient credits. Add credits or upgrade your subscription.",
  404: "Not found",
  429: "You've exceeded your subscription rate limits. Upgrade, or try again later.",
  500: "Internal server error",
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
const badRequest = (message: string) => new HttpError(400, message);

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const estimateTokens = (chars: number) => Math.ceil(chars / 4);

type Route = { name: "models" | "chat" | "completions" | "embeddings" | "quotas"; method: string };
const API_ROUTES: Record<string, Route> = {
  "/models": { name: "models", method: "GET" },
  "/chat/completions": { name: "chat", method: "POST" },
  "/completions": { name: "completions", method: "POST" },
  "/embeddings": { name: "embeddings", method: "POST" },
};
const API_BASE = /^\/(?:openai\/)?v1(?=\/)/;

function matchRoute(path: string): Route | undefined {
  if (path === "/v2/quotas") return { name: "quotas", method: "GET" };
  const base = API_BASE.exec(path);
  return base ? API_ROUTES[path.slice(base[0].length)] : undefined;
}

/** Text of a message `content`: the string itself, or its text parts joined by newlines. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  return asArray(content)
    .flatMap((part) => (isRecord(part) && typeof part.text === "string" ? [part.text] : []))
    .join("\n");
}

function promptChars(messages: unknown[]): number {
  let chars = 0;
  for (const message of messages) {
    if (!isRecord(message)) continue;
    chars += textOf(message.content).length;
    for (const call of asArray(message.tool_calls)) {
      const args = isRecord(call) && isRecord(call.function) ? call.function.arguments : undefined;
      if (typeof args === "string") chars += args.length;
    }
  }
  return chars;
}

function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isRecord(message) && message.role === "user") return textOf(message.content);
  }
  return "";
}

/** Splits by code points so a chunk boundary never cuts a surrogate pair. */
function chunksOf(text: string, size: number): string[] {
  const chars = Array.from(text);
  const step = Math.max(1, Math.floor(size));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += step) out.push(chars.slice(i, i + step).join(""));
  return out;
}

function splitInto(text: string, parts: number): string[] {
  const length = Array.from(text).length;
  return chunksOf(text, Math.ceil(length / Math.max(1, Math.floor(parts))));
}

function hasKeyDeep(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => hasKeyDeep(item, key));
  if (!isRecord(value)) return false;
  return key in value || Object.values(value).some((item) => hasKeyDeep(item, key));
}

/** `$`-prefixed USD per token, as Synthetic's /models prints prices; zero prints as `"0"`. */
function perTokenPrice(perMillion: number | null | undefined): string {
  if (!perMillion || !Number.isFinite(perMillion)) return "0";
  return `$${(perMillion / 1_000_000).toFixed(14).replace(/\.?0+$/, "")}`;
}

function modelEntry(model: SyntheticModelInfo): Json {
  const embedding = model.kind === "embedding";
  const features = [
    ...(model.tools ? ["tools"] : []),
    ...(model.structuredOutputs ? ["json_mode", "structured_outputs"] : []),
    ...(model.reasoning ? ["reasoning"] : []),
  ];
  const hfId = model.id.startsWith("hf:") ? model.id : model.aliasOf;
  return {
    id: model.id,
    object: "model",
    provider: "synthetic",
    always_on: true,
    hugging_face_id: hfId?.replace(/^hf:/, "") ?? null,
    // Synthetic's `name` is the Hugging Face id, not a display name.
    name: hfId?.replace(/^hf:/, "") ?? model.name,
    input_modalities: model.input,
    output_modalities: embedding ? ["embedding"] : ["text"],
    context_length: model.contextWindow,
    ...(model.maxOutputTokens ? { max_output_length: model.maxOutputTokens } : {}),
    pricing: {
      prompt: perTokenPrice(model.cost.input),
      completion: perTokenPrice(model.cost.output),
      image: "0",
      request: "0",
      input_cache_reads: perTokenPrice(model.cost.cacheRead ?? model.cost.input),
      input_cache_writes: "0",
    },
    ...(embedding ? {} : { supported_features: features }),
    ...(model.reasoningEfforts?.length ? { reasoning_parameters: { efforts: model.reasoningEfforts } } : {}),
  };
}

function requireObject(body: unknown): Json {
  if (!isRecord(body)) throw badRequest("Request body must be a JSON object.");
  return body;
}

function requireModelId(model: unknown): string {
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

function checkChatRequest(body: Json, model: SyntheticModelInfo | undefined): unknown[] {
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

/** A rendered streaming body: the content events, then the tail (finish and usage) a stream error replaces. */
type Events = { body: Json[]; tail: Json[] };

interface RenderContext {
  body: Json;
  model: SyntheticModelInfo | undefined;
  reply: EmulatorReply;
  chunkSize: number;
  id: string;
  created: number;
  nextCallId: () => number;
}

function usageOf(reply: EmulatorReply, promptTokens: number, completionChars: number): Json | undefined {
  if (reply.usage === false) return undefined;
  const prompt = reply.usage?.promptTokens ?? promptTokens;
  const completion = reply.usage?.completionTokens ?? estimateTokens(completionChars);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: reply.usage?.cachedTokens ?? 0 },
  };
}

function renderChat(ctx: RenderContext, messages: unknown[]): { response: Json; events: Events } {
  const { body, model, reply } = ctx;
  const userText = lastUserText(messages);
  const madeUp = reply.content === undefined && reply.toolCalls === undefined;
  let content = reply.content ?? (reply.toolCalls ? "" : `Echo: ${userText}`);
  const reasoning = reply.reasoning ?? (madeUp && model?.reasoning ? `Thinking about: ${userText}` : undefined);
  const format = reply.reasoningFormat ?? model?.reasoningFormat ?? "reasoning_content";
  let reasoningField: "reasoning_content" | "reasoning" | undefined;
  if (reasoning !== undefined) {
    if (format === "think-tags") content = `<think>${reasoning}</think>${content}`;
    else if (format === "think-tags-no-open") content = `${reasoning}</think>${content}`;
    else if (format === "think-tags-unclosed") content = `<think>${reasoning}${content}`;
    else reasoningField = format;
  }

  const quirks = reply.toolCallQuirks ?? {};
  const defaultName = asArray(body.tools)
    .map((tool) => (isRecord(tool) && isRecord(tool.function) ? tool.function.name : undefined))
    .find((name): name is string => typeof name === "string");
  const calls = (reply.toolCalls ?? []).map((call, index) => {
    const name = call.name ?? defaultName ?? "tool";
    let args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {});
    if (quirks.emptyArguments) args = "";
    if (quirks.doubleEncode) args = JSON.stringify(args);
    const id = call.id ?? (quirks.kimiIds ? `functions.${name}:${index}` : `call_${ctx.nextCallId()}`);
    return { id, name, args };
  });
  const finishReason = reply.finishReason ?? (calls.length ? "tool_calls" : "stop");
  const completionChars =
    (reasoningField ? (reasoning?.length ?? 0) : 0) + content.length + calls.reduce((n, c) => n + c.args.length, 0);
  const usage = usageOf(reply, estimateTokens(promptChars(messages)), completionChars);

  const message: Json = {
    role: "assistant",
    content: content === "" && calls.length ? null : content,
    ...(reasoningField ? { [reasoningField]: reasoning } : {}),
    ...(calls.length
      ? {
          tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.args } })),
        }
      : {}),
  };
  const head = (object: string) => ({ id: ctx.id, object, created: ctx.created, model: body.model });
  const response = {
    ...head("chat.completion"),
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    ...(usage ? { usage } : {}),
  };

  const deltas: Json[] = [{ role: "assistant", content: "" }];
  if (reasoningField && reasoning) {
    for (const piece of chunksOf(reasoning, ctx.chunkSize)) deltas.push({ [reasoningField]: piece });
  }
  for (const piece of chunksOf(content, ctx.chunkSize)) deltas.push({ content: piece });
  calls.forEach((call, index) => {
    const at = quirks.omitIndex ? {} : { index };
    const delta = (part: Json) => deltas.push({ tool_calls: [{ ...at, ...part }] });
    delta({
      id: call.id,
      type: "function",
      function: quirks.lateName ? { arguments: "" } : { name: call.name, arguments: "" },
    });
    if (quirks.lateName) delta({ function: { name: call.name } });
    for (const piece of splitInto(call.args, quirks.argumentChunks ?? 1)) delta({ function: { arguments: piece } });
  });
  const chunk = (choices: Json[], extra: Json = {}) => ({ ...head("chat.completion.chunk"), choices, ...extra });
  const events: Events = {
    body: deltas.map((delta) => chunk([{ index: 0, delta, logprobs: null, finish_reason: null }])),
    tail: [chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }])],
  };
  if (usage && isRecord(body.stream_options) && body.stream_options.include_usage === true) {
    events.tail.push(chunk([], { usage }));
  }
  return { response, events };
}

function renderCompletion(ctx: RenderContext, prompt: string): { response: Json; events: Events } {
  const { body, reply } = ctx;
  const text = reply.content ?? `Echo: ${prompt}`;
  const finishReason = reply.finishReason ?? "stop";
  const usage = usageOf(reply, estimateTokens(prompt.length), text.length);
  const head = { id: ctx.id, object: "text_completion", created: ctx.created, model: body.model };
  const choice = (piece: string, finish: string | null) => ({
    index: 0,
    text: piece,
    logprobs: null,
    finish_reason: finish,
  });
  const events: Events = {
    body: chunksOf(text, ctx.chunkSize).map((piece) => ({ ...head, choices: [choice(piece, null)] })),
    tail: [{ ...head, choices: [choice("", finishReason)] }],
  };
  if (usage && isRecord(body.stream_options) && body.stream_options.include_usage === true) {
    events.tail.push({ ...head, choices: [], usage });
  }
  return { response: { ...head, choices: [choice(text, finishReason)], ...(usage ? { usage } : {}) }, events };
}

/** Deterministic unit vector: sha256 blocks of the text spread over the dimensions. */
function hashEmbedding(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}\u0000${text}`).digest();
    for (let i = 0; i < digest.length && values.length < dimensions; i += 4) {
      values.push(digest.readUInt32LE(i) / 0x80000000 - 1);
    }
  }
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => v / norm);
}

function base64Floats(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  for (const [i, value] of vector.entries()) buffer.writeFloatLE(value, i * 4);
  return buffer.toString("base64");
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, message: string | undefined, headers: Record<string, string>) {
  // Synthetic answers a wrong method with an empty 405.
  if (status === 405) {
    res.writeHead(405, { "content-length": 0, ...headers });
    res.end();
    return;
  }
  sendJson(res, status, { error: message ?? ERROR_TEXT[status] ?? STATUS_CODES[status] ?? "Error" }, headers);
}

const isGone = (res: ServerResponse) => res.destroyed || res.socket?.destroyed !== false;

function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => {
    if (isGone(res)) resolve();
    else res.write(data, () => resolve());
  });
}

/** Starts an emulator of Synthetic's API on 127.0.0.1. Close it with `close()` (or `await using`). */
export async function startSyntheticEmulator(options: SyntheticEmulatorOptions = {}): Promise<SyntheticEmulator> {
  const models = options.models ?? bundledModels;
  const modelsById = new Map(models.map((model) => [model.id, model]));
  const apiKey = options.apiKey ?? null;
  const quotas = options.quotas ?? {
    subscription: { limit: 135, requests: 0, renewsAt: new Date(Date.now() + 3_600_000).toISOString() },
  };
  const defaultChunkSize = options.defaultChunkSize ?? 8;

  const requests: RecordedRequest[] = [];
  const queue: EmulatorReplySource[] = [];
  let fallback: EmulatorReplySource | undefined;
  let callCounter = 0;
  let responseCounter = 0;
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let closed: Promise<void> | undefined;

  /** Resolves false when the emulator closes first. */
  const pause = (ms: number) => sleep(ms, true, { signal: closing.signal }).catch(() => false as const);

  const takeReply = (request: RecordedRequest): EmulatorReply => {
    const source = queue.shift() ?? fallback ?? {};
    return typeof source === "function" ? source(request) : source;
  };

  const authorized = (header: string | undefined): boolean => {
    const token = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim();
    return apiKey === null ? Boolean(token) : token === apiKey;
  };

  const context = (body: Json, reply: EmulatorReply, prefix: string): RenderContext => ({
    body,
    model: modelsById.get(String(body.model)),
    reply,
    chunkSize: reply.chunkSize ?? defaultChunkSize,
    id: `${prefix}-emu${++responseCounter}`,
    created: Math.floor(Date.now() / 1000),
    nextCallId: () => callCounter++,
  });

  async function stream(res: ServerResponse, reply: EmulatorReply, events: Events, headers: Record<string, string>) {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      ...headers,
    });
    res.flushHeaders();
    const payloads = events.body.map((event) => JSON.stringify(event));
    if (reply.streamError !== undefined) payloads.push(JSON.stringify({ error: reply.streamError }));
    else payloads.push(...events.tail.map((event) => JSON.stringify(event)), ...(reply.omitDone ? [] : ["[DONE]"]));

    for (let i = 0; i < payloads.length; i++) {
      if (i === reply.stallAfterChunks || i === reply.disconnectAfterChunks) break;
      if (i > 0 && reply.chunkDelayMs && !(await pause(reply.chunkDelayMs))) return;
      if (isGone(res)) return;
      await write(res, `data: ${i === reply.malformedChunkAt ? '{"choices":[{' : payloads[i]}\n\n`);
    }
    if (reply.disconnectAfterChunks !== undefined) res.destroy();
    // A stalled stream stays open until the client gives up or close() destroys the socket.
    else if (reply.stallAfterChunks === undefined) res.end();
  }

  /** Sends a reply: scripted raw bytes or error status first, else the rendered body or stream. */
  async function answer(
    res: ServerResponse,
    reply: EmulatorReply,
    headers: Record<string, string>,
    wantsStream: boolean,
    render: () => { response: Json; events?: Events },
  ) {
    const allHeaders = { ...headers, ...reply.headers };
    if (reply.delayMs && !(await pause(reply.delayMs))) return;
    if (isGone(res)) return;
    const raw = wantsStream ? (reply.rawSse ?? reply.rawBody) : (reply.rawBody ?? reply.rawSse);
    if (raw !== undefined) {
      const sse = raw === reply.rawSse;
      res.writeHead(sse ? 200 : (reply.status ?? 200), {
        "content-type": sse ? "text/event-stream; charset=utf-8" : "application/json",
        ...allHeaders,
      });
      res.end(raw);
      return;
    }
    if (reply.status !== undefined && reply.status !== 200) {
      sendError(res, reply.status, reply.error, allHeaders);
      return;
    }
    const { response, events } = render();
    if (wantsStream && events) await stream(res, reply, events, allHeaders);
    else sendJson(res, 200, response, allHeaders);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const rawBody = await readBody(req);
    const path = new URL(req.url ?? "/", "http://emulator").pathname;
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      headers: flattenHeaders(req.headers),
      body: parseJson(rawBody),
      rawBody,
      time: Date.now(),
    };
    requests.push(request);

    const headers: Record<string, string> =
      options.quotasHeader && API_BASE.test(path) ? { "x-synthetic-quotas": JSON.stringify(quotas) } : {};
    const route = matchRoute(path);
    if (!route) return sendError(res, 404, "Not found", headers);
    if (request.method !== route.method) return sendError(res, 405, undefined, { allow: route.method, ...headers });
    if (route.name === "models") {
      return sendJson(res, 200, { data: models.map(modelEntry) }, headers);
    }
    if (!authorized(request.headers.authorization)) return sendError(res, 401, "Invalid API key", headers);
    if (route.name === "quotas") return sendJson(res, 200, quotas, headers);

    const body = requireObject(request.body);
    const modelId = requireModelId(body.model);
    const model = modelsById.get(modelId);
    const wantsStream = body.stream === true;

    if (route.name === "chat") {
      const messages = checkChatRequest(body, model);
      const reply = takeReply(request);
      return answer(res, reply, headers, wantsStream, () => renderChat(context(body, reply, "chatcmpl"), messages));
    }

    if (route.name === "completions") {
      const prompt = Array.isArray(body.prompt) ? body.prompt.map(String).join("\n") : String(body.prompt ?? "");
      if (model?.kind === "embedding") throw badRequest(`${modelId} is an embedding model; use /embeddings.`);
      checkContext(model, estimateTokens(prompt.length));
      const reply = takeReply(request);
      return answer(res, reply, headers, wantsStream, () => renderCompletion(context(body, reply, "cmpl"), prompt));
    }

    // embeddings
    if (model?.kind !== "embedding") throw badRequest(`${modelId} is not an embedding model.`);
    const inputs = (Array.isArray(body.input) && typeof body.input[0] !== "number" ? body.input : [body.input])
      .filter((input) => input !== undefined && input !== null)
      .map((input) => (typeof input === "string" ? input : JSON.stringify(input)));
    if (inputs.length === 0) throw badRequest("input must be a string or a non-empty array.");
    const dimensions = body.dimensions ?? 768;
    if (typeof dimensions !== "number" || !Number.isInteger(dimensions) || dimensions < 1) {
      throw badRequest("dimensions must be a positive integer.");
    }
    const reply = takeReply(request);
    return answer(res, reply, headers, false, () => {
      const vectors = reply.embedding ?? inputs.map((input) => hashEmbedding(input, dimensions));
      const tokens = estimateTokens(inputs.reduce((n, input) => n + input.length, 0));
      return {
        response: {
          object: "list",
          data: vectors.map((vector, index) => ({
            object: "embedding",
            index,
            embedding: body.encoding_format === "base64" ? base64Floats(vector) : vector,
          })),
          model: modelId,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        },
      };
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || isGone(res)) return void res.destroy();
      const headers: Record<string, string> =
        options.quotasHeader && API_BASE.test(req.url ?? "") ? { "x-synthetic-quotas": JSON.stringify(quotas) } : {};
      if (error instanceof HttpError) sendError(res, error.status, error.message, headers);
      else sendError(res, 500, `Emulator error: ${error instanceof Error ? error.message : String(error)}`, headers);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const close = () => {
    closed ??= (async () => {
      closing.abort();
      // Wait for every socket's close event so openConnections() reads 0 once close() resolves.
      const socketsClosed = [...sockets].map((socket) => new Promise((resolve) => socket.once("close", resolve)));
      const serverClosed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await Promise.all([serverClosed, ...socketsClosed]);
    })();
    return closed;
  };

  return {
    url: `${origin}/openai/v1`,
    origin,
    requests,
    script: (...replies) => void queue.push(...replies),
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      fallback = undefined;
      callCounter = 0;
    },
    lastRequest: () => requests.at(-1),
    close,
    openConnections: () => sockets.size,
    [Symbol.asyncDispose]: close,
  };
}
