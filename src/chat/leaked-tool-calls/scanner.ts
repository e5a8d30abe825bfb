import type { Marker } from "./forms";
import { isSpace, type LeakedToolCallForm, type OfferedTools } from "./types";

/** A call recovered from markup, ready to hand to the app: `input` is JSON text. */
export type RecoveredToolCall = { form: LeakedToolCallForm; toolCallId: string; toolName: string; input: string };

/** What the scanner passes on, in answer order. */
export type LeakedPiece = { type: "text"; text: string } | { type: "call"; call: RecoveredToolCall };

/** Markup the scanner met: recovered, or left as text and why. Each becomes a warning. */
export type LeakedToolCallNote = {
  form: string;
  outcome: "recovered" | "tool-not-offered" | "cut-off";
  toolName?: string;
  toolCallId?: string;
  message: string;
};

type Block = {
  marker: Marker;
  /** Held whitespace and the start marker: what goes out as text if the block is not recovered. */
  raw: string;
  parts: string[];
  length: number;
  /** The last characters read, where an end marker split across pushes begins. */
  tail: string;
  /** The body's first characters, until `opens` has decided. */
  head: string;
  opens: boolean | undefined;
};

/** A body whose first this many characters leave `opens` undecided is not markup. */
const HEAD = 256;

/** Below this, a prefix of a marker left at the end is ordinary text (`a <`), not a cut-off marker. */
const CUT_OFF_PREFIX = 3;

/**
 * Finds tool-call markup in answer text as it streams and turns each block into tool calls,
 * when every call in it names an offered tool and its arguments parse; otherwise the block goes
 * on as text, byte for byte. States: `text` (passing text on), `block` (inside a start marker,
 * waiting for its end marker).
 *
 * Held back, and only while it could still matter: a tail that may begin a marker (shorter
 * than the longest marker), a block from its start marker until its end marker or until its
 * first characters rule it out (`opens`), and whitespace that so far only separates markup from
 * the edges of the answer or from other markup (dropped when markup follows, or at the end after
 * a recovered call; passed on otherwise).
 * Linear: each `<` is compared with each marker once, a carried tail is re-read with the next
 * push only, at most 256 characters of a block's head are examined, and a block's end marker is
 * searched only in the new text plus the few characters before it (`work` counts this).
 */
export class LeakedToolCallScanner {
  private state: "text" | "block" = "text";
  private pending = "";
  private held = "";
  private holding = true;
  private trailer: string | undefined;
  private block: Block | undefined;
  private readonly longest: number;
  readonly notes: LeakedToolCallNote[] = [];
  recovered = 0;
  /** Characters read and marker comparisons made so far: the tests' measure of work (linear). */
  work = 0;

  constructor(
    private readonly markers: readonly Marker[],
    private readonly tools: OfferedTools,
    private readonly newId: () => string,
  ) {
    this.longest = Math.max(0, ...markers.map((m) => m.start.length));
  }

  /**
   * Whether `chunk` can go on as text untouched: nothing held, no `<` in it. The common case,
   * taken without building a piece; `push` does the same for it otherwise.
   */
  passes(chunk: string): boolean {
    if (this.state !== "text" || this.holding || this.pending !== "" || chunk.includes("<")) return false;
    this.work += chunk.length;
    return true;
  }

  push(chunk: string, out: LeakedPiece[]): void {
    if (this.state === "block") this.feedBlock(chunk, out);
    else this.scan(this.pending + chunk, out);
  }

  finish(out: LeakedPiece[]): void {
    if (this.state === "block" && this.block) {
      const { marker, raw, parts } = this.block;
      this.block = undefined;
      this.state = "text";
      this.note(marker, "cut-off");
      out.push({ type: "text", text: raw + parts.join("") });
      return;
    }
    const pending = this.pending;
    this.pending = "";
    // A partial closing trailer after recovered markup is markup too.
    if (!(pending && this.trailer?.startsWith(pending))) {
      const cut = pending.length >= CUT_OFF_PREFIX && this.markers.find((m) => m.start.startsWith(pending));
      if (cut) this.note(cut, "cut-off");
      this.text(pending, out);
    }
    if (this.held && this.recovered === 0) out.push({ type: "text", text: this.held });
    this.held = "";
  }

  private scan(input: string, out: LeakedPiece[]): void {
    this.pending = "";
    this.work += input.length;
    let from = 0;
    let at = input.indexOf("<");
    while (at !== -1) {
      this.work += this.markers.length + 1;
      const rest = input.length - at;
      if (this.trailer !== undefined && this.holding) {
        if (input.startsWith(this.trailer, at)) {
          this.text(input.slice(from, at), out);
          from = at + this.trailer.length;
          this.held = "";
          at = input.indexOf("<", from);
          continue;
        }
        if (rest < this.trailer.length && this.trailer.startsWith(input.slice(at))) {
          this.text(input.slice(from, at), out);
          this.pending = input.slice(at);
          return;
        }
      }
      const marker = this.markers.find((m) => input.startsWith(m.start, at));
      if (marker) {
        this.text(input.slice(from, at), out);
        this.openBlock(marker, input.slice(at + marker.start.length), out);
        return;
      }
      if (rest < this.longest) {
        const tail = input.slice(at);
        if (this.markers.some((m) => m.start.startsWith(tail))) {
          this.text(input.slice(from, at), out);
          this.pending = tail;
          return;
        }
      }
      at = input.indexOf("<", at + 1);
    }
    this.text(input.slice(from), out);
  }

