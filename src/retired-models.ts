/** The `retiredModels` setting: what a provider sends for a model the catalog records as retired. */
import { currentSuccessor, getModelInfo } from "./catalog";
import { SyntheticConfigurationError } from "./errors";

/**
 * - `"send"` (default): send the id as asked; when Synthetic refuses it, the error names the
 *   current successor.
 * - `"follow"`: send the current successor instead, with a warning naming both.
 */
export type RetiredModelsSetting = "send" | "follow";

const VALUES: readonly RetiredModelsSetting[] = ["send", "follow"];

export function checkRetiredModels(value: unknown): RetiredModelsSetting {
  if (value === undefined) return "send";
  if (VALUES.includes(value as RetiredModelsSetting)) return value as RetiredModelsSetting;
  throw new SyntheticConfigurationError({
    code: "invalid-setting",
    message: `retiredModels must be "send" or "follow" (got ${JSON.stringify(value)}).`,
    fix: 'Use "follow" to send a retired model\'s current successor, or leave it out to send the id as asked.',
  });
}

/** The id to send for `id`, and the warning to give when it is not `id`. */
export function resolveRetired(id: string, setting: RetiredModelsSetting): { id: string; warning?: string } {
  if (setting !== "follow" || !getModelInfo(id)?.retired) return { id };
  const successor = currentSuccessor(id);
  if (!successor) return { id };
  return {
    id: successor.id,
    warning: `${id} was retired by Synthetic; sent its current successor ${successor.id} instead (retiredModels: "follow").`,
  };
}
