/**
 * The provider every face entry (ai-v5, ai-v6, ai-v7) returns, built once here: settings,
 * model ids, the catalog and the chat core are the same for all; a face only says which chat
 * and embedding classes wrap them.
 */
import type { ProviderErrorStructure } from "@ai-sdk/openai-compatible";
import { NoSuchModelError } from "@ai-sdk/provider";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import { getModelInfo } from "../catalog";
import { SyntheticChatCore } from "../chat/chat-core";
import { createModelInfoResolver } from "../live-catalog";
import { liveCatalogFromSetting } from "../live-catalog/setting";
import { normalizeModelId } from "../model-id";
import type { SyntheticEmbeddingModelId, SyntheticModelId } from "../model-ids.generated";
import { getQuota } from "../quota";
import { checkRetiredModels, resolveRetired } from "../retired-models";
import { prepareSettings, type SyntheticModelOverrides, type SyntheticProviderSettings } from "../settings";
import { QuotaWatch } from "../subscription-limit";
import { type SyntheticTools, webSearchTool } from "../web-search-tool";

export type { SyntheticModelOverrides };

/** What an openai-compatible embedding model of any major needs from our settings. */
export type SyntheticEmbeddingConfig = {
  provider: string;
  url: (options: { modelId: string; path: string }) => string;
  headers: () => Record<string, string>;
  fetch: FetchFunction;
  // biome-ignore lint/suspicious/noExplicitAny: each openai-compatible major types its own schema.
  errorStructure: ProviderErrorStructure<any>;
};

/** The embedding surface every spec shares (EmbeddingModelV2/V3/V4). */
type EmbeddingModelLike = {
  readonly specificationVersion: string;
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: unknown;
  readonly supportsParallelCalls: unknown;
  doEmbed(options: never): PromiseLike<unknown>;
};

/** How one face wraps the shared pieces. */
export type SyntheticFace<CHAT, EMBEDDING extends EmbeddingModelLike> = {
  specificationVersion: "v2" | "v3" | "v4";
  chatModel(core: SyntheticChatCore): CHAT;
  /**
   * Loads the embedding class on first use: `@ai-sdk/openai-compatible` is only imported by apps
   * that embed (cold import, docs/internals/performance.md).
   */
  loadEmbedding(): Promise<new (modelId: string, config: SyntheticEmbeddingConfig) => EMBEDDING>;
};

/** A provider whose chat and embedding models implement one AI SDK spec. */
export type SyntheticFaceProvider<CHAT, EMBEDDING> = {
  /** A chat model, e.g. `synthetic("hf:zai-org/GLM-5.2")`. */
  (modelId: SyntheticModelId): CHAT;
  /** A chat model. Accepts `hf:Owner/Name`, `syn:alias`, and either prefixed with `synthetic/`. */
  chatModel(modelId: SyntheticModelId, overrides?: SyntheticModelOverrides): CHAT;
  /** Same as `chatModel`. */
  languageModel(modelId: SyntheticModelId, overrides?: SyntheticModelOverrides): CHAT;
  /** An embedding model, e.g. `hf:nomic-ai/nomic-embed-text-v1.5` (768 dimensions; `dimensions` accepted). */
  embeddingModel(modelId: SyntheticEmbeddingModelId): EMBEDDING;
  /** Same as `embeddingModel`. */
  textEmbeddingModel(modelId: SyntheticEmbeddingModelId): EMBEDDING;
  /** Synthetic's own tools (web search), with this provider's key, base URL, headers and retries. */
  readonly tools: SyntheticTools;
  /** Synthetic has no image models: always throws `NoSuchModelError`. */
  imageModel(modelId: string): never;
  /** The AI SDK spec its models implement. */
  readonly specificationVersion: "v2" | "v3" | "v4";
  /** The base URL requests go to now (settings, else `SYNTHETIC_BASE_URL`, else the default). */
  readonly baseURL: string;
};

/**
 * The `provider` the models report (logs, telemetry). Not "synthetic.*": Mastra 1.71 looks the
 * part before the dot up in its own capabilities/synthetic.json (made for its built-in route,
 * listing only newer models) and silently drops temperature/topP/topK for every model that file
 * does not list (docs/internals/upstream/). `providerOptions.synthetic` and `providerMetadata.synthetic`
 * keep their key whatever these say.
 */
const CHAT_PROVIDER = "mastra-synthetic.chat";
const EMBEDDING_PROVIDER = "mastra-synthetic.embedding";

/**
 * A face's provider type: our typed signatures (not merged as overloads with the spec's string
 * ones), whatever else the spec's provider interface has, and the spec version.
 */
export type FaceProvider<CHAT, EMBEDDING, SPEC_PROVIDER, VERSION extends string> = SyntheticFaceProvider<
  CHAT,
  EMBEDDING
> &
  Omit<SPEC_PROVIDER, keyof SyntheticFaceProvider<CHAT, EMBEDDING>> & { readonly specificationVersion: VERSION };

/**
 * One face's `createSynthetic` and default `synthetic` instance: the shared builder with that
 * face's chat model class and a loader for its embedding class.
 */
export function defineFace<
  PROVIDER extends object,
  CHAT = unknown,
  EMBEDDING extends EmbeddingModelLike = EmbeddingModelLike,
