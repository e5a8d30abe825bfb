/**
 * `synthetic.tools.webSearch()`: Synthetic's search as a tool. A plain object (description, zod
 * `inputSchema`, `execute`) is what ai 5, 6 and 7 take in `tools` and what Mastra agents of both
 * lines take as an AI SDK tool, so the package needs no `ai` import to build one.
 */
import { z } from "zod/v4";
import { SyntheticConfigurationError } from "./errors";
import { lazy } from "./lazy";
import type { PreparedSettings } from "./settings";
import { searchWeb } from "./web-search";

/** Options of `synthetic.tools.webSearch()`. */
export type SyntheticWebSearchOptions = {
  /** Results handed to the model, at most. Default `5` (what Synthetic returns for most queries). */
  maxResults?: number;
  /** Characters of each result's text handed to the model; longer text is cut with `…`. Default `1500`. */
  maxCharsPerResult?: number;
  /** The tool's description for the model. Default: says it searches the web and returns sources. */
  description?: string;
};

/** What the tool returns to the model: a compact list of sources. */
export type SyntheticWebSearchOutput = {
  results: { title: string; url: string; published?: string; text: string }[];
};

/** The tool object: usable in ai 5/6/7 `tools` and in a Mastra agent's `tools`. */
export type SyntheticWebSearchTool = {
  description: string;
  inputSchema: z.ZodType<{ query: string }>;
  execute: (input: { query: string }, options?: { abortSignal?: AbortSignal }) => Promise<SyntheticWebSearchOutput>;
};

const DEFAULT_DESCRIPTION =
  "Search the web for current information. Returns the top results with their title, URL, publication date when known, and extracted text. Cite the URLs you use.";

const inputSchema = lazy(() =>
  z.object({ query: z.string().min(1).describe("What to search for, as you would type it into a search engine.") }),
);

const positiveInt = (value: unknown, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  throw new SyntheticConfigurationError({
    code: "invalid-setting",
    message: `webSearch(): ${name} must be a positive integer (got ${JSON.stringify(value)}).`,
    fix: `Pass a whole number above 0, or leave ${name} out for ${fallback}.`,
  });
};

/** The web-search tool bound to a provider's settings (key, base URL, headers, retries). */
export function webSearchTool(
  prepared: PreparedSettings,
  options: SyntheticWebSearchOptions = {},
): SyntheticWebSearchTool {
  const maxResults = positiveInt(options.maxResults, "maxResults", 5);
  const maxChars = positiveInt(options.maxCharsPerResult, "maxCharsPerResult", 1500);
  return {
    description: options.description ?? DEFAULT_DESCRIPTION,
    inputSchema: inputSchema(),
    execute: async (input, callOptions) => {
      // ai and Mastra 1.x pass the input itself; Mastra 0.24 runs a tool without `parameters` as
      // one of its own and passes `{ context: input, ... }`.
      const { query } =
        "context" in input && typeof input.context === "object" ? (input.context as { query: string }) : input;
      const results = await searchWeb(query, { prepared, abortSignal: callOptions?.abortSignal });
      return {
        results: results.slice(0, maxResults).map(({ title, url, published, text }) => ({
          title,
          url,
          ...(published ? { published } : {}),
          text: text.length > maxChars ? `${text.slice(0, maxChars).trimEnd()}…` : text,
        })),
      };
    },
  };
}

/** `synthetic.tools`: Synthetic's own tools, bound to the provider's settings. */
export type SyntheticTools = {
  /**
   * Synthetic's web search (`POST /v2/search`, subscribers only, metered by `search.hourly`) as a
   * tool for ai 5/6/7 `tools` and Mastra agents.
   *
   * @example
   * const agent = new Agent({ name: "researcher", instructions: "...", model: synthetic("hf:zai-org/GLM-5.2"),
   *   tools: { webSearch: synthetic.tools.webSearch() } });
   */
  webSearch(options?: SyntheticWebSearchOptions): SyntheticWebSearchTool;
};
