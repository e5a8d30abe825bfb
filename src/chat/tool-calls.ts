import type { SyntheticStreamPart } from "./types";

/** One entry of a streamed `delta.tool_calls`, as read from the wire (every field optional). */
export type ToolCallDelta = {
  index: number | undefined;
  id: string | undefined;
  name: string | undefined;
  arguments: string | undefined;
};

type Call = {
  /** The id the parts carry: the server's, or one made up when the call started without it. */
  id: string;
  /** Whether `id` is the server's. */
  idFromServer: boolean;
  name: string;
  args: string;
  started: boolean;
  /** Arguments arrive JSON-encoded twice: they are not streamed, but sent decoded at the end. */
  doubleEncoded: boolean | undefined;
  emitted: boolean;
};

type Emit = (part: SyntheticStreamPart) => void;

/** The problem a call without a tool name is reported as, streamed or not. */
export const namelessToolCallProblem = (id: string) =>
  `Synthetic sent a tool call (${id}) without a tool name; it was not run.`;

/**
 * Assembles streamed tool calls the way Synthetic's backends actually send them:
 * - with an `index`, the index decides the call; a server id arriving after the call's first
 *   delta (the name came first) becomes its id, while a different id at the index of a call that
 *   has one starts a new call (backends that send every call at index 0);
 * - without an `index`, a delta with an id not seen before starts a new call (two parallel calls
 *   to the same tool stay two calls), a delta without an id continues the latest call;
 * - the id may be repeated on every delta, with `"name": ""` (Kimi K2 on some backends): same call;
 * - the name may arrive after the first arguments: the call's start waits for it;
 * - arguments may be `""` (no arguments: `{}`) or JSON encoded twice (unwrapped once).
 * A call starts (`tool-input-start`) once it has a name and either an id or arguments, and its
 * arguments stream as they come; `finish()` emits every call's `tool-call` at the stream's end.
 */
export class ToolCallAssembler {
  private readonly calls: Call[] = [];
  private readonly byIndex = new Map<number, Call>();
  private readonly byId = new Map<string, Call>();
  private latest: Call | undefined;

  constructor(private readonly newId: () => string) {}

  push(delta: ToolCallDelta, emit: Emit): void {
    const id = delta.id || undefined;
    let call = this.#find(delta.index, id);
    if (!call || call.emitted) {
      call = {
        id: id ?? this.newId(),
        idFromServer: id !== undefined,
        name: "",
        args: "",
        started: false,
        doubleEncoded: undefined,
        emitted: false,
      };
      this.calls.push(call);
    } else if (id !== undefined && !call.idFromServer && !call.started) {
      call.id = id;
      call.idFromServer = true;
    }
    if (call.idFromServer) this.byId.set(call.id, call);
    if (delta.index !== undefined) this.byIndex.set(delta.index, call);
    this.latest = call;
    if (!call.name && delta.name) call.name = delta.name;
    const chunk = delta.arguments ?? "";
    call.args += chunk;
    if (call.doubleEncoded === undefined) {
      const first = call.args.trimStart()[0];
      if (first !== undefined) call.doubleEncoded = first === '"';
    }
    if (!call.started) {
      // Waits for an id while nothing else came, so a name sent before the id keeps the server's id.
      if (!call.name || (!call.idFromServer && call.args === "")) return;
      this.#start(call, emit);
      return;
    }
    if (chunk.length > 0 && call.doubleEncoded === false) emit({ type: "tool-input-delta", id: call.id, delta: chunk });
  }

  /**
   * Emits every call not emitted yet; returns the problems found (a call that never got a name).
   * Called when the stream ends: a finish_reason may come before the last tool-call deltas.
   */
  finish(emit: Emit): string[] {
    const problems: string[] = [];
    for (const call of this.calls) {
      if (call.emitted) continue;
      call.emitted = true;
      if (!call.name) {
        problems.push(namelessToolCallProblem(call.id));
        continue;
      }
      if (!call.started) this.#start(call, emit);
      const input = normalizeToolInput(call.args);
      if (call.doubleEncoded !== false) emit({ type: "tool-input-delta", id: call.id, delta: input });
      emit({ type: "tool-input-end", id: call.id });
      emit({ type: "tool-call", toolCallId: call.id, toolName: call.name, input });
    }
    return problems;
  }

  #find(index: number | undefined, id: string | undefined): Call | undefined {
    if (index !== undefined) {
      const call = this.byIndex.get(index);
      // Another server id at a call's index is another call.
      return call && id !== undefined && call.idFromServer && call.id !== id ? undefined : call;
    }
    if (id === undefined) return this.latest;
    const waiting = this.latest && !this.latest.idFromServer && !this.latest.started ? this.latest : undefined;
    return this.byId.get(id) ?? waiting;
  }

  #start(call: Call, emit: Emit): void {
    call.started = true;
    emit({ type: "tool-input-start", id: call.id, toolName: call.name });
    if (call.args.length > 0 && call.doubleEncoded === false)
      emit({ type: "tool-input-delta", id: call.id, delta: call.args });
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
