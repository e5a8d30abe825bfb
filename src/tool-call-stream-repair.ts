import type { FetchFunction } from "@ai-sdk/provider-utils";

type ToolCallDelta = {
  index?: number | null;
  id?: string | null;
  type?: string;
  function?: { name?: string | null; arguments?: string | null };
};
type Held = { index: number; id?: string | null; arguments: string };

/**
 * Wraps `fetch` so that streamed chat responses to requests that carry tools are repaired before
 * the openai-compatible model reads them. Requests without tools pass through untouched, so plain
 * text streaming pays nothing.
 *
 * Why: some Synthetic backends send a tool call's `id` before its `name`. @ai-sdk/provider-utils
 * 3.0.x's StreamingToolCallTracker throws "Expected 'function.name' to be a string" on such a
 * first delta, which kills the whole stream. Deltas of a call are held until its name arrives,
 * then sent as one delta with the arguments gathered so far.
 */
export function withToolCallStreamRepair(fetchImpl: FetchFunction): FetchFunction {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const body = typeof init?.body === "string" ? init.body : "";
    if (!response.body || !body.includes('"tools":[') || !body.includes('"stream":true')) return response;
    return new Response(response.body.pipeThrough(repairToolCallEvents()), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The SSE transform itself: events without `"tool_calls"` are passed on byte for byte. */
export function repairToolCallEvents(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const held = new Map<number, Held>();
  let buffer = "";

  const repairEvent = (event: string): string => {
    if (!event.includes('"tool_calls"')) return event;
    return event.replace(/^data: ?(.*)$/gm, (line, json: string) => {
      let chunk: { choices?: { delta?: { tool_calls?: ToolCallDelta[] | null } }[] };
      try {
        chunk = JSON.parse(json);
      } catch {
        return line; // The model reports malformed chunks itself.
      }
      const delta = chunk.choices?.[0]?.delta;
      if (!delta?.tool_calls) return line;
      delta.tool_calls = delta.tool_calls.flatMap((call, position) => repairDelta(call, position));
      return `data: ${JSON.stringify(chunk)}`;
    });
  };

  const repairDelta = (call: ToolCallDelta, position: number): ToolCallDelta[] => {
    const index = call.index ?? position;
    const name = call.function?.name;
    const pending = held.get(index);
    if (pending && (!pending.id || !call.id || call.id === pending.id)) {
      pending.arguments += call.function?.arguments ?? "";
      pending.id ??= call.id;
      if (!name) return [];
      held.delete(index);
      return [{ ...call, index, id: pending.id, type: "function", function: { name, arguments: pending.arguments } }];
    }
    if (call.id && !name) {
      held.set(index, { index, id: call.id, arguments: call.function?.arguments ?? "" });
      return [];
    }
    return [call];
  };

  return new TransformStream({
    transform(bytes, controller) {
      buffer += decoder.decode(bytes, { stream: true });
      let end = buffer.indexOf("\n\n");
      if (end === -1) return;
      let out = "";
      let start = 0;
      while (end !== -1) {
        out += `${repairEvent(buffer.slice(start, end))}\n\n`;
        start = end + 2;
        end = buffer.indexOf("\n\n", start);
      }
      buffer = buffer.slice(start);
      controller.enqueue(encoder.encode(out));
    },
    flush(controller) {
      const rest = buffer + decoder.decode();
      if (rest) controller.enqueue(encoder.encode(repairEvent(rest)));
    },
  });
}
