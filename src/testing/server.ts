/** The emulator's HTTP server: records each request, routes it, checks it, answers with a scripted reply. */
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
import type { SyntheticModelInfo } from "../catalog-schema";
import { todaysPlan } from "./plan";
import {
  type Events,
  modelEntry,
  type RenderContext,
  renderChat,
  renderCompletion,
  renderEmbeddings,
} from "./rendering";
import { checkServed, listedModels } from "./retired";
import {
  API_BASE,
  checkChatRequest,
  checkCompletionRequest,
  checkEmbeddingRequest,
  ERROR_TEXT,
  HttpError,
  matchRoute,
  requireModelId,
  requireObject,
} from "./routes";
import { SearchRoute } from "./search";
import type {
  EmulatorReply,
  EmulatorReplySource,
  RecordedRequest,
  SyntheticEmulator,
  SyntheticEmulatorOptions,
} from "./types";
import type { Json } from "./wire";

// The bundled catalog is validated by test/catalog.unit.test.ts; the emulator takes it as-is.
const bundledModels = (catalogData as unknown as { models: SyntheticModelInfo[] }).models;

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
  const quotas = options.quotas ?? todaysPlan(Date.now());
  const defaultChunkSize = options.defaultChunkSize ?? 8;
  const serveRetired = options.retiredModels === "serve";
  const listed = listedModels(models, serveRetired);

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

  const search = new SearchRoute(quotas as Json, () => options.searchSubscriber ?? true);
  function answerSearch(request: RecordedRequest, res: ServerResponse) {
    if (request.method !== "POST") return sendError(res, 405, undefined, { allow: "POST" });
    if (!authorized(request.headers.authorization)) return sendError(res, 401, "Invalid API key", {});
    const { status, body, headers } = search.answer(request.body);
    const quotaHeader: Record<string, string> = options.quotasHeader
      ? { "x-synthetic-quotas": JSON.stringify(quotas) }
      : {};
    return sendJson(res, status, body, { ...quotaHeader, ...headers });
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
    if (path === "/v2/search") return answerSearch(request, res);
    const route = matchRoute(path);
    if (!route) return sendError(res, 404, "Not found", headers);
    if (request.method !== route.method) return sendError(res, 405, undefined, { allow: route.method, ...headers });
    if (route.name === "models") {
      return sendJson(res, 200, { data: listed.map(modelEntry) }, headers);
    }
    if (!authorized(request.headers.authorization)) return sendError(res, 401, "Invalid API key", headers);
    if (route.name === "quotas") return sendJson(res, 200, quotas, headers);

    const body = requireObject(request.body);
    const modelId = requireModelId(body.model);
    const model = modelsById.get(modelId);
    checkServed(model, modelsById, serveRetired);
    const wantsStream = body.stream === true;

    if (route.name === "chat") {
      const messages = checkChatRequest(body, model);
      const reply = takeReply(request);
      return answer(res, reply, headers, wantsStream, () => renderChat(context(body, reply, "chatcmpl"), messages));
    }

    if (route.name === "completions") {
      const prompt = checkCompletionRequest(body, model);
      const reply = takeReply(request);
      return answer(res, reply, headers, wantsStream, () => renderCompletion(context(body, reply, "cmpl"), prompt));
    }

    const { inputs, dimensions } = checkEmbeddingRequest(body, model);
    const reply = takeReply(request);
    return answer(res, reply, headers, false, () => ({ response: renderEmbeddings(body, reply, inputs, dimensions) }));
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
    scriptSearch: (...replies) => search.script(...replies),
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      queue.length = 0;
      search.reset();
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
