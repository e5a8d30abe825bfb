import { z } from "zod/v4";
import { listModels } from "../catalog";
import type { SyntheticModelInfo } from "../catalog-schema";
import { formatZodError, SyntheticConfigurationError } from "../errors";
import { lazy } from "../lazy";
import type { SyntheticCallOptions, SyntheticPromptPart, SyntheticWarning } from "./types";

/**
 * Options under `providerOptions.synthetic`. Unknown keys are rejected, not passed through.
 * A `z.lazy` schema: the object inside (`syntheticChatOptions.unwrap()`, always the same one) is
 * built on first use, because zod schemas built at import cost cold-import time (docs/internals/performance.md).
 */
export const syntheticChatOptions = z.lazy(
  lazy(() =>
    z
      .object({
        /**
         * Sent as `reasoning_effort`. Accepted values are per model (`reasoningEfforts` in the
         * catalog, e.g. `"low" | "medium" | "high"`); a value the catalog rules out fails before the
         * request, and models without reasoning ignore it with a warning.
         */
        reasoningEffort: z.string().min(1).optional(),
        /** Sent as `min_p`: minimum token probability relative to the most likely token. */
        minP: z.number().min(0).max(1).optional(),
        /** Sent as `parallel_tool_calls`. */
        parallelToolCalls: z.boolean().optional(),
        /** Sent as `user`: an end-user id for abuse monitoring. */
        user: z.string().optional(),
        /**
         * Tool calls the model wrote into its answer text as template markup (no `tool_calls`)
         * come back as tool calls, with a warning, when the request offers tools. Default `true`;
         * `false` leaves the text as it came. See docs/reasoning-and-tools.md.
         */
        recoverLeakedToolCalls: z.boolean().optional(),
      })
      .strict(),
  ),
);
export type SyntheticChatOptions = z.infer<typeof syntheticChatOptions>;

// Kimi-K2-Thinking rejects an assistant tool-call turn without reasoning_content, and rejects "".
const REPLAY_PLACEHOLDER = "(reasoning not recorded)";

/** ai@7's `reasoning` levels, weakest first, to find the nearest effort a model accepts. */
const EFFORT_LADDER = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];

type Message = Record<string, unknown>;

/**
 * The chat/completions body for a call, and the warnings for what it could not honour. Throws a
 * `SyntheticConfigurationError` before any request for what the model cannot take at all.
 */
export function buildChatRequest(
  modelId: string,
  options: SyntheticCallOptions,
  info: SyntheticModelInfo | undefined,
  stream: boolean,
): { body: Record<string, unknown>; warnings: SyntheticWarning[]; recoverLeakedToolCalls: boolean } {
  const warnings: SyntheticWarning[] = [];
  const synthetic = parseSyntheticOptions(options.providerOptions?.synthetic);
  if (info && options.tools && options.tools.length > 0 && !info.tools) {
    throw unsupportedInput(info, "tools", (m) => m.tools);
  }

  const tools: unknown[] = [];
  for (const tool of options.tools ?? []) {
    if (tool.type === "function") {
      tools.push({
        type: "function",
        function: {
          name: tool.name,
          description: tool.description,
          parameters: withoutSchemaKey(tool.inputSchema),
          ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
        },
      });
    } else {
      warnings.push({
        type: "unsupported",
        feature: `tool ${tool.name}`,
        details: "Synthetic runs function tools only.",
        tool,
      });
    }
  }

  const body: Record<string, unknown> = {
    model: modelId,
    messages: convertMessages(options, info),
    max_tokens: options.maxOutputTokens,
    temperature: options.temperature,
    top_p: options.topP,
    top_k: options.topK,
    min_p: synthetic.minP,
    frequency_penalty: options.frequencyPenalty,
    presence_penalty: options.presencePenalty,
    stop: options.stopSequences?.length ? options.stopSequences : undefined,
    seed: options.seed,
    user: synthetic.user,
    reasoning_effort: reasoningEffort(options, synthetic.reasoningEffort, info, warnings),
    response_format: responseFormat(options.responseFormat, info, warnings),
    tools: tools.length > 0 ? tools : undefined,
    tool_choice: tools.length > 0 ? toolChoice(options.toolChoice) : undefined,
    parallel_tool_calls: synthetic.parallelToolCalls,
  };
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return { body, warnings, recoverLeakedToolCalls: synthetic.recoverLeakedToolCalls !== false };
}

