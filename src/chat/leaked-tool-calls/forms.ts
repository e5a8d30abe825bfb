import { deepseek } from "./deepseek";
import { glm } from "./glm";
import { hermes } from "./hermes";
import { kimiK2, kimiK2Singular } from "./kimi-k2";
import { minimax } from "./minimax";
import type { FormParser, LeakedToolCallForm } from "./types";
import { xtml } from "./xtml";

/** Every parser by form; `hermes` comes before `glm`: both open with `<tool_call>` and a Hermes body starts with `{`. */
const PARSERS: readonly FormParser[] = [xtml, hermes, glm, kimiK2, kimiK2Singular, deepseek, minimax];

/** A start marker and the parsers to try on a block it opens, in order. */
export type Marker = { start: string; end: string; parsers: FormParser[] };

/** The markers to look for when a model may leak `forms`. */
export function markersFor(forms: readonly LeakedToolCallForm[]): Marker[] {
  const markers: Marker[] = [];
  for (const parser of PARSERS) {
    if (!forms.includes(parser.form)) continue;
    const marker = markers.find((m) => m.start === parser.start);
    if (marker) marker.parsers.push(parser);
    else markers.push({ start: parser.start, end: parser.end, parsers: [parser] });
  }
  return markers;
}
