import type { SyntheticStreamPart } from "./types";

/** One entry of a streamed `delta.tool_calls`, as read from the wire (every field optional). */
export type ToolCallDelta = {
  index: number | undefined;
  id: string | undefined;
  name: string | undefined;
  arguments: string | undefined;
};

type Call = {
  id: string;
  name: string;
  args: string;
  started: boolean;
  /** Arguments arrive JSON-encoded twice: held back and sent decoded at the end. */
  held: boolean | undefined;
  emitted: boolean;
};

type Emit = (part: SyntheticStreamPart) => void;

/**
 * Assembles streamed tool calls the way Synthetic's backends actually send them:
 * - `index` may be missing: a delta with an id not seen before starts a new call (two parallel
 *   calls to the same tool without indexes stay two calls), a delta without an id continues the
 *   latest call;
 * - the id may be repeated on every delta, with `"name": ""` (Kimi K2 on some backends): same call;
 * - the name may arrive after the first arguments: the call's start waits for it;
 * - arguments may be `""` (no arguments: `{}`) or JSON encoded twice (unwrapped once).
 * Calls are emitted as `tool-call` parts when the choice finishes or the stream ends.
 */
export class ToolCallAssembler {
  private readonly calls: Call[] = [];
  private readonly byIndex = new Map<number, Call>();
  private readonly byId = new Map<string, Call>();
  private latest: Call | undefined;

  constructor(private readonly newId: () => string) {}

  get size(): number {
    return this.calls.length;
  }

  push(delta: ToolCallDelta, emit: Emit): void {
    const id = delta.id || undefined;
    let call =
      delta.index !== undefined
        ? this.byIndex.get(delta.index)
        : id !== undefined
          ? (this.byId.get(id) ?? (this.latest?.id === id ? this.latest : undefined))
          : this.latest;
    // A new id where an old call sits (same index, or no index) is a new call.
    if (call && id !== undefined && call.id !== id && (delta.index === undefined || call.started)) call = undefined;
    if (!call || call.emitted) {
      call = { id: id ?? this.newId(), name: "", args: "", started: false, held: undefined, emitted: false };
      this.calls.push(call);
      this.byId.set(call.id, call);
    }
    if (delta.index !== undefined) this.byIndex.set(delta.index, call);
    this.latest = call;
    if (!call.name && delta.name) call.name = delta.name;
    const chunk = delta.arguments ?? "";
    call.args += chunk;
    if (call.held === undefined) {
      const first = call.args.trimStart()[0];
      if (first !== undefined) call.held = first === '"';
    }
    if (!call.started) {
      if (!call.name) return;
      call.started = true;
      emit({ type: "tool-input-start", id: call.id, toolName: call.name });
      if (call.args.length > 0 && call.held === false)
        emit({ type: "tool-input-delta", id: call.id, delta: call.args });
      return;
    }
    if (chunk.length > 0 && call.held === false) emit({ type: "tool-input-delta", id: call.id, delta: chunk });
  }

  /** Emits every call not emitted yet; returns the problems found (a call that never got a name). */
  finish(emit: Emit): string[] {
    const problems: string[] = [];
    for (const call of this.calls) {
      if (call.emitted) continue;
      call.emitted = true;
      if (!call.started) {
        problems.push(`Synthetic sent a tool call (${call.id}) without a tool name; it was not run.`);
        continue;
      }
      const input = normalizeToolInput(call.args);
      if (call.held !== false) emit({ type: "tool-input-delta", id: call.id, delta: input });
      emit({ type: "tool-input-end", id: call.id });
      emit({ type: "tool-call", toolCallId: call.id, toolName: call.name, input });
    }
    return problems;
  }
}

/**
 * Repairs tool-call arguments as some backends send them: `""` means no arguments, and a JSON
 * string holding JSON (arguments encoded twice) is unwrapped once.
 */
export function normalizeToolInput(input: string): string {
  const trimmed = input.trim();
  if (trimmed === "") return "{}";
  if (trimmed.startsWith('"')) {
    try {
      const inner: unknown = JSON.parse(trimmed);
      if (typeof inner === "string") {
        const candidate = inner.trim();
        if (candidate.startsWith("{") || candidate.startsWith("[")) {
          JSON.parse(candidate);
          return candidate;
        }
      }
    } catch {
      // Not double-encoded JSON: left for the tool's own input validation to report.
    }
  }
  return input;
}
