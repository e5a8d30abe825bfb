/**
 * The scanner and the form parsers on their own: every form, real leaked answers, at every
 * chunking down to character by character; what must stay text; and the work it does.
 */
import { describe, expect, it } from "vitest";
import { getModelInfo } from "../src";
import { LeakedToolCallScanner, recoverLeakedToolCalls } from "../src/chat/leaked-tool-calls";
import { markersFor } from "../src/chat/leaked-tool-calls/forms";
import type { LeakedPiece } from "../src/chat/leaked-tool-calls/scanner";
import { LEAKED_TOOL_CALL_FORMS, type LeakedToolCallForm } from "../src/chat/leaked-tool-calls/types";
import { leakedFixtures, leakedSources, piecesOf, randomPieces, toolsFor } from "./support/leaked-fixtures";

let ids = 0;
const newId = () => `call_${ids++}`;

function scan(
  pieces: string[],
  tools: Map<string, unknown>,
  forms: readonly LeakedToolCallForm[] = LEAKED_TOOL_CALL_FORMS,
) {
  const scanner = new LeakedToolCallScanner(markersFor(forms), tools, newId);
  const out: LeakedPiece[] = [];
  const perPush: string[] = [];
  for (const piece of pieces) {
    const before = out.length;
    scanner.push(piece, out);
    perPush.push(
      out
        .slice(before)
        .map((p) => (p.type === "text" ? p.text : ""))
        .join(""),
    );
  }
  scanner.finish(out);
  const text = out.map((p) => (p.type === "text" ? p.text : "")).join("");
  const calls = out.flatMap((p) => (p.type === "call" ? [p.call] : []));
  return { scanner, text, calls, perPush };
}

const chunkings: [string, (text: string) => string[]][] = [
  ["whole", (text) => [text]],
  ["character by character", (text) => piecesOf(text, 1)],
  ["2 characters", (text) => piecesOf(text, 2)],
  ["3 characters", (text) => piecesOf(text, 3)],
  ["7 characters", (text) => piecesOf(text, 7)],
  ["random", (text) => randomPieces(text, text.length)],
];

describe("real leaked answers", () => {
  it("each has its row in SOURCES.md, and every form has one", () => {
    const sources = leakedSources();
    for (const fixture of leakedFixtures) expect(sources, fixture.file).toContain(`\`${fixture.file}\``);
    expect(new Set(leakedFixtures.map((f) => f.form))).toEqual(new Set(LEAKED_TOOL_CALL_FORMS));
  });

  describe.each(leakedFixtures.map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
    const forms = getModelInfo(fixture.model)?.leakedToolCalls;
    it("is a form the catalog lists for its model", () => {
      expect(forms).toContain(fixture.form);
    });

    it.each(chunkings)("recovers the calls, chunked %s, with the text before kept", (_how, split) => {
      const prefix = "Let me look at that first.\n\n";
      for (const [content, text] of [
        [fixture.content, fixture.text],
        [prefix + fixture.content, prefix + fixture.text],
      ] as const) {
        const result = scan(split(content), toolsFor(fixture), forms);
        expect(result.text).toBe(text);
        expect(result.calls.map((c) => ({ name: c.toolName, input: JSON.parse(c.input) }))).toEqual(fixture.calls);
        expect(result.calls.every((c) => c.form === fixture.form)).toBe(true);
        expect(result.scanner.notes.map((n) => n.outcome)).toEqual(fixture.calls.map(() => "recovered"));
        expect(result.scanner.notes[0]?.message).toContain(fixture.form);
      }
    });

    it("stays byte for byte when the tool it names was not offered, with a warning", () => {
      const result = scan([fixture.content], new Map([["something_else", {}]]), forms);
      expect(result.text).toBe(fixture.content);
      expect(result.calls).toEqual([]);
      expect(result.scanner.notes[0]).toMatchObject({ outcome: "tool-not-offered", toolName: fixture.calls[0]?.name });
    });

    it("stays byte for byte for a model whose catalog entry lists no form", () => {
      const result = scan([fixture.content], toolsFor(fixture), []);
      expect(result.text).toBe(fixture.content);
      expect(result.calls).toEqual([]);
      expect(result.scanner.notes).toEqual([]);
    });

    it("cut off before its end marker: text as it came, and a cut-off note", () => {
      const cut = fixture.content.slice(0, Math.floor(fixture.content.length * 0.7));
      for (const [, split] of chunkings) {
        const result = scan(split(cut), toolsFor(fixture), forms);
        expect(result.text).toBe(cut);
        expect(result.calls).toEqual([]);
        expect(result.scanner.notes.map((n) => n.outcome)).toEqual(["cut-off"]);
      }
    });
  });
});

