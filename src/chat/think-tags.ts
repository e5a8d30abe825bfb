export type ThinkSegment = { type: "reasoning" | "text"; text: string };

const OPEN = "<think>";
const CLOSE = "</think>";

/**
 * Characters every ThinkTagParser has searched for a tag, in this process: the parser's work,
 * counted so a test proves it linear without a clock.
 */
export const thinkTagWork = { scanned: 0 };

/**
 * Splits content that carries reasoning inline as `<think>...</think>` (MiniMax-M2 and other
 * think-tag deployments) into reasoning and text, incrementally. Linear: each delta is scanned
 * once, plus at most 7 carried-over characters of a tag split across deltas.
 *
 * Streaming policy (docs/reasoning-and-tools.md, "Think tags"):
 * - content starting with `<think>`: reasoning until `</think>`, then text; unclosed, it stays
 *   reasoning (the backend bug class where the whole answer lands in reasoning);
 * - content starting without it (the chat template opened the block): reasoning-first, as vLLM's
 *   MiniMax-M2 and DeepSeek-R1 reasoning parsers do; `</think>` switches to text;
 * - such content that ends with no `</think>` at all had no tags: `flush()` then returns the whole
 *   content once more as text, so the answer is never lost (it was shown live as reasoning);
 * - `<think>` after text opens reasoning again (interleaved thinking).
 */
export class ThinkTagParser {
  private mode: "start" | "reasoning" | "text" = "start";
  private carry = "";
  private trimNextText = false;
  /** Reasoning-first content not yet confirmed by a `</think>`; `undefined` once confirmed or not reasoning-first. */
  private unconfirmed: string[] | undefined;

  /** Call when the server sent reasoning in its own field: content is then plain text. */
  markNativeReasoning(): void {
    if (this.mode === "start") this.mode = "text";
  }

  push(chunk: string, out: ThinkSegment[] = []): ThinkSegment[] {
    let input = this.carry + chunk;
    this.carry = "";
    while (input.length > 0) {
      if (this.mode === "start") {
        const head = input.trimStart();
        if (head.length === 0 || (head.length < OPEN.length && OPEN.startsWith(head))) {
          this.carry = input;
          return out;
        }
        this.mode = "reasoning";
        if (head.startsWith(OPEN)) {
          input = head.slice(OPEN.length);
        } else {
          this.unconfirmed = [];
          input = head;
        }
        continue;
      }
      const tag = this.mode === "reasoning" ? CLOSE : OPEN;
      thinkTagWork.scanned += input.length;
      const at = input.indexOf(tag);
      if (at !== -1) {
        this.emit(out, this.mode, input.slice(0, at));
        if (this.mode === "reasoning") {
          this.unconfirmed = undefined;
          this.mode = "text";
          this.trimNextText = true;
        } else {
          this.mode = "reasoning";
        }
        input = input.slice(at + tag.length);
        continue;
      }
      const keep = partialTagSuffix(input, tag);
      this.emit(out, this.mode, keep === 0 ? input : input.slice(0, input.length - keep));
      this.carry = keep === 0 ? "" : input.slice(input.length - keep);
      return out;
    }
    return out;
  }

  /** Ends the content: what was carried, and the no-tags fallback of the policy above. */
  flush(out: ThinkSegment[] = []): ThinkSegment[] {
    const rest = this.carry;
    this.carry = "";
    if (this.mode === "start") {
      this.mode = "text";
      this.emit(out, "text", rest);
      return out;
    }
    this.emit(out, this.mode, rest);
    if (this.unconfirmed) {
      const text = this.unconfirmed.join("");
      this.unconfirmed = undefined;
      if (text.length > 0) out.push({ type: "text", text });
    }
    return out;
  }

  /** Whether flush() re-labelled reasoning-first content as text (no tags at all). */
  get pendingFallback(): boolean {
    return this.unconfirmed !== undefined;
  }

  private emit(out: ThinkSegment[], type: "reasoning" | "text", raw: string): void {
    let text = raw;
    if (type === "text" && this.trimNextText) {
      text = text.trimStart();
      if (text.length > 0) this.trimNextText = false;
    }
    if (text.length === 0) return;
    if (type === "reasoning") this.unconfirmed?.push(text);
    out.push({ type, text });
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  // Both tags hold one "<", at their start: only text from the last "<" on can be a partial tag.
  const at = text.lastIndexOf("<", text.length - 1);
  if (at === -1 || text.length - at >= tag.length) return 0;
  return tag.startsWith(text.slice(at)) ? text.length - at : 0;
}

/**
 * Splits a complete content string. Unlike a stream, a reply is seen whole, so content with no
 * tags at all is text only.
 */
export function splitThinkTags(content: string): { reasoning: string; text: string } {
  const parser = new ThinkTagParser();
  const segments = parser.push(content);
  if (parser.pendingFallback) return { reasoning: "", text: content.trim() };
  parser.flush(segments);
  let reasoning = "";
  let text = "";
  for (const segment of segments) {
    if (segment.type === "reasoning") reasoning += segment.text;
    else text += segment.text;
  }
  return { reasoning, text };
}
