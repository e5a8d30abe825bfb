import type { SyntheticProviderV2 } from "./faces/v2-provider";

export type { SyntheticModelOverrides } from "./faces/build-provider";
export { createSynthetic, synthetic } from "./faces/v2-provider";
export type { SyntheticProviderSettings } from "./settings";

/**
 * The main entry's provider: LanguageModelV2 chat models and EmbeddingModelV2 embeddings, what
 * Mastra 0.24 and `ai@5` take natively and Mastra 1.x accepts (the same provider as
 * `mastra-synthetic/ai-v5`; `ai-v6` and `ai-v7` have V3 and V4 faces).
 *
 * @example
 * const synthetic = createSynthetic({ headers: { "X-Custom-Header": "value" } });
 * const agent = new Agent({ name: "a", instructions: "...", model: synthetic("hf:zai-org/GLM-5.2") });
 */
export type SyntheticProvider = SyntheticProviderV2;
