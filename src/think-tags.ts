export type ThinkSegment = { type: "reasoning" | "text"; text: string };

const OPEN = "<think>";
const CLOSE = "</think>";

/**
 * Splits content that carries reasoning inline as `<think>...</think>` (MiniMax-M2 and other
 * older deployments) into reasoning and text, incrementally, with tags split across chunks.
 *
 * - `<think>` at the start opens reasoning; an unclosed block stays reasoning to the end (the
 *   "whole answer lands inside reasoning" bug class: nothing of it is shown as the answer).
 * - `</think>` with no opening tag makes everything before it reasoning. Until either tag or the
 *   end decides, leading content is held back, so a reply with no tags comes out as text.
 */
export class ThinkTagParser {
  private mode: "undetermined" | "reasoning" | "text" = "undetermined";
  private pending = "";
  private trimNextText = false;

  /** Call when the server sent reasoning in its own field: content is then plain text. */
  markNativeReasoning(): void {
    if (this.mode === "undetermined") this.mode = "text";
  }

  push(chunk: string): ThinkSegment[] {
    const out: ThinkSegment[] = [];
    let input = this.pending + chunk;
    this.pending = "";
    while (input.length > 0) {
      if (this.mode === "undetermined") {
        const start = input.trimStart();
        if (start.startsWith(OPEN)) {
          this.mode = "reasoning";
          input = start.slice(OPEN.length);
          continue;
        }
        const close = input.indexOf(CLOSE);
        if (close !== -1) {
          this.emit(out, "reasoning", input.slice(0, close));
          this.switchToText();
          input = input.slice(close + CLOSE.length);
          continue;
        }
        this.pending = input;
        return out;
      }
      const tag = this.mode === "reasoning" ? CLOSE : OPEN;
      const at = input.indexOf(tag);
      if (at !== -1) {
        this.emit(out, this.mode, input.slice(0, at));
        if (this.mode === "reasoning") this.switchToText();
        else this.mode = "reasoning";
        input = input.slice(at + tag.length);
        continue;
      }
      const keep = partialTagSuffix(input, tag);
      this.emit(out, this.mode, input.slice(0, input.length - keep));
      this.pending = input.slice(input.length - keep);
      return out;
    }
    return out;
  }

  flush(): ThinkSegment[] {
    const out: ThinkSegment[] = [];
    const rest = this.pending;
    this.pending = "";
    this.emit(out, this.mode === "reasoning" ? "reasoning" : "text", rest);
    return out;
  }

  private switchToText(): void {
    this.mode = "text";
    this.trimNextText = true;
  }

  private emit(out: ThinkSegment[], type: "reasoning" | "text", raw: string): void {
    let text = raw;
    if (type === "text" && this.trimNextText) {
      text = text.trimStart();
      if (text.length > 0) this.trimNextText = false;
    }
    if (text.length > 0) out.push({ type, text });
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  // Both tags hold one "<", at their start: only text from the last "<" on can be a partial tag.
  const at = text.lastIndexOf("<");
  if (at === -1 || text.length - at >= tag.length) return 0;
  return tag.startsWith(text.slice(at)) ? text.length - at : 0;
}

/** Splits a complete content string in one go. */
export function splitThinkTags(content: string): { reasoning: string; text: string } {
  const parser = new ThinkTagParser();
  let reasoning = "";
  let text = "";
  for (const segment of [...parser.push(content), ...parser.flush()]) {
    if (segment.type === "reasoning") reasoning += segment.text;
    else text += segment.text;
  }
  return { reasoning, text };
}
