/** Retired models as Synthetic treats them: not listed by `/models`, and refused by name. */
import type { SyntheticModelInfo } from "../catalog-schema";
import { HttpError } from "./routes";

const isRetired = (model: SyntheticModelInfo) => Boolean(model.retired ?? model.deprecated);

/** What `GET /models` lists: current models only, unless retired ones are served too. */
export function listedModels(models: readonly SyntheticModelInfo[], serveRetired: boolean): SyntheticModelInfo[] {
  return serveRetired ? [...models] : models.filter((model) => !isRetired(model));
}

/**
 * Refuses a request for a model the catalog marks retired: 404 (Synthetic's status for a model it
 * does not serve) with `{"error"}` naming the model and the successor the catalog records. The
 * wording is the emulator's own: no real answer for a retired id has been recorded.
 */
export function checkServed(
  model: SyntheticModelInfo | undefined,
  models: ReadonlyMap<string, SyntheticModelInfo>,
  serveRetired: boolean,
): void {
  if (!model || serveRetired || !isRetired(model)) return;
  let successor = model.successor ? models.get(model.successor) : undefined;
  const seen = new Set<string>([model.id]);
  while (successor && isRetired(successor) && successor.successor && !seen.has(successor.id)) {
    seen.add(successor.id);
    successor = models.get(successor.successor);
  }
  const use = successor && !isRetired(successor) ? successor.id : model.successor;
  throw new HttpError(
    404,
    `Model ${model.id} is no longer available: it was retired.${use ? ` Use ${use} instead.` : ""}`,
  );
}