function parseSyntheticOptions(value: unknown): SyntheticChatOptions {
  const parsed = syntheticChatOptions.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new SyntheticConfigurationError({
    code: "invalid-provider-options",
    message: `Invalid providerOptions.synthetic: ${formatZodError(parsed.error)}.`,
    fix: `Accepted keys: ${Object.keys(syntheticChatOptions.unwrap().shape).join(", ")}.`,
  });
}

/**
 * `providerOptions.synthetic.reasoningEffort` is checked strictly (a value the model lacks
 * throws); ai@7's `reasoning` is a portable hint, so it maps to the nearest effort the model
 * takes, with a warning whenever what is sent differs from what was asked.
 */
function reasoningEffort(
  options: SyntheticCallOptions,
  explicit: string | undefined,
  info: SyntheticModelInfo | undefined,
  warnings: SyntheticWarning[],
): string | undefined {
  const efforts = info?.reasoning ? info.reasoningEfforts : undefined;
  if (explicit !== undefined) {
    if (!info) return explicit;
    if (!efforts) {
      warnings.push({
        type: "unsupported",
        feature: "providerOptions.synthetic.reasoningEffort",
        details: `${info.id} ${info.reasoning ? "does not take reasoning_effort" : "has no reasoning"}; reasoningEffort "${explicit}" was not sent.`,
      });
      return undefined;
    }
    if (!efforts.includes(explicit)) {
      throw new SyntheticConfigurationError({
        code: "invalid-provider-options",
        message: `${info.id} does not accept reasoningEffort "${explicit}".`,
        fix: `Use one of: ${efforts.map((e) => `"${e}"`).join(", ")}.`,
      });
    }
    return explicit;
  }
  const wanted = options.reasoning;
  if (wanted === undefined || wanted === "provider-default") return undefined;
  if (!info) return wanted;
  if (!info.reasoning) {
    if (wanted !== "none") {
      warnings.push({
        type: "unsupported",
        feature: "reasoning",
        details: `${info.id} has no reasoning; reasoning "${wanted}" was not sent.`,
      });
    }
    return undefined;
  }
  if (!efforts || efforts.length === 0) {
    warnings.push({
      type: "unsupported",
      feature: "reasoning",
      details: `${info.id} reasons but takes no reasoning_effort; reasoning "${wanted}" was not sent and the model's default applies.`,
    });
    return undefined;
  }
  if (efforts.includes(wanted)) return wanted;
  const nearest = nearestEffort(wanted, efforts);
  warnings.push({
    type: "unsupported",
    feature: "reasoning",
    details:
      wanted === "none"
        ? `${info.id} cannot turn reasoning off; sent its lowest effort "${nearest}" instead.`
        : `${info.id} does not take reasoning "${wanted}"; sent the nearest effort it takes, "${nearest}" (accepted: ${efforts.join(", ")}).`,
  });
  return nearest;
}

function nearestEffort(wanted: string, efforts: readonly string[]): string {
  const rank = (effort: string) => EFFORT_LADDER.indexOf(effort);
  const target = rank(wanted);
  const ranked = efforts.filter((effort) => rank(effort) !== -1 && effort !== "none");
  if (ranked.length === 0) return efforts[0] as string;
  // Nearest by rank; on a tie, the weaker one (cheaper, and closer to what "less" asked for).
  return ranked.reduce((best, effort) => {
    const distance = Math.abs(rank(effort) - target);
    const bestDistance = Math.abs(rank(best) - target);
    return distance < bestDistance || (distance === bestDistance && rank(effort) < rank(best)) ? effort : best;
  });
}

