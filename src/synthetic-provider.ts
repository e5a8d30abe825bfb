import { OpenAICompatibleEmbeddingModel } from "@ai-sdk/openai-compatible";
import { type EmbeddingModelV2, type LanguageModelV2, NoSuchModelError, type ProviderV2 } from "@ai-sdk/provider";
import { getModelInfo } from "./catalog";
import { SyntheticChatCore } from "./chat/chat-core";
import { normalizeModelId } from "./model-id";
import type { SyntheticEmbeddingModelId, SyntheticModelId } from "./model-ids.generated";
import { prepareSettings, type SyntheticProviderSettings } from "./settings";
import { SyntheticChatLanguageModel } from "./synthetic-chat-model";

export type { SyntheticProviderSettings } from "./settings";

/** Per-model overrides, used by the gateway to apply the key and headers Mastra resolved. */
export type SyntheticModelOverrides = { apiKey?: string; headers?: Record<string, string> };

export interface SyntheticProvider extends ProviderV2 {
  /** A chat model, e.g. `synthetic("hf:MiniMaxAI/MiniMax-M2")`. */
  (modelId: SyntheticModelId): LanguageModelV2;
  /** A chat model. Accepts `hf:Owner/Name`, `syn:alias`, and either prefixed with `synthetic/`. */
  chatModel(modelId: SyntheticModelId, overrides?: SyntheticModelOverrides): LanguageModelV2;
  /** Same as `chatModel`. */
  languageModel(modelId: SyntheticModelId, overrides?: SyntheticModelOverrides): LanguageModelV2;
  /** An embedding model, e.g. `hf:nomic-ai/nomic-embed-text-v1.5` (768 dimensions; `dimensions` accepted). */
  textEmbeddingModel(modelId: SyntheticEmbeddingModelId): EmbeddingModelV2<string>;
  /** Same as `textEmbeddingModel`. */
  embeddingModel(modelId: SyntheticEmbeddingModelId): EmbeddingModelV2<string>;
  /** The base URL requests go to now (settings, else `SYNTHETIC_BASE_URL`, else the default). */
  readonly baseURL: string;
}

/**
 * Creates a Synthetic provider for the AI SDK and Mastra.
 *
 * @example
 * const synthetic = createSynthetic({ headers: { "X-Custom-Header": "value" } });
 * const agent = new Agent({ name: "a", instructions: "...", model: synthetic("hf:zai-org/GLM-4.6") });
 */
export function createSynthetic(settings: SyntheticProviderSettings = {}): SyntheticProvider {
  const prepared = prepareSettings(settings);

  // Dynamic selectors and gateways ask for the same few models on every request: instances are reused.
  const chatModels = new BoundedCache<LanguageModelV2>(MODEL_CACHE_SIZE);
  const chatModel = (modelId: SyntheticModelId, overrides?: SyntheticModelOverrides): LanguageModelV2 => {
    const cacheKey = overrides ? `${modelId}\n${overrides.apiKey ?? ""}\n${stableHeaders(overrides.headers)}` : modelId;
    const cached = chatModels.get(cacheKey);
    if (cached) return cached;
    const id = normalizeModelId(modelId);
    const info = getModelInfo(id);
    if (info?.kind === "embedding") {
      throw new NoSuchModelError({
        modelId: id,
        modelType: "languageModel",
        message: `${id} is an embedding model. Use synthetic.textEmbeddingModel("${id}").`,
      });
    }
    const model = new SyntheticChatLanguageModel(
      new SyntheticChatCore(id, {
        provider: "synthetic.chat",
        baseURL: prepared.resolveBaseURL,
        headers: overrides ? () => prepared.resolveHeaders(overrides) : () => prepared.resolveHeaders(),
        transport: prepared.transport,
        modelInfo: () => info,
      }),
    );
    chatModels.set(cacheKey, model);
    return model;
  };

  const embeddingModel = (modelId: SyntheticEmbeddingModelId): EmbeddingModelV2<string> =>
    new OpenAICompatibleEmbeddingModel(normalizeModelId(modelId), {
      provider: "synthetic.embedding",
      headers: () => prepared.resolveHeaders(),
      url: ({ path }) => `${prepared.resolveBaseURL()}${path}`,
      fetch: prepared.fetch,
      errorStructure: prepared.errorStructure,
    });

  const provider = ((modelId: SyntheticModelId) => chatModel(modelId)) as SyntheticProvider;
  Object.defineProperties(provider, {
    chatModel: { value: chatModel },
    languageModel: { value: chatModel },
    textEmbeddingModel: { value: embeddingModel },
    embeddingModel: { value: embeddingModel },
    imageModel: {
      value: (modelId: string) => {
        throw new NoSuchModelError({ modelId, modelType: "imageModel" });
      },
    },
    baseURL: { get: () => prepared.resolveBaseURL(), enumerable: true },
    toJSON: { value: () => ({ provider: "synthetic", baseURL: prepared.resolveBaseURL() }) },
  });
  return provider;
}

const MODEL_CACHE_SIZE = 64;

/** A Map that forgets its oldest entry past `limit`, so arbitrary ids cannot grow it without bound. */
class BoundedCache<T> {
  readonly #entries = new Map<string, T>();
  constructor(readonly limit: number) {}
  get(key: string): T | undefined {
    return this.#entries.get(key);
  }
  set(key: string, value: T): void {
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, value);
  }
}

function stableHeaders(headers: Record<string, string> | undefined): string {
  return headers ? JSON.stringify(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : 1))) : "";
}

/** The default provider: key from `SYNTHETIC_API_KEY`, base URL from `SYNTHETIC_BASE_URL` or the default. */
export const synthetic: SyntheticProvider = /* @__PURE__ */ createSynthetic();