>(
  specificationVersion: SyntheticFace<CHAT, EMBEDDING>["specificationVersion"],
  Chat: new (core: SyntheticChatCore) => CHAT,
  loadEmbedding: SyntheticFace<CHAT, EMBEDDING>["loadEmbedding"],
): { createSynthetic: (settings?: SyntheticProviderSettings) => PROVIDER; synthetic: PROVIDER } {
  const face: SyntheticFace<CHAT, EMBEDDING> = {
    specificationVersion,
    chatModel: (core) => new Chat(core),
    loadEmbedding,
  };
  const createSynthetic = (settings: SyntheticProviderSettings = {}) =>
    buildSyntheticProvider(settings, face) as PROVIDER;
  // The default instance: key from SYNTHETIC_API_KEY, base URL from SYNTHETIC_BASE_URL or the default.
  return { createSynthetic, synthetic: createSynthetic() };
}

export function buildSyntheticProvider<CHAT, EMBEDDING extends EmbeddingModelLike>(
  settings: SyntheticProviderSettings,
  face: SyntheticFace<CHAT, EMBEDDING>,
): SyntheticFaceProvider<CHAT, EMBEDDING> {
  const prepared = prepareSettings(settings);
  const retiredModels = checkRetiredModels(settings.retiredModels);
  // The name each spec's provider interface gives embedding models.
  const embeddingMethod = face.specificationVersion === "v2" ? "textEmbeddingModel" : "embeddingModel";
  // Off by default: the bundled catalog, no request (docs/models.md).
  const catalog = liveCatalogFromSetting(settings.liveCatalog ?? false, settings);

  const quotas = new QuotaWatch((abortSignal) => getQuota({ prepared, abortSignal }));
  // A model with a key of its own (the gateway's per-request key) watches that key's quotas: the
  // provider's windows would name another account's refill.
  const quotasFor = (overrides: SyntheticModelOverrides | undefined) =>
    overrides?.apiKey === undefined
      ? quotas
      : new QuotaWatch((abortSignal) =>
          getQuota({
            prepared: { ...prepared, resolveHeaders: () => prepared.resolveHeaders(overrides) },
            abortSignal,
          }),
        );

  // Dynamic selectors and gateways ask for the same few models on every request: instances are reused.
  const chatModels = new BoundedCache<CHAT>(MODEL_CACHE_SIZE);
  const chatModel = (modelId: SyntheticModelId, overrides?: SyntheticModelOverrides): CHAT => {
    const cacheKey = overrides ? `${modelId}\n${overrides.apiKey ?? ""}\n${stableHeaders(overrides.headers)}` : modelId;
    const cached = chatModels.get(cacheKey);
    if (cached) return cached;
    const { id, warning } = resolveRetired(normalizeModelId(modelId), retiredModels);
    const info = getModelInfo(id);
    if (info?.kind === "embedding") {
      throw new NoSuchModelError({
        modelId: id,
        modelType: "languageModel",
        message: `${id} is an embedding model. Use synthetic.${embeddingMethod}("${id}").`,
      });
    }
    const core = new SyntheticChatCore(id, {
      provider: CHAT_PROVIDER,
      baseURL: prepared.resolveBaseURL,
      headers: overrides ? () => prepared.resolveHeaders(overrides) : () => prepared.resolveHeaders(),
      transport: prepared.transport,
      modelInfo: createModelInfoResolver(id, { catalog }),
      quotas: quotasFor(overrides),
      warning,
    });
    const model = face.chatModel(core);
    chatModels.set(cacheKey, model);
    return model;
  };

  const embeddingModel = (modelId: SyntheticEmbeddingModelId): EMBEDDING =>
    lazyEmbedding(face, normalizeModelId(modelId), {
      // openai-compatible reads `providerOptions[provider before the dot]`: keep it `synthetic`.
      provider: "synthetic.embedding",
      headers: () => prepared.resolveHeaders(),
      url: ({ path }) => `${prepared.resolveBaseURL()}${path}`,
      fetch: prepared.fetch,
      errorStructure: prepared.errorStructure,
    });

  const provider = ((modelId: SyntheticModelId) => chatModel(modelId)) as SyntheticFaceProvider<CHAT, EMBEDDING>;
  Object.defineProperties(provider, {
    chatModel: { value: chatModel },
    languageModel: { value: chatModel },
    embeddingModel: { value: embeddingModel },
    textEmbeddingModel: { value: embeddingModel },
    imageModel: {
      value: (modelId: string) => {
        throw new NoSuchModelError({ modelId, modelType: "imageModel" });
      },
    },
    tools: { value: { webSearch: (options) => webSearchTool(prepared, options) } satisfies SyntheticTools },
    specificationVersion: { value: face.specificationVersion, enumerable: true },
    baseURL: { get: () => prepared.resolveBaseURL(), enumerable: true },
    toJSON: { value: () => ({ provider: "synthetic", baseURL: prepared.resolveBaseURL() }) },
  });
  return provider;
}

/**
 * The embedding model behind a plain object, built on the first `doEmbed`. Plain: ai@7's workflow
 * serialization of openai-compatible models resolves their `headers` (the API key included) into
 * the serialized config. Lazy: the class's module loads only when something is embedded.
 */
function lazyEmbedding<CHAT, EMBEDDING extends EmbeddingModelLike>(
  face: SyntheticFace<CHAT, EMBEDDING>,
  modelId: string,
  config: SyntheticEmbeddingConfig,
): EMBEDDING {
  let inner: Promise<EMBEDDING> | undefined;
  const model = () => (inner ??= face.loadEmbedding().then((Embedding) => new Embedding(modelId, config)));
  const { specificationVersion } = face;
  return {
    specificationVersion,
    provider: EMBEDDING_PROVIDER,
    modelId,
    // openai-compatible's own values for a config that sets neither (every major).
    maxEmbeddingsPerCall: 2048,
    supportsParallelCalls: true,
    doEmbed: async (options: never) => (await model()).doEmbed(options),
    toJSON: () => ({ specificationVersion, provider: EMBEDDING_PROVIDER, modelId }),
  } as unknown as EMBEDDING;
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
