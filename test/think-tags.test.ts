import { describe, expect, it } from "vitest";
import { splitThinkTags, ThinkTagParser } from "../src/think-tags";

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

  it("passes content through untouched once the server sent native reasoning", () => {
    expect(streamed(["plain answer"], true)).toEqual({ reasoning: "", text: "plain answer" });
  });
});
