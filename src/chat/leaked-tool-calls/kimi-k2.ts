import { type FormParser, opensWith, type ParsedCall, parseObject, readElements } from "./types";

// <|tool_calls_section_begin|>
// <|tool_call_begin|>functions.NAME:0<|tool_call_argument_begin|>{…}<|tool_call_end|>
// <|tool_calls_section_end|>
// Kimi K2 (vLLM kimi_k2_tool_parser, sglang kimik2_detector). The id is `functions.NAME:N`; leaked
// text also shows it without `functions.` or without `:N`.
const ARGUMENTS = "<|tool_call_argument_begin|>";

function readCall(inside: string): ParsedCall | undefined {
  const at = inside.indexOf(ARGUMENTS);
  if (at === -1) return undefined;
  const id = /^\s*(?:functions\.)?([\w-]+(?:\.[\w-]+)*?)(?::\d+)?\s*$/.exec(inside.slice(0, at));
  const input = parseObject(inside.slice(at + ARGUMENTS.length).trim());
  return id?.[1] && input ? { name: id[1], input } : undefined;
}

const parse = (body: string) => readElements(body, "<|tool_call_begin|>", "<|tool_call_end|>", readCall);

export const kimiK2: FormParser = {
  form: "kimi-k2",
  start: "<|tool_calls_section_begin|>",
  end: "<|tool_calls_section_end|>",
  opens: opensWith("<|tool_call_begin|>"),
  parse,
};

/** The singular section tokens vLLM's parser also accepts. */
export const kimiK2Singular: FormParser = {
  form: "kimi-k2",
  start: "<|tool_call_section_begin|>",
  end: "<|tool_call_section_end|>",
  opens: opensWith("<|tool_call_begin|>"),
  parse,
};
