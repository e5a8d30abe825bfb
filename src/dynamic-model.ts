import type { LanguageModelV2 } from "@ai-sdk/provider";
import type { SyntheticModelId } from "./model-ids.generated";
import { synthetic as defaultProvider, type SyntheticProvider } from "./synthetic-provider";

/** Mastra's request context (0.24 `RuntimeContext`, 1.x `RequestContext`), with values also readable as properties. */
export type SyntheticSelectorContext = {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  has(key: string): boolean;
  // Values set with `ctx.set(key, value)` read as `ctx[key]`, as the Mastra docs' examples do.
  // biome-ignore lint/suspicious/noExplicitAny: values are whatever the app stored.
  [key: string]: any;
};

export type SyntheticModelSelectorArgs = {
  /** The request context (Mastra 0.24's name). Same object as `requestContext`. */
  runtimeContext: SyntheticSelectorContext;
  /** The request context (Mastra 1.x's name). Same object as `runtimeContext`. */
  requestContext: SyntheticSelectorContext;
  /** The Mastra instance, when the agent is registered with one. */
  mastra?: unknown;
};

export type SyntheticModelSelector = (
  args: SyntheticModelSelectorArgs,
) => SyntheticModelId | LanguageModelV2 | Promise<SyntheticModelId | LanguageModelV2>;

/** What Mastra calls for a dynamic `model`: 0.24 passes `runtimeContext`, 1.x `requestContext`. */
export type SyntheticDynamicModel = (args: {
  runtimeContext?: unknown;
  requestContext?: unknown;
  mastra?: unknown;
}) => Promise<LanguageModelV2>;

/**
 * A value for an Agent's `model` that picks a Synthetic model per request, on both Mastra lines.
 * Ids (`synthetic/hf:...`, `hf:...`, `syn:...`) resolve through this package's provider.
 *
 * @example
 * model: dynamicModel(({ runtimeContext }) =>
 *   runtimeContext.task === "complex" ? "synthetic/hf:zai-org/GLM-5.2" : "synthetic/hf:zai-org/GLM-4.7-Flash")
 */
export function dynamicModel(
  selector: SyntheticModelSelector,
  provider: SyntheticProvider = defaultProvider,
): SyntheticDynamicModel {
  return async ({ runtimeContext, requestContext, mastra }) => {
    const context = contextView(requestContext ?? runtimeContext);
    const choice = await selector({ runtimeContext: context, requestContext: context, mastra });
    return typeof choice === "string" ? provider.chatModel(choice) : choice;
  };
}

const emptyContext = (): SyntheticSelectorContext => {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    has: (key) => values.has(key),
  };
};

// A Proxy rather than a copy: the selector sees values set later in the request, and methods
// stay bound to the real context (Mastra's contexts keep state in private fields).
function contextView(context: unknown): SyntheticSelectorContext {
  const target =
    context && typeof context === "object" && typeof (context as { get?: unknown }).get === "function"
      ? (context as SyntheticSelectorContext)
      : emptyContext();
  return new Proxy(target, {
    get(obj, prop) {
      if (typeof prop === "symbol" || prop in obj) {
        const value = Reflect.get(obj, prop, obj);
        return typeof value === "function" ? value.bind(obj) : value;
      }
      return obj.get(prop);
    },
    has(obj, prop) {
      return prop in obj || (typeof prop === "string" && obj.has(prop));
    },
  });
}