describe("each form", () => {
  const weather = new Map<string, unknown>([
    ["get_weather", { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } }],
  ]);
  const cases: [LeakedToolCallForm, string][] = [
    [
      "xtml",
      '<|open|>tools<|sep|><|open|>call tool="get_weather" index="1"<|sep|><|open|>argument key="city" type="string"<|sep|>42<|close|>argument<|sep|><|open|>argument key="days" type="number"<|sep|>3<|close|>argument<|sep|><|close|>call<|sep|><|close|>tools<|sep|>',
    ],
    [
      "xtml",
      '<|open|>tools<|sep|><|open|>call tool="get_weather" index="1"<|sep|><|open|>json type="object"<|sep|>{"city":"42","days":3}<|close|>json<|sep|><|close|>call<|sep|><|close|>tools<|sep|><|close|>message<|sep|>',
    ],
    [
      "glm",
      "<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>42</arg_value>\n<arg_key>days</arg_key>\n<arg_value>3</arg_value>\n</tool_call>",
    ],
    ["hermes", '<tool_call>\n{"name": "get_weather", "arguments": {"city": "42", "days": 3}}\n</tool_call>'],
    ["hermes", '<tool_call>{"name": "get_weather", "arguments": "{\\"city\\": \\"42\\", \\"days\\": 3}"}</tool_call>'],
    [
      "kimi-k2",
      '<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0<|tool_call_argument_begin|>{"city": "42", "days": 3}<|tool_call_end|><|tool_calls_section_end|>',
    ],
    [
      "kimi-k2",
      '<|tool_call_section_begin|><|tool_call_begin|>get_weather:3<|tool_call_argument_begin|>{"city": "42", "days": 3}<|tool_call_end|><|tool_call_section_end|>',
    ],
    [
      "kimi-k2",
      '<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather<|tool_call_argument_begin|>{"city": "42", "days": 3}<|tool_call_end|><|tool_calls_section_end|>',
    ],
    [
      "deepseek",
      '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{"city": "42", "days": 3}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
    ],
    [
      "deepseek",
      '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{"city": "42", "days": 3}<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
    ],
    [
      "minimax",
      '<minimax:tool_call>\n<invoke name="get_weather">\n<parameter name="city">42</parameter>\n<parameter name="days">3</parameter>\n</invoke>\n</minimax:tool_call>',
    ],
  ];
  it.each(cases)("%s: a string parameter stays a string, others are JSON; same at every chunking", (form, content) => {
    for (const [, split] of chunkings) {
      const result = scan(split(`Checking.${content}\n`), weather, [form]);
      expect(result.text).toBe("Checking.");
      expect(result.calls.map((c) => [c.form, c.toolName, JSON.parse(c.input)])).toEqual([
        [form, "get_weather", { city: "42", days: 3 }],
      ]);
    }
  });

  it("glm: a call without arguments, also with GLM 5.2's stray </arg_value> after the name", () => {
    for (const content of ["<tool_call>get_weather</tool_call>", "<tool_call>get_weather</arg_value></tool_call>"]) {
      for (const [, split] of chunkings) {
        const result = scan(split(content), weather, ["glm"]);
        expect(result.text).toBe("");
        expect(result.calls.map((c) => [c.toolName, c.input])).toEqual([["get_weather", "{}"]]);
      }
    }
  });

  it("two blocks in a row are two calls; whitespace between and after them is dropped", () => {
    const block = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>';
    for (const [, split] of chunkings) {
      const result = scan(split(`Both:\n${block}\n\n${block}\n`), weather, ["hermes"]);
      expect(result.text).toBe("Both:\n");
      expect(result.calls).toHaveLength(2);
      expect(new Set(result.calls.map((c) => c.toolCallId)).size).toBe(2);
    }
  });

  it("text after a recovered block is kept", () => {
    const result = scan(['<tool_call>{"name":"get_weather","arguments":{}}</tool_call>\nDone.'], weather, ["hermes"]);
    expect(result.text).toBe("\nDone.");
    expect(result.calls).toHaveLength(1);
  });
});

