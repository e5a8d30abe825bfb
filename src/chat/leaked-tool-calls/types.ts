/**
 * The tool-call markup forms a model may write into its answer text instead of `tool_calls`.
 * Each is read the way the servers' own tool parsers read it (sources in docs/internals/leaked-tool-calls.md).
 */
export const LEAKED_TOOL_CALL_FORMS = ["xtml", "glm", "kimi-k2", "hermes", "deepseek", "minimax"] as const;
export type LeakedToolCallForm = (typeof LEAKED_TOOL_CALL_FORMS)[number];

/** A call read from markup: the tool's name and its arguments as an object. */
export type ParsedCall = { name: string; input: Record<string, unknown> };

/** The tools the request offered, by name, with their input schema (to read untyped values). */
export type OfferedTools = ReadonlyMap<string, unknown>;

/**
 * One form: the markers around a block of calls and the parser of what lies between them.
 * `parse` returns `undefined` when the block does not read as calls of this form.
 */
export type FormParser = {
  form: LeakedToolCallForm;
  start: string;
  end: string;
  /** Closing markup the template may write right after `end`; dropped with the block. */
  trailer?: string;
  /**
   * Whether a block whose body begins with `head` (leading whitespace removed) can be this form;
   * `undefined` while `head` is too short to say. Lets prose that merely names a marker go on.
   */
  opens(head: string): boolean | undefined;
  parse(body: string, tools: OfferedTools): ParsedCall[] | undefined;
};

/** `opens` for a form whose body starts with `first`. */
export const opensWith =
  (first: string) =>
  (head: string): boolean | undefined =>
    head.length < first.length ? (first.startsWith(head) ? undefined : false) : head.startsWith(first);

/** Whether a tool's input schema declares `key` a string (its value is then taken raw, never as JSON). */
export function isStringParameter(schema: unknown, key: string): boolean {
  if (!schema || typeof schema !== "object") return false;
  const properties = (schema as { properties?: unknown }).properties;
  if (!properties || typeof properties !== "object") return false;
  const property = (properties as Record<string, unknown>)[key];
  if (!property || typeof property !== "object") return false;
  const type = (property as { type?: unknown }).type;
  return (
    type === "string" ||
    (Array.isArray(type) &&
      type.length > 0 &&
      type.every((t) => t === "string" || t === "null") &&
      type.includes("string"))
  );
}

/** A value written as text: the raw string for string parameters, else JSON, else the raw string. */
export function readValue(raw: string, schema: unknown, key: string): unknown {
  if (isStringParameter(schema, key)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** A JSON object, or `undefined` when `text` is not one. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `open … close` elements from `body` in order, with only whitespace between and around
 * them; `undefined` when anything else is there. Each element's inside is handed to `read`.
 */
export function readElements<T>(
  body: string,
  open: string,
  close: string,
  read: (inside: string) => T | undefined,
): T[] | undefined {
  const items: T[] = [];
  let at = 0;
  for (;;) {
    while (at < body.length && isSpace(body.charCodeAt(at))) at++;
    if (at === body.length) return items;
    if (!body.startsWith(open, at)) return undefined;
    const end = body.indexOf(close, at + open.length);
    if (end === -1) return undefined;
    const item = read(body.slice(at + open.length, end));
    if (item === undefined) return undefined;
    items.push(item);
    at = end + close.length;
  }
}

export const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 13 || code === 9;
