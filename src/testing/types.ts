/** Public types of the emulator: what a test scripts, what it reads back, how it starts one. */
import type { ReasoningFormat, SyntheticModelInfo } from "../catalog-schema";

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
 * A request's `max_tokens` cuts the reasoning and content (made up or scripted) to that many
 * tokens (4 characters each), reasoning first; the finish reason is then `length` and the
 * estimated completion tokens are capped at `max_tokens`. Tool calls are never cut.
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
  /** `finish_reason`. Default `"stop"`, `"length"` when `max_tokens` cut the output, or `"tool_calls"` when there are tool calls. */
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

/** What the emulator answers to one `POST /v2/search`. */
export interface EmulatorSearchReply {
  /** The results to return. Default: three made-up results about the query. */
  results?: { url: string; title: string; text: string; published?: string }[];
  /** HTTP status; a non-200 one answers `{"error": error}`. */
  status?: number;
  /** Error text for a non-200 `status`. */
  error?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
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
   * Body of `GET /v2/quotas` (and of `x-synthetic-quotas`). Serialised at each request, so a test
   * may mutate it. Default: a plan of today's shape (see `todaysPlan`): `rollingFiveHourLimit`
   * 0 of 135 requests used, `weeklyTokenLimit` $24.00 of $24.00 left, `search.hourly` 0 of 250,
   * and `subscription` (whose `requests` stays 0 on such plans).
   */
  quotas?: object;
  /** Send `x-synthetic-quotas: <JSON of quotas>` on every `/openai/v1` (and `/v1`) response. Default `false`. */
  quotasHeader?: boolean;
  /** Characters per streamed content / reasoning delta. Default 8. */
  defaultChunkSize?: number;
  /**
   * Whether the key has a subscription, which `POST /v2/search` needs (else 403). Searches count
   * against `quotas.search.hourly` when the body has one (at its limit: 429). Default `true`.
   */
  searchSubscriber?: boolean;
  /**
   * Models the catalog marks retired (`retired: true`), as Synthetic treats them by default
   * (`"reject"`): left out of `GET /models`, and a chat, completions or embeddings request naming
   * one gets 404 `{"error": "Model <id> is no longer available: it was retired. Use <successor> instead."}`.
   * `"serve"` lists and answers them like current models.
   */
  retiredModels?: "reject" | "serve";
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
  /** Queue replies for the next `POST /v2/search` requests (default: made-up results about the query). */
  scriptSearch(...replies: EmulatorSearchReply[]): void;
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
