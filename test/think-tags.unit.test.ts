import { describe, expect, it } from "vitest";
import { splitThinkTags, ThinkTagParser } from "../src/chat/think-tags";

function streamed(chunks: string[], native = false) {
  const parser = new ThinkTagParser();
  if (native) parser.markNativeReasoning();
  let reasoning = "";
  let text = "";
  for (const segment of [...chunks.flatMap((c) => parser.push(c)), ...parser.flush()]) {
    if (segment.type === "reasoning") reasoning += segment.text;
    else text += segment.text;
  }
  return { reasoning, text };
}

describe("think-tag splitting", () => {
  it("splits a complete block", () => {
    expect(splitThinkTags("<think>plan</think>\n\nAnswer")).toEqual({ reasoning: "plan", text: "Answer" });
  });

  it("treats text before a lone closing tag as reasoning", () => {
    expect(splitThinkTags("plan steps</think>Answer")).toEqual({ reasoning: "plan steps", text: "Answer" });
  });

  it("keeps an unclosed block as reasoning, never as answer", () => {
    expect(splitThinkTags("<think>the whole answer got swallowed")).toEqual({
      reasoning: "the whole answer got swallowed",
      text: "",
    });
  });

  it("leaves untagged content as text", () => {
    expect(splitThinkTags("Just an answer.")).toEqual({ reasoning: "", text: "Just an answer." });
  });

  it("handles tags split across every possible chunk boundary", () => {
    const whole = "<think>a < b</think>\nx </ y";
    for (let size = 1; size <= whole.length; size++) {
      const chunks = whole.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [];
      expect(streamed(chunks), `chunk size ${size}`).toEqual({ reasoning: "a < b", text: "x </ y" });
    }
  });

  it("reads a second think block after text as reasoning", () => {
    expect(streamed(["<think>one</think>A", "<think>two</think>B"])).toEqual({ reasoning: "onetwo", text: "AB" });
  });

  it("streams content without an opening tag as reasoning at once, and as text too if no closing tag ever comes", () => {
    const parser = new ThinkTagParser();
    expect(parser.push("Just an ")).toEqual([{ type: "reasoning", text: "Just an " }]);
    expect(parser.push("answer.")).toEqual([{ type: "reasoning", text: "answer." }]);
    expect(parser.flush()).toEqual([{ type: "text", text: "Just an answer." }]);
  });

  it("streams a lone closing tag's reasoning before the tag arrives, with no re-labelled copy", () => {
    const parser = new ThinkTagParser();
    expect(parser.push("plan ")).toEqual([{ type: "reasoning", text: "plan " }]);
    expect(parser.push("steps</thi")).toEqual([{ type: "reasoning", text: "steps" }]);
    expect(parser.push("nk>\n\nAnswer")).toEqual([{ type: "text", text: "Answer" }]);
    expect(parser.flush()).toEqual([]);
  });

  it("scans each delta once: 10x the answer in 4-character deltas costs about 10x, not 100x", () => {
    const run = (size: number) => {
      const parser = new ThinkTagParser();
      const started = performance.now();
      for (let i = 0; i < size / 4; i++) parser.push("abc ");
      parser.flush();
      return performance.now() - started;
    };
    // Best of three per size: the machine is shared, and a GC pause is not the parser's cost.
    const best = (size: number) => Math.min(run(size), run(size), run(size));
    best(100_000);
    const small = best(100_000);
    const large = best(1_000_000);
    // Quadratic work (0.1.0 re-scanned everything held back) would make this ~100; linear ~10-20.
    expect(large / Math.max(small, 0.5), `100 KB: ${small} ms, 1 MB: ${large} ms`).toBeLessThan(50);
  });

  it("passes content through untouched once the server sent native reasoning", () => {
    expect(streamed(["plain answer"], true)).toEqual({ reasoning: "", text: "plain answer" });
  });
});
