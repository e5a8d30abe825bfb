import { type FormParser, isSpace, type ParsedCall, readValue } from "./types";

// <tool_call>NAME
// <arg_key>K</arg_key>
// <arg_value>V</arg_value>
// </tool_call>
// GLM 4.5–4.7 (vLLM glm4_moe / glm47_moe parsers): a value is raw text for a string parameter,
// else JSON, else the raw text. A call may have no arguments (`<tool_call>NAME</tool_call>`).
const KEY = ["<arg_key>", "</arg_key>"] as const;
const VALUE = ["<arg_value>", "</arg_value>"] as const;

function readCall(body: string, tools: ReadonlyMap<string, unknown>): ParsedCall | undefined {
  const first = body.indexOf(KEY[0]);
  // GLM 5.2 sometimes ends an argument-less call's name with a stray `</arg_value>`
  // (fw-ai-external/python-sdk#119: `<tool_call>tool_12</arg_value>`).
  const name = (first === -1 ? body.replace(/<\/arg_value>\s*$/, "") : body.slice(0, first)).trim();
  if (!name || /[\s<>{}"]/.test(name)) return undefined;
  const schema = tools.get(name);
  const input: Record<string, unknown> = {};
  if (first === -1) return { name, input };
  let at = first;
  /** The text inside `tag` at `at` (after whitespace), moving past it; `undefined` when not there. */
  const element = ([open, close]: readonly [string, string]): string | undefined => {
    while (at < body.length && isSpace(body.charCodeAt(at))) at++;
    if (!body.startsWith(open, at)) return undefined;
    const end = body.indexOf(close, at + open.length);
    if (end === -1) return undefined;
    const inside = body.slice(at + open.length, end);
    at = end + close.length;
    return inside;
  };
  while (at < body.length) {
    const key = element(KEY)?.trim();
    if (key === undefined) {
      if (body.slice(at).trim() === "") break;
      return undefined;
    }
    const value = element(VALUE);
    if (!key || value === undefined) return undefined;
    input[key] = readValue(value, schema, key);
  }
  return { name, input };
}

export const glm: FormParser = {
  form: "glm",
  start: "<tool_call>",
  end: "</tool_call>",
  // A name, then `<arg_key>` or the end tag.
  opens: (head) => {
    const name = /^[\w.:-]+\s*/.exec(head);
    if (!name) return head.length === 0 ? undefined : false;
    return name[0].length === head.length ? undefined : head[name[0].length] === "<";
  },
  parse: (body, tools) => {
    const call = readCall(body, tools);
    return call ? [call] : undefined;
  },
};
