/**
 * Faults no recording has, each over loopback HTTP through the public API: an abort while a read
 * is pending, a dropped connection with the transport's retries off, an in-band error of any
 * shape, a tool call whose name comes before its id, and a call without a name.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APICallError, LanguageModelV2, LanguageModelV2StreamPart } from "@ai-sdk/provider";
import { generateText } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { createSynthetic } from "../src";
import { useEmulator } from "./support/emulator";

const KEY = "sk-faults";
const MODEL = "hf:deepseek-ai/DeepSeek-V4.1-Flash";
const PROMPT = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];
const fixture = useEmulator({}, KEY);
/** What a promise rejected with (it must reject). */
const rejection = async (promise: PromiseLike<unknown>): Promise<Error & Record<string, unknown>> => {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected a rejection");
};
const model = (settings = {}): LanguageModelV2 => fixture.provider(settings)(MODEL);

/** A server that answers every request with `head` and then holds the connection open. */
async function holdingServer(contentType: string, head: string) {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": contentType });
      res.write(head);
      held.push(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { baseURL: `http://127.0.0.1:${port}/openai/v1` };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function readParts(stream: ReadableStream<LanguageModelV2StreamPart>) {
  const { parts, error } = await readUntilError(stream);
  if (error !== undefined) throw error;
  return parts;
}

/**
 * Node's own fetch, calling `onSecondRead` (a macrotask later) once the second body read is
 * pending: the server sent its first bytes and holds the rest.
 */
function fetchWatchingReads(onSecondRead: () => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const body = response.body as ReadableStream<Uint8Array>;
    const getReader = body.getReader.bind(body);
    Object.assign(body, {
      getReader: () => {
        const reader = getReader();
        const read = reader.read.bind(reader);
        let reads = 0;
        return Object.assign(reader, {
          read: () => {
            if (++reads === 2) setImmediate(onSecondRead);
            return read();
          },
        });
      },
    });
    return response;
  };
}

/** Every part of `stream`, and the error it ended with, if any. */
async function readUntilError(stream: ReadableStream<LanguageModelV2StreamPart>) {
  const parts: LanguageModelV2StreamPart[] = [];
  const reader = stream.getReader();
  let error: unknown;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (caught) {
    error = caught;
  }
  return { parts, error };
}

/** doStream against a server that sends `body` and holds the rest, aborted while the second read is pending. */
async function streamAbortedOnSecondRead(contentType: string, body: string) {
  const { baseURL } = await holdingServer(contentType, body);
  const controller = new AbortController();
  const fetch = fetchWatchingReads(() => controller.abort());
  const { stream } = await createSynthetic({ baseURL, apiKey: KEY, fetch })(MODEL).doStream({
    prompt: PROMPT,
    abortSignal: controller.signal,
  });
  return readUntilError(stream);
}

describe("an abort while a read is pending", () => {
  it("ends doStream with the AbortError, after the text so far, with no error part", async () => {
    const chunk = { id: "c1", choices: [{ index: 0, delta: { content: "Partial ans" } }] };
    const { parts, error } = await streamAbortedOnSecondRead("text/event-stream", `data: ${JSON.stringify(chunk)}\n\n`);
    expect((error as Error | undefined)?.name).toBe("AbortError");
    expect(parts.filter((part) => part.type === "text-delta").map((part) => part.delta)).toEqual(["Partial ans"]);
    expect(parts.map((part) => part.type)).not.toContain("error");
    expect(parts.map((part) => part.type)).not.toContain("finish");
  });

  it("ends doStream with the AbortError while a JSON answer (not an event stream) is still arriving", async () => {
    const { parts, error } = await streamAbortedOnSecondRead("application/json", '{"error":"The model is over');
    const types = parts.map((part) => part.type);
    expect((error as Error | undefined)?.name).toBe("AbortError");
    expect(types).not.toContain("error");
    expect(types).not.toContain("finish");
  });

  it("rejects doGenerate with the AbortError, not a retryable APICallError", async () => {
    const { baseURL } = await holdingServer(
      "application/json",
      '{"id":"c1","choices":[{"index":0,"message":{"content":"Partial ans',
    );
    const controller = new AbortController();
    const fetch = fetchWatchingReads(() => controller.abort());
    const error = await rejection(
      createSynthetic({ baseURL, apiKey: KEY, fetch })(MODEL).doGenerate({
        prompt: PROMPT,
        abortSignal: controller.signal,
      }),
    );
    expect(error.name).toBe("AbortError");
    expect(error.isRetryable).toBeUndefined();
  });
});

describe("maxRetries: 0 hands connection failures to the caller's retries", () => {
  it("wraps a dropped connection as a retryable APICallError, so ai's maxRetries 2 makes three attempts", async () => {
    let connections = 0;
    const server = createServer();
    server.on("connection", (socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    const synthetic = createSynthetic({ baseURL: `http://127.0.0.1:${port}/openai/v1`, apiKey: KEY, maxRetries: 0 });
    const error = await rejection(generateText({ model: synthetic(MODEL), prompt: "hi", maxRetries: 2 }));
    const lastError = error.lastError as APICallError | undefined;
    expect(connections).toBe(3);
    expect(lastError?.message).toMatch(/^Cannot connect to Synthetic: /);
    expect(lastError?.isRetryable).toBe(true);
  });
});

describe("an in-band error of any shape is a fault", () => {
  const cuda = { error: { code: 500, detail: "CUDA out of memory" } };

  it("streamed: an error part with the body's text, and finish 'error'", async () => {
    fixture.emulator.script({ rawSse: `data: ${JSON.stringify(cuda)}\n\ndata: [DONE]\n\n` });
    const { stream } = await model().doStream({ prompt: PROMPT });
    const parts = await readParts(stream);
    const errors = parts.filter((part) => part.type === "error");
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as { error: Error }).error.message)).toContain("CUDA out of memory");
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "error" });
  });

  it("streamed as a bare string: the string is the text", async () => {
    fixture.emulator.script({ rawSse: `data: {"error":"backend overloaded"}\n\ndata: [DONE]\n\n` });
    const parts = await readParts((await model().doStream({ prompt: PROMPT })).stream);
    expect(parts.filter((part) => part.type === "error").map((part) => String(part.error))).toEqual([
      "SyntheticStreamError: Synthetic stream error: backend overloaded",
    ]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "error" });
  });

  it("not streamed: doGenerate rejects with the body's text", async () => {
    fixture.emulator.script({ rawBody: JSON.stringify(cuda) });
    const error = await rejection(model().doGenerate({ prompt: PROMPT }));
    expect(error.message).toContain("CUDA out of memory");
  });
});

