import { type FormParser, opensWith, parseObject } from "./types";

// <tool_call>
// {"name": "NAME", "arguments": {…}}
// </tool_call>
// Qwen 2.5/3 and Hermes templates (vLLM hermes_tool_parser, sglang qwen25_detector / hermes_detector).
export const hermes: FormParser = {
  form: "hermes",
  start: "<tool_call>",
  end: "</tool_call>",
  opens: opensWith("{"),
  parse: (body) => {
    const call = parseObject(body.trim());
    if (!call || typeof call.name !== "string" || !call.name) return undefined;
    const args = call.arguments ?? call.parameters ?? {};
    const input = typeof args === "string" ? parseObject(args) : args;
    if (!input || typeof input !== "object" || Array.isArray(input)) return undefined;
    return [{ name: call.name, input: input as Record<string, unknown> }];
  },
};
