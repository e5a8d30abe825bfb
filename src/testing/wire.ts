/** Reading request JSON: records, arrays, the text of messages, token estimates. */

export type Json = Record<string, unknown>;
export const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const estimateTokens = (chars: number) => Math.ceil(chars / 4);

/** Text of a message `content`: the string itself, or its text parts joined by newlines. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  return asArray(content)
    .flatMap((part) => (isRecord(part) && typeof part.text === "string" ? [part.text] : []))
    .join("\n");
}

export function promptChars(messages: unknown[]): number {
  let chars = 0;
  for (const message of messages) {
    if (!isRecord(message)) continue;
    chars += textOf(message.content).length;
    for (const call of asArray(message.tool_calls)) {
      const args = isRecord(call) && isRecord(call.function) ? call.function.arguments : undefined;
      if (typeof args === "string") chars += args.length;
    }
  }
  return chars;
}

export function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isRecord(message) && message.role === "user") return textOf(message.content);
  }
  return "";
}
