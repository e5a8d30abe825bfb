import type { SyntheticModelInfo } from "./catalog-schema";

type Message = Record<string, unknown> & { role?: unknown };

// Kimi-K2-Thinking rejects an assistant tool-call turn without reasoning_content, and rejects "".
const REPLAY_PLACEHOLDER = "(reasoning not recorded)";

/**
 * Reshapes the chat request the openai-compatible model built into what Synthetic's backends
 * accept, as the catalog says for this model:
 * - assistant reasoning: sent back as `reasoning_content` (never empty) for models that need it,
 *   inlined as `<think>` for think-tag models, dropped for other known reasoning models;
 * - a `tool` message whose call is not in the history (strict backends answer 400) becomes a
 *   user message carrying the same result, so nothing is lost;
 * - `$schema` is removed from tool parameter and response-format schemas (strict backends reject it).
 */
export function prepareChatRequestBody(
  body: Record<string, unknown>,
  info: SyntheticModelInfo | undefined,
): Record<string, unknown> {
  const out = { ...body };
  if (Array.isArray(body.messages)) out.messages = prepareMessages(body.messages as Message[], info);
  if (Array.isArray(body.tools)) out.tools = body.tools.map(stripToolSchema);
  const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type === "json_schema" && format.json_schema) {
    out.response_format = {
      ...format,
      json_schema: { ...format.json_schema, schema: withoutSchemaKey(format.json_schema.schema) },
    };
  }
  return out;
}

function withoutSchemaKey(schema: unknown): unknown {
  if (!schema || typeof schema !== "object" || !("$schema" in schema)) return schema;
  const { $schema: _schema, ...rest } = schema as Record<string, unknown>;
  return rest;
}

function prepareMessages(messages: Message[], info: SyntheticModelInfo | undefined): Message[] {
  const seenCalls = new Set<string>();
  return messages.map((message) => {
    if (message.role === "assistant") {
      for (const call of (message.tool_calls as { id?: string }[] | undefined) ?? []) {
        if (call.id) seenCalls.add(call.id);
      }
      return prepareAssistant(message, info);
    }
    if (message.role === "tool" && typeof message.tool_call_id === "string" && !seenCalls.has(message.tool_call_id)) {
      return {
        role: "user",
        content: `Result of tool call ${message.tool_call_id}: ${String(message.content ?? "")}`,
      };
    }
    return message;
  });
}

function prepareAssistant(message: Message, info: SyntheticModelInfo | undefined): Message {
  if (!info) return message;
  const reasoning = typeof message.reasoning_content === "string" ? message.reasoning_content : "";
  const { reasoning_content: _dropped, ...rest } = message;
  if (info.reasoningFormat === "think-tags") {
    if (!reasoning) return rest;
    const content = typeof message.content === "string" ? message.content : "";
    return { ...rest, content: `<think>${reasoning}</think>\n\n${content}` };
  }
  if (info.reasoningReplay) {
    const hasToolCalls = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
    if (reasoning) return { ...rest, reasoning_content: reasoning };
    return hasToolCalls ? { ...rest, reasoning_content: REPLAY_PLACEHOLDER } : rest;
  }
  return rest;
}

function stripToolSchema(tool: unknown): unknown {
  if (!tool || typeof tool !== "object") return tool;
  const fn = (tool as { function?: { parameters?: unknown } }).function;
  if (!fn?.parameters) return tool;
  return { ...tool, function: { ...fn, parameters: withoutSchemaKey(fn.parameters) } };
}
