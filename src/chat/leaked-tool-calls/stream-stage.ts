import type { SyntheticStreamPart } from "../types";
import { type LeakedToolCallRecovery, newLeakedToolCallScanner } from "./index";
import type { LeakedPiece, LeakedToolCallScanner } from "./scanner";

/**
 * The stream's answer text on its way out: text deltas go through the scanner, text comes out
 * through `text`, each recovered call as `tool-input-start/-delta/-end` and `tool-call` parts
 * through `emit`.
 */
export class LeakedToolCallStream {
  readonly scanner: LeakedToolCallScanner;
  private readonly pieces: LeakedPiece[] = [];

  constructor(
    recovery: LeakedToolCallRecovery,
    newId: () => string,
    private readonly text: (delta: string) => void,
    private readonly emit: (part: SyntheticStreamPart) => void,
  ) {
    this.scanner = newLeakedToolCallScanner(recovery, newId);
  }

  push(delta: string): void {
    if (this.scanner.passes(delta)) {
      this.text(delta);
      return;
    }
    this.scanner.push(delta, this.pieces);
    this.flush();
  }

  finish(): void {
    this.scanner.finish(this.pieces);
    this.flush();
  }

  private flush(): void {
    for (const piece of this.pieces) {
      if (piece.type === "text") {
        this.text(piece.text);
        continue;
      }
      const { toolCallId: id, toolName, input } = piece.call;
      this.emit({ type: "tool-input-start", id, toolName });
      this.emit({ type: "tool-input-delta", id, delta: input });
      this.emit({ type: "tool-input-end", id });
      this.emit({ type: "tool-call", toolCallId: id, toolName, input });
    }
    this.pieces.length = 0;
  }
}