describe("what stays text", () => {
  const tools = new Map<string, unknown>([["get_weather", {}]]);

  it("markup-like prose passes byte for byte, with no note", () => {
    const prose = [
      "If a < b and b > c, then <b>bold</b> is HTML, x<<y, and a<|sep|>b is a token.",
      "Wrap calls in <tool_call></tool_call> tags; <minimax:tool_call> opens MiniMax's.",
      "<|tool_calls_section_begin|>not a call<|tool_calls_section_end|> and <｜tool▁calls▁begin｜>x<｜tool▁calls▁end｜>",
      '<|open|>tools<|sep|><|open|>call tool="get_weather"<|sep|><|open|>argument key="days" type="number"<|sep|>three<|close|>argument<|sep|><|close|>call<|sep|><|close|>tools<|sep|>',
    ].join("\n");
    for (const [, split] of chunkings) {
      const result = scan(split(prose), tools);
      expect(result.text).toBe(prose);
      expect(result.calls).toEqual([]);
      expect(result.scanner.notes).toEqual([]);
    }
  });

  it("a block with one call to a tool that was not offered is kept whole: none of its calls is handed over", () => {
    const block =
      '<minimax:tool_call>\n<invoke name="get_weather">\n</invoke>\n<invoke name="delete_everything">\n</invoke>\n</minimax:tool_call>';
    const result = scan([block], tools, ["minimax"]);
    expect(result.text).toBe(block);
    expect(result.calls).toEqual([]);
    expect(result.scanner.notes).toMatchObject([{ outcome: "tool-not-offered", toolName: "delete_everything" }]);
  });

  it("a cut-off start marker at the end comes out as text with a note; a lone `<` without one", () => {
    const cut = scan(piecesOf("Now: <|tool_calls_sec", 1), tools);
    expect(cut.text).toBe("Now: <|tool_calls_sec");
    expect(cut.scanner.notes.map((n) => n.outcome)).toEqual(["cut-off"]);
    const lone = scan(piecesOf("a <", 1), tools);
    expect(lone.text).toBe("a <");
    expect(lone.scanner.notes).toEqual([]);
  });

  it("whitespace-only answers stay as they came", () => {
    expect(scan(["  \n "], tools).text).toBe("  \n ");
    expect(scan(["\n", "\nHi"], tools).text).toBe("\n\nHi");
  });
});

describe("streaming", () => {
  const tools = new Map<string, unknown>([["get_weather", {}]]);

  it("passes ordinary text on as it arrives, holding only a tail that may begin a marker", () => {
    const { perPush } = scan(["Hello", ", a < b", " and c <", "= d", " <tool", "box> e", " <|", "x|>"], tools);
    expect(perPush).toEqual(["Hello", ", a < b", " and c ", "<= d", " ", "<toolbox> e", " ", "<|x|>"]);
  });

  it("goes on streaming prose that names a start marker, once what follows cannot be markup", () => {
    // " tags" could still be the name of a GLM call; " like" cannot.
    const { perPush, text, scanner } = scan(["Use ", "<tool_call>", " tags", " like this.", " More."], tools);
    expect(perPush).toEqual(["Use ", "", "", "<tool_call> tags like this.", " More."]);
    expect(text).toBe("Use <tool_call> tags like this. More.");
    expect(scanner.notes).toEqual([]);
  });

  it("does work linear in the answer's length, however it is chunked", () => {
    const work = (text: string, size: number) => scan(piecesOf(text, size), tools).scanner.work;
    const adversarial = [
      (n: number) => "a".repeat(n),
      (n: number) => "<".repeat(n),
      (n: number) => "<|tool_calls_sec ".repeat(n / 17),
      (n: number) => `<tool_call>${"x".repeat(n)}`,
      (n: number) => `<|open|>tools<|sep|>${"<|close|>tools".repeat(n / 14)}`,
    ];
    for (const make of adversarial) {
      for (const size of [1, 3, 64]) {
        const small = work(make(4_000), size);
        const large = work(make(16_000), size);
        // Four times the text, four times the work (a quadratic scan would be sixteen).
        expect(large / small).toBeLessThan(4.5);
        expect(large).toBeLessThan(16_000 * 40);
      }
    }
  });
});

describe("recoverLeakedToolCalls (a whole answer)", () => {
  it("gives what the stream gives", () => {
    const fixture = leakedFixtures[0];
    if (!fixture) throw new Error("no fixtures");
    const recovery = { markers: markersFor(LEAKED_TOOL_CALL_FORMS), tools: toolsFor(fixture) };
    const { pieces } = recoverLeakedToolCalls(fixture.content, recovery, newId);
    const streamed = scan(piecesOf(fixture.content, 1), toolsFor(fixture));
    expect(pieces.filter((p) => p.type === "call").map((p) => (p.type === "call" ? p.call.input : ""))).toEqual(
      streamed.calls.map((c) => c.input),
    );
  });
});
