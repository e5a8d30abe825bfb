import type { SyntheticFinishReason, SyntheticProviderMetadata, SyntheticWarning } from "../types";
import type { LeakedToolCallScanner } from "./scanner";

/**
 * What an answer's recovered markup changes in its result. A stream's warnings left with its
 * first part, before any markup came, so the notes also travel in
 * `providerMetadata.synthetic.leakedToolCalls` on the finish, in both modes alike.
 */
export function leakedFinishReason(
  finish: SyntheticFinishReason,
  scanner: LeakedToolCallScanner | undefined,
): SyntheticFinishReason {
  if (!scanner || scanner.recovered === 0) return finish;
  // The server ended a normal answer; the app now has calls to run.
  return finish.unified === "stop" || finish.unified === "unknown" || finish.unified === "other"
    ? { unified: "tool-calls", raw: finish.raw }
    : finish;
}

export function leakedMetadata<M extends { synthetic: SyntheticProviderMetadata }>(
  metadata: M,
  scanner: LeakedToolCallScanner | undefined,
): M {
  if (scanner && scanner.notes.length > 0) metadata.synthetic.leakedToolCalls = scanner.notes;
  return metadata;
}

export function leakedWarnings(
  warnings: SyntheticWarning[],
  scanner: LeakedToolCallScanner | undefined,
): SyntheticWarning[] {
  if (!scanner || scanner.notes.length === 0) return warnings;
  return [...warnings, ...scanner.notes.map((note): SyntheticWarning => ({ type: "other", message: note.message }))];
}
