/**
 * What the emulator child streams for one request. The bench puts it in the user message
 * (`bench:<json>`), so one emulator serves every row without a script queue shared by rows.
 */
export type Scenario = {
  /** Content (and reasoning) deltas in the stream. */
  chunks: number;
  /** Characters per delta. Default 8. */
  size?: number;
  /** Reasoning inline as `<think>...</think>` for the first half of the deltas (MiniMax-M2's format). */
  thinkTags?: boolean;
  /** SSE events sent before the stream stalls, kept open until the client aborts. */
  stallAfter?: number;
  /** Milliseconds between SSE events (token by token, as a model generates), else back to back. */
  delayMs?: number;
  /**
   * The whole stream in one write (the emulator's `rawSse`), so every client reads the same
   * large reads whatever its speed; else one write per event, and a client that keeps up reads
   * an event or two at a time while a slower one reads many.
   */
  burst?: boolean;
};

export const API_KEY = "sk-bench";
export const PLAIN_MODEL = "hf:deepseek-ai/DeepSeek-V3";
export const THINK_TAGS_MODEL = "hf:MiniMaxAI/MiniMax-M2";

const PREFIX = "bench:";
const PROSE = "The quick brown fox jumps over the lazy dog, then streams another token. ";

export const scenarioPrompt = (scenario: Scenario): string => `${PREFIX}${JSON.stringify(scenario)}`;

export function parseScenario(text: string): Scenario | undefined {
  return text.startsWith(PREFIX) ? (JSON.parse(text.slice(PREFIX.length)) as Scenario) : undefined;
}

/** `chars` characters of prose (no `<`, as most answers). */
export function prose(chars: number): string {
  return PROSE.repeat(Math.ceil(chars / PROSE.length)).slice(0, Math.max(0, chars));
}

/**
 * Text whose `size`-character deltas number exactly `chunks`, tags included when `thinkTags`:
 * `<think>` + reasoning + `</think>` + answer, the reasoning taking the first half.
 */
export function scenarioText(scenario: Scenario): { content: string; reasoning?: string } {
  const size = scenario.size ?? 8;
  const total = scenario.chunks * size;
  if (!scenario.thinkTags) return { content: prose(total) };
  const reasoningChars = Math.floor(scenario.chunks / 2) * size - "<think>".length;
  return {
    reasoning: prose(reasoningChars),
    content: prose(total - reasoningChars - "<think></think>".length),
  };
}
