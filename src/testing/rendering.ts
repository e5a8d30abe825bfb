/** Synthetic's response bodies and SSE events, built from a scripted (or made-up) reply. */
import { createHash } from "node:crypto";
import type { SyntheticModelInfo } from "../catalog-schema";
import { capOutput, capTokens, maxTokensOf } from "./limits";
import type { EmulatorReply } from "./types";
import { asArray, estimateTokens, isRecord, type Json, lastUserText, promptChars } from "./wire";

/** A rendered streaming body: the content events, then the tail (finish and usage) a stream error replaces. */
export type Events = { body: Json[]; tail: Json[] };

export interface RenderContext {
  body: Json;
  model: SyntheticModelInfo | undefined;
  reply: EmulatorReply;
  chunkSize: number;
  id: string;
  created: number;
  nextCallId: () => number;
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

/** `$`-prefixed USD per token, as Synthetic's /models prints prices; zero prints as `"0"`. */
function perTokenPrice(perMillion: number | null | undefined): string {
  if (!perMillion || !Number.isFinite(perMillion)) return "0";
  return `$${(perMillion / 1_000_000).toFixed(14).replace(/\.?0+$/, "")}`;
}

export function modelEntry(model: SyntheticModelInfo): Json {
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
    // A model without a known price is listed without `pricing`, as readers must tolerate.
    ...(model.cost
      ? {
          pricing: {
            prompt: perTokenPrice(model.cost.input),
            completion: perTokenPrice(model.cost.output),
            image: "0",
            request: "0",
            input_cache_reads: perTokenPrice(model.cost.cacheRead ?? model.cost.input),
            input_cache_writes: "0",
          },
        }
      : {}),
    ...(embedding ? {} : { supported_features: features }),
    ...(model.reasoningEfforts?.length ? { reasoning_parameters: { efforts: model.reasoningEfforts } } : {}),
  };
}

function usageOf(
  reply: EmulatorReply,
  promptTokens: number,
  completionChars: number,
  maxTokens: number | undefined,
): Json | undefined {
  if (reply.usage === false) return undefined;
  const prompt = reply.usage?.promptTokens ?? promptTokens;
  const completion = reply.usage?.completionTokens ?? capTokens(estimateTokens(completionChars), maxTokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: reply.usage?.cachedTokens ?? 0 },
  };
}

export function renderChat(ctx: RenderContext, messages: unknown[]): { response: Json; events: Events } {
  const { body, model, reply } = ctx;
  const userText = lastUserText(messages);
  const madeUp = reply.content === undefined && reply.toolCalls === undefined;
  const maxTokens = maxTokensOf(body);
  const capped = capOutput(maxTokens, {
    content: reply.content ?? (reply.toolCalls ? "" : `Echo: ${userText}`),
    reasoning: reply.reasoning ?? (madeUp && model?.reasoning ? `Thinking about: ${userText}` : undefined),
  });
  let content = capped.content;
  const reasoning = capped.reasoning;
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
  const finishReason = reply.finishReason ?? (capped.cut ? "length" : calls.length ? "tool_calls" : "stop");
  const completionChars =
    (reasoningField ? (reasoning?.length ?? 0) : 0) + content.length + calls.reduce((n, c) => n + c.args.length, 0);
  const usage = usageOf(reply, estimateTokens(promptChars(messages)), completionChars, maxTokens);

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

export function renderCompletion(ctx: RenderContext, prompt: string): { response: Json; events: Events } {
  const { body, reply } = ctx;
  const maxTokens = maxTokensOf(body);
  const capped = capOutput(maxTokens, { content: reply.content ?? `Echo: ${prompt}`, reasoning: undefined });
  const text = capped.content;
  const finishReason = reply.finishReason ?? (capped.cut ? "length" : "stop");
  const usage = usageOf(reply, estimateTokens(prompt.length), text.length, maxTokens);
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

/** An /embeddings response: the scripted vectors, else one hashed unit vector per input. */
export function renderEmbeddings(body: Json, reply: EmulatorReply, inputs: string[], dimensions: number): Json {
  const vectors = reply.embedding ?? inputs.map((input) => hashEmbedding(input, dimensions));
  const tokens = estimateTokens(inputs.reduce((n, input) => n + input.length, 0));
  return {
    object: "list",
    data: vectors.map((vector, index) => ({
      object: "embedding",
      index,
      embedding: body.encoding_format === "base64" ? base64Floats(vector) : vector,
    })),
    model: body.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