const sse = (...events: unknown[]) =>
  `${events.map((event) => `data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`).join("")}`;
const toolDelta = (call: Record<string, unknown>, finish: string | null = null) => ({
  id: "c1",
  choices: [{ index: 0, delta: { tool_calls: [call] }, finish_reason: finish }],
});

describe("streamed tool calls", () => {
  it("keeps the arguments of a call whose name arrives before its id, at the same index", async () => {
    fixture.emulator.script({
      rawSse: sse(
        toolDelta({ index: 0, type: "function", function: { name: "get_weather" } }),
        toolDelta({ index: 0, id: "call_abc", function: { arguments: '{"city":' } }),
        toolDelta({ index: 0, function: { arguments: '"Paris"}' } }),
        { id: "c1", choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] },
        "[DONE]",
      ),
    });
    const parts = await readParts((await model().doStream({ prompt: PROMPT })).stream);
    const calls = parts.filter((part) => part.type === "tool-call");
    expect(calls).toEqual([
      { type: "tool-call", toolCallId: "call_abc", toolName: "get_weather", input: '{"city":"Paris"}' },
    ]);
    const started = parts.filter((part) => part.type === "tool-input-start");
    expect(started).toEqual([{ type: "tool-input-start", id: "call_abc", toolName: "get_weather" }]);
    const streamedInput = parts
      .filter((part) => part.type === "tool-input-delta")
      .map((part) => part.delta)
      .join("");
    expect(streamedInput).toBe('{"city":"Paris"}');
    expect(parts.map((part) => part.type)).not.toContain("error");
  });

  it("keeps two calls that share index 0 apart by their ids", async () => {
    fixture.emulator.script({
      rawSse: sse(
        toolDelta({ index: 0, id: "call_1", function: { name: "a", arguments: "{}" } }),
        toolDelta({ index: 0, id: "call_2", function: { name: "b", arguments: '{"x":1}' } }),
        toolDelta({ index: 0, id: "call_2", function: {} }, "tool_calls"),
        "[DONE]",
      ),
    });
    const parts = await readParts((await model().doStream({ prompt: PROMPT })).stream);
    expect(parts.filter((part) => part.type === "tool-call").map((part) => [part.toolCallId, part.input])).toEqual([
      ["call_1", "{}"],
      ["call_2", '{"x":1}'],
    ]);
  });
});

describe("a tool call without a name is a fault, streamed or not", () => {
  const problem = /Synthetic sent a tool call \(call_x\) without a tool name; it was not run\./;

  it("streamed: an error part naming it, no tool-call, and finish 'error'", async () => {
    fixture.emulator.script({
      rawSse: sse(toolDelta({ index: 0, id: "call_x", function: { arguments: "{}" } }, "tool_calls"), "[DONE]"),
    });
    const parts = await readParts((await model().doStream({ prompt: PROMPT })).stream);
    expect(parts.map((part) => part.type)).not.toContain("tool-call");
    const errors = parts.filter((part) => part.type === "error");
    expect(errors.map((part) => String((part.error as Error).message))).toEqual([expect.stringMatching(problem)]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "error" });
  });

  it("not streamed: doGenerate rejects with the same text instead of handing over toolName ''", async () => {
    fixture.emulator.script({
      rawBody: JSON.stringify({
        id: "c1",
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              tool_calls: [{ id: "call_x", type: "function", function: { arguments: "{}" } }],
            },
            finish_reason: "tool_calls",
          },
        ],
      }),
    });
    const error = await rejection(model().doGenerate({ prompt: PROMPT }));
    expect(error.message).toMatch(problem);
  });
});

describe("a provider-defined tool", () => {
  it("gives V2's unsupported-tool warning, naming the tool, on both calls", async () => {
    const tool = { type: "provider-defined" as const, id: "openai.web_search" as const, name: "web_search", args: {} };
    fixture.emulator.script({ content: "ok" }, { content: "ok" });
    const generated = await model().doGenerate({ prompt: PROMPT, tools: [tool] });
    const streamed = await model().doStream({ prompt: PROMPT, tools: [tool] });
    const start = (await readParts(streamed.stream))[0];
    const expected = [{ type: "unsupported-tool", tool, details: "Synthetic runs function tools only." }];
    expect(generated.warnings).toEqual(expected);
    expect(start).toEqual({ type: "stream-start", warnings: expected });
  });
});
