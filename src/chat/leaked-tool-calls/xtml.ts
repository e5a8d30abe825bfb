import { type FormParser, opensWith, type ParsedCall, parseObject, readElements } from "./types";

// <|open|>tools<|sep|>
//   <|open|>call tool="NAME" index="1"<|sep|>
//     <|open|>argument key="K" type="string"<|sep|>RAW<|close|>argument<|sep|>   (or one json block)
//   <|close|>call<|sep|>
// <|close|>tools<|sep|><|close|>message<|sep|>
// Kimi K3's tool channel (vLLM kimi_k3_tool_parser, sglang kimik3_detector); GLM 5.2 was seen writing it too.
const SEP = "<|sep|>";
const ATTRIBUTE = /(\w+)="([^"]*)"/g;

const attributes = (text: string): Map<string, string> => {
  const found = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    // Attribute values are escaped on the way in: &quot; and &amp;.
    found.set(match[1] as string, (match[2] as string).replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  return found;
};

/** `ATTRS<|sep|>REST` → [attrs, rest]. */
const head = (inside: string): [Map<string, string>, string] | undefined => {
  const sep = inside.indexOf(SEP);
  return sep === -1 ? undefined : [attributes(inside.slice(0, sep)), inside.slice(sep + SEP.length)];
};

function readCall(inside: string): ParsedCall | undefined {
  if (!inside.startsWith(" ")) return undefined;
  const parts = head(inside);
  const name = parts?.[0].get("tool");
  if (!parts || !name) return undefined;
  const body = parts[1];
  if (body.trimStart().startsWith("<|open|>json")) {
    const block = readElements(body, "<|open|>json", "<|close|>json<|sep|>", (json) => {
      const value = head(json);
      return value ? parseObject(value[1]) : undefined;
    });
    return block?.length === 1 && block[0] ? { name, input: block[0] } : undefined;
  }
  const input: Record<string, unknown> = {};
  const args = readElements(body, "<|open|>argument ", "<|close|>argument<|sep|>", (argument) => {
    const value = head(argument);
    const key = value?.[0].get("key");
    if (!value || !key) return undefined;
    const type = value[0].get("type") ?? "string";
    if (type === "string") {
      input[key] = value[1];
      return true;
    }
    try {
      input[key] = JSON.parse(value[1]);
      return true;
    } catch {
      return undefined;
    }
  });
  return args ? { name, input } : undefined;
}

export const xtml: FormParser = {
  form: "xtml",
  start: "<|open|>tools<|sep|>",
  end: "<|close|>tools<|sep|>",
  trailer: "<|close|>message<|sep|>",
  opens: opensWith("<|open|>call"),
  parse: (body) => readElements(body, "<|open|>call", "<|close|>call<|sep|>", readCall),
};
