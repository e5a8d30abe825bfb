import { describe, expect, it } from "vitest";
import { splitThinkTags, ThinkTagParser, thinkTagWork } from "../src/chat/think-tags";

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

  it("scans each delta once: 10x the answer in 4-character deltas costs 10x the work, not 100x", () => {
    // Counted, not timed: the characters searched for a tag, against what was pushed.
    const work = (size: number, delta: string) => {
      const parser = new ThinkTagParser();
      const before = thinkTagWork.scanned;
      for (let i = 0; i < size / delta.length; i++) parser.push(delta);
      parser.flush();
      return thinkTagWork.scanned - before;
    };
    for (const delta of ["abc ", "ab <", "x</t"]) {
      const small = work(100_000, delta);
      const large = work(1_000_000, delta);
      // Each delta once, plus at most the 7 characters of a tag carried over from the one before.
      expect(small).toBeLessThanOrEqual(100_000 + (100_000 / delta.length) * 7);
      expect(large).toBeLessThanOrEqual(1_000_000 + (1_000_000 / delta.length) * 7);
      expect(large / small).toBeLessThan(10.01);
    }
  });

  it("passes content through untouched once the server sent native reasoning", () => {
    expect(streamed(["plain answer"], true)).toEqual({ reasoning: "", text: "plain answer" });
  });
});