function responseFormat(
  format: SyntheticCallOptions["responseFormat"],
  info: SyntheticModelInfo | undefined,
  warnings: SyntheticWarning[],
): unknown {
  if (format?.type !== "json") return undefined;
  const structured = info?.structuredOutputs ?? true;
  if (format.schema && structured) {
    return {
      type: "json_schema",
      json_schema: {
        schema: withoutSchemaKey(format.schema),
        name: format.name ?? "response",
        ...(format.description ? { description: format.description } : {}),
      },
    };
  }
  if (format.schema) {
    warnings.push({
      type: "unsupported",
      feature: "responseFormat",
      details: `${info?.id} has no structured outputs: JSON mode was requested and the schema was not sent to the server.`,
    });
  }
  return { type: "json_object" };
}

function toolChoice(choice: SyntheticCallOptions["toolChoice"]): unknown {
  if (!choice) return undefined;
  if (choice.type === "tool") return { type: "function", function: { name: choice.toolName } };
  return choice.type;
}

// Strict backends reject `$schema` in tool parameter and response-format schemas.
function withoutSchemaKey(schema: unknown): unknown {
  if (!schema || typeof schema !== "object" || !("$schema" in schema)) return schema;
  const { $schema: _schema, ...rest } = schema as Record<string, unknown>;
  return rest;
}

/**
 * The prompt as Synthetic's backends accept it:
 * - assistant reasoning goes back per the catalog: as `reasoning_content` (never empty) for models
 *   that need it, inlined as `<think>` for think-tag models, dropped for the others;
 * - a tool result whose call is not in the history (strict backends answer 400) becomes a user
 *   message carrying the same result, so nothing is lost.
 */
function convertMessages(options: SyntheticCallOptions, info: SyntheticModelInfo | undefined): Message[] {
  const messages: Message[] = [];
  const seenCalls = new Set<string>();
  for (const message of options.prompt) {
    switch (message.role) {
      case "system":
        messages.push({ role: "system", content: message.content });
        break;
      case "user":
        messages.push({ role: "user", content: userContent(message.content, info) });
        break;
      case "assistant": {
        let text = "";
        let reasoning = "";
        const toolCalls: unknown[] = [];
        for (const part of message.content) {
          if (part.type === "text") text += String(part.text ?? "");
          else if (part.type === "reasoning") reasoning += String(part.text ?? "");
          else if (part.type === "tool-call") {
            const id = String(part.toolCallId);
            seenCalls.add(id);
            toolCalls.push({
              id,
              type: "function",
              function: { name: String(part.toolName), arguments: toolArguments(part.input) },
            });
          }
        }
        messages.push(assistantMessage(text, reasoning, toolCalls, info));
        break;
      }
      case "tool":
        for (const part of message.content) {
          if (part.type !== "tool-result") continue;
          const id = String(part.toolCallId);
          const content = toolResultText(part.output);
          messages.push(
            seenCalls.has(id)
              ? { role: "tool", tool_call_id: id, content }
              : { role: "user", content: `Result of tool call ${id}: ${content}` },
          );
        }
        break;
    }
  }
  return messages;
}

