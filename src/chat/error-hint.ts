/**
 * What a chat request's error adds to Synthetic's text: for a 404, which URL answered; the
 * retired-model note only when the answer names the model (a wrong base URL also answers 404,
 * and a retired model's id is no reason to blame it then).
 */
import { currentSuccessor, retiredModelHint } from "../catalog";
import { syntheticErrorTextFromBody } from "../errors";
import { DEFAULT_BASE_URL } from "../settings";

/** `url` without credentials, query or fragment: what an error may show. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    parsed.search = "";
    parsed.hash = "";
    return parsed.href;
  } catch {
    return url.replace(/[?#].*$/, "");
  }
}

/** Whether Synthetic's text names `modelId` (`hf:Owner/Name`, or its `Owner/Name`). */
function namesModel(text: string, modelId: string): boolean {
  const lower = text.toLowerCase();
  const id = modelId.toLowerCase();
  const bare = id.replace(/^(hf|syn):/, "");
  return lower.includes(id) || lower.includes(bare);
}

/** The sentence(s) to append to a failed chat request's message, or `undefined`. */
export function chatErrorHint(modelId: string, url: string, status: number, body: string): string | undefined {
  const text = syntheticErrorTextFromBody(body) ?? body;
  const aboutModel = (status === 404 || status === 400) && namesModel(text, modelId);
  // Synthetic's own text may already say what replaced the model.
  const retired = aboutModel ? retiredModelHint(modelId) : undefined;
  const successor = retired ? currentSuccessor(modelId)?.id : undefined;
  const modelNote = retired && !(successor && text.includes(successor)) ? retired : undefined;
  if (status !== 404) return modelNote;
  const where = displayUrl(url);
  const urlNote = aboutModel
    ? `(404 from ${where})`
    : `${where} answered 404: check the base URL (Synthetic's is ${DEFAULT_BASE_URL}; the package appends /chat/completions).`;
  return [modelNote, urlNote].filter(Boolean).join(" ");
}
