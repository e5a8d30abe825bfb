import { type FormParser, opensWith, type ParsedCall, parseObject, readElements } from "./types";

// <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>CALL<｜tool▁call▁end｜>…<｜tool▁calls▁end｜>, where CALL is
//   V3:   function<｜tool▁sep｜>NAME\n```json\n{…}\n```   (vLLM deepseekv3_tool_parser)
//   V3.1: NAME<｜tool▁sep｜>{…}                        (vLLM deepseekv31_tool_parser)
const SEP = "<｜tool▁sep｜>";
const FENCED = /^([^\n`]+)\n```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/;

function readCall(inside: string): ParsedCall | undefined {
  const at = inside.indexOf(SEP);
  if (at === -1) return undefined;
  const left = inside.slice(0, at).trim();
  const right = inside.slice(at + SEP.length);
  const fenced = left === "function" ? FENCED.exec(right) : null;
  const name = fenced ? fenced[1]?.trim() : left;
  const input = parseObject((fenced ? (fenced[2] as string) : right).trim());
  return name && !/\s/.test(name) && input ? { name, input } : undefined;
}

export const deepseek: FormParser = {
  form: "deepseek",
  start: "<｜tool▁calls▁begin｜>",
  end: "<｜tool▁calls▁end｜>",
  opens: opensWith("<｜tool▁call▁begin｜>"),
  parse: (body) => readElements(body, "<｜tool▁call▁begin｜>", "<｜tool▁call▁end｜>", readCall),
};
