import { type FormParser, isSpace, opensWith, type ParsedCall, readElements, readValue } from "./types";

// <minimax:tool_call>
// <invoke name="NAME">
// <parameter name="K">V</parameter>
// </invoke>
// </minimax:tool_call>
// MiniMax M2 (vLLM minimax_m2_tool_parser, sglang minimax_m2): values typed by the tool's schema,
// a string parameter raw, anything else JSON, else the raw text.
const NAMED = /^\s*name="([^"]+)"\s*>/;

function readInvoke(inside: string, tools: ReadonlyMap<string, unknown>): ParsedCall | undefined {
  const head = NAMED.exec(inside);
  const name = head?.[1];
  if (!head || !name) return undefined;
  const schema = tools.get(name);
  const input: Record<string, unknown> = {};
  const params = readElements(inside.slice(head[0].length), "<parameter", "</parameter>", (param) => {
    const named = NAMED.exec(param);
    if (!named?.[1] || !isSpace(param.charCodeAt(0))) return undefined;
    input[named[1]] = readValue(param.slice(named[0].length), schema, named[1]);
    return true;
  });
  return params ? { name, input } : undefined;
}

export const minimax: FormParser = {
  form: "minimax",
  start: "<minimax:tool_call>",
  end: "</minimax:tool_call>",
  opens: opensWith("<invoke"),
  parse: (body, tools) =>
    readElements(body, "<invoke", "</invoke>", (inside) =>
      isSpace(inside.charCodeAt(0)) ? readInvoke(inside, tools) : undefined,
    ),
};