  /** Passes text on, holding whitespace while nothing but markup and whitespace has come. */
  private text(text: string, out: LeakedPiece[]): void {
    if (text.length === 0) return;
    if (this.holding) {
      let i = 0;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i === text.length) {
        this.held += text;
        return;
      }
      this.holding = false;
      this.trailer = undefined;
      const held = this.held;
      this.held = "";
      out.push({ type: "text", text: held + text });
      return;
    }
    out.push({ type: "text", text });
  }

  private openBlock(marker: Marker, rest: string, out: LeakedPiece[]): void {
    this.state = "block";
    this.block = { marker, raw: this.held + marker.start, parts: [], length: 0, tail: "", head: "", opens: undefined };
    this.held = "";
    this.trailer = undefined;
    this.feedBlock(rest, out);
  }

  private feedBlock(chunk: string, out: LeakedPiece[]): void {
    const block = this.block as Block;
    if (block.opens === undefined && !this.decide(block, chunk)) {
      // Not this markup after all (prose naming a marker): its text goes on, read as text.
      this.block = undefined;
      this.state = "text";
      this.holding = false;
      out.push({ type: "text", text: block.raw });
      this.scan(block.parts.join("") + chunk, out);
      return;
    }
    const end = block.marker.end;
    const window = block.tail + chunk;
    this.work += window.length;
    const found = window.indexOf(end);
    if (found === -1) {
      if (chunk.length > 0) block.parts.push(chunk);
      block.length += chunk.length;
      block.tail = window.slice(-(end.length - 1));
      return;
    }
    const whole = block.parts.join("") + chunk;
    this.work += whole.length;
    const endAt = block.length - block.tail.length + found;
    this.block = undefined;
    this.state = "text";
    this.closeBlock(block, whole.slice(0, endAt), out);
    this.scan(whole.slice(endAt + end.length), out);
  }

  /** Reads the body's start into `head`; false once it cannot be any of the marker's forms. */
  private decide(block: Block, chunk: string): boolean {
    if (block.head.length < HEAD) block.head += chunk.slice(0, HEAD - block.head.length);
    this.work += block.head.length;
    const head = block.head.trimStart();
    let undecided = false;
    for (const parser of block.marker.parsers) {
      const opens = parser.opens(head);
      if (opens === true) {
        block.opens = true;
        return true;
      }
      if (opens === undefined) undecided = true;
    }
    if (undecided && block.head.length < HEAD) return true;
    block.opens = false;
    return false;
  }

  private closeBlock(block: Block, body: string, out: LeakedPiece[]): void {
    const { marker } = block;
    for (const parser of marker.parsers) {
      const calls = parser.parse(body, this.tools);
      if (!calls || calls.length === 0) continue;
      const missing = calls.filter((call) => !this.tools.has(call.name));
      if (missing.length > 0) {
        for (const call of missing) this.note(marker, "tool-not-offered", call.name);
        break;
      }
      for (const call of calls) {
        const recovered: RecoveredToolCall = {
          form: parser.form,
          toolCallId: this.newId(),
          toolName: call.name,
          input: JSON.stringify(call.input),
        };
        this.recovered++;
        this.notes.push({
          form: parser.form,
          outcome: "recovered",
          toolName: call.name,
          toolCallId: recovered.toolCallId,
          message: `The model wrote a call to "${call.name}" into its text as ${parser.form} tool-call markup instead of sending tool_calls; it was recovered as a tool call.`,
        });
        out.push({ type: "call", call: recovered });
      }
      this.holding = true;
      this.trailer = parser.trailer;
      return;
    }
    this.holding = false;
    out.push({ type: "text", text: block.raw + body + marker.end });
  }

  private note(marker: Marker, outcome: "tool-not-offered" | "cut-off", toolName?: string): void {
    const form = marker.parsers.map((p) => p.form).join(" or ");
    const message =
      outcome === "cut-off"
        ? `The answer ended inside ${form} tool-call markup (no ${marker.end}); it was kept as text and nothing was run.`
        : `The model wrote a call to "${toolName}" into its text as ${form} tool-call markup, but the request did not offer that tool; it was kept as text and not run.`;
    this.notes.push({ form, outcome, ...(toolName !== undefined ? { toolName } : {}), message });
  }
}