function assistantMessage(
  text: string,
  reasoning: string,
  toolCalls: unknown[],
  info: SyntheticModelInfo | undefined,
): Message {
  const message: Message = { role: "assistant", content: text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (info?.reasoningFormat === "think-tags") {
    if (reasoning) message.content = `<think>${reasoning}</think>\n\n${text}`;
  } else if (info?.reasoningReplay) {
    if (reasoning) message.reasoning_content = reasoning;
    else if (toolCalls.length > 0) message.reasoning_content = REPLAY_PLACEHOLDER;
  } else if (!info && reasoning) {
    // An unknown model: the field most reasoning backends read, harmless to the rest.
    message.reasoning_content = reasoning;
  }
  return message;
}

function toolArguments(input: unknown): string {
  return typeof input === "string" ? input : JSON.stringify(input ?? {});
}

function toolResultText(output: unknown): string {
  if (!output || typeof output !== "object") return JSON.stringify(output ?? null);
  const { type, value, reason } = output as { type?: string; value?: unknown; reason?: unknown };
  switch (type) {
    case "text":
    case "error-text":
      return String(value);
    case "execution-denied":
      return typeof reason === "string" ? reason : "Tool execution denied.";
    case "content":
      return Array.isArray(value)
        ? value
            .map((item: { type?: string; text?: unknown }) =>
              item.type === "text" ? String(item.text) : JSON.stringify(item),
            )
            .join("\n")
        : JSON.stringify(value);
    default:
      return JSON.stringify(value ?? output);
  }
}

function userContent(parts: readonly SyntheticPromptPart[], info: SyntheticModelInfo | undefined): unknown {
  if (parts.length === 1 && parts[0]?.type === "text") return String(parts[0].text);
  return parts.map((part) => {
    if (part.type === "text") return { type: "text", text: String(part.text) };
    if (part.type === "file") {
      const mediaType = String(part.mediaType ?? "");
      if (!mediaType.startsWith("image/")) {
        throw new SyntheticConfigurationError({
          code: "unsupported-input",
          message: `Synthetic's chat models take text and images; a ${mediaType || "file"} part was given.`,
          fix: "Send the file's text as a text part, or an image.",
        });
      }
      if (info && !info.input.includes("image"))
        throw unsupportedInput(info, "image input", (m) => m.input.includes("image"));
      return { type: "image_url", image_url: { url: imageUrl(part.data, mediaType) } };
    }
    throw new SyntheticConfigurationError({
      code: "unsupported-input",
      message: `A user message part of type "${part.type}" cannot be sent to Synthetic.`,
      fix: "Use text and image parts.",
    });
  });
}

/** An image part's data as a URL: V2/V3 give a URL, base64 or bytes; V4 wraps them as `{ type, ... }`. */
function imageUrl(data: unknown, mediaType: string): string {
  const type = mediaType === "image/*" ? "image/jpeg" : mediaType;
  if (data instanceof URL) return data.href;
  if (data instanceof Uint8Array) return `data:${type};base64,${toBase64(data)}`;
  if (typeof data === "string") return /^(https?|data):/i.test(data) ? data : `data:${type};base64,${data}`;
  if (data && typeof data === "object") {
    const wrapped = data as { type?: string; url?: unknown; data?: unknown };
    if (wrapped.type === "url") return imageUrl(wrapped.url, mediaType);
    if (wrapped.type === "data") return imageUrl(wrapped.data, mediaType);
  }
  throw new SyntheticConfigurationError({
    code: "unsupported-input",
    message: "An image part holds data Synthetic cannot be sent (a provider file reference?).",
    fix: "Pass the image as bytes, base64 or an https URL.",
  });
}

function unsupportedInput(
  info: SyntheticModelInfo,
  what: string,
  supports: (model: SyntheticModelInfo) => boolean,
): SyntheticConfigurationError {
  const alternatives = listModels({ kind: "chat" })
    .filter((model) => supports(model) && !model.deprecated && !model.retired)
    .slice(0, 3)
    .map((model) => model.id);
  return new SyntheticConfigurationError({
    code: "unsupported-input",
    message: `${info.id} does not support ${what}.`,
    fix:
      alternatives.length > 0
        ? `Use a model that does, such as ${alternatives.map((id) => `"${id}"`).join(" or ")}.`
        : `Remove the ${what} from the call.`,
  });
}

// Buffer where the runtime has one (Node, Bun, Deno): native, and what provider-utils' helper
// uses. Elsewhere btoa over 8 KiB slices (a whole image as arguments would overflow the stack).
export function toBase64(bytes: Uint8Array): string {
  const { Buffer } = globalThis as { Buffer?: typeof import("node:buffer").Buffer };
  if (Buffer) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  const slices: string[] = [];
  for (let start = 0; start < bytes.length; start += 0x2000) {
    slices.push(String.fromCharCode.apply(null, bytes.subarray(start, start + 0x2000) as unknown as number[]));
  }
  return btoa(slices.join(""));
}
