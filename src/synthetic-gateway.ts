import type { LanguageModelV2 } from "@ai-sdk/provider";
import { listModels } from "./catalog";
import { LiveCatalog } from "./live-catalog";
import { API_KEY_ENV, loadKey, type SyntheticProviderSettings } from "./settings";
import { createSynthetic, type SyntheticProvider } from "./synthetic-provider";

export const GATEWAY_ID = "synthetic";

// Mastra 0.24 caches router models in one static map keyed by gateway *id*, model, key, url and
// headers, so a second SyntheticGateway with another baseURL/headers would get the first one's
// model. The only part of that key a gateway controls is the key it returns from getApiKey, so
// each instance tags it; resolveLanguageModel strips the tag. NUL cannot occur in a real key
// (settings reject it), so the tag can never be mistaken for part of one.
const INSTANCE_TAG = "\u0000synthetic-gateway:";
let instances = 0;

/** The shape Mastra's registry reads from `fetchProviders()` (both Mastra lines). */
export type SyntheticGatewayProviderConfig = {
  name: string;
  gateway: string;
  apiKeyEnvVar: string;
  apiKeyHeader: string;
  url: string;
  docUrl: string;
  models: string[];
};

/** Gateway settings: the provider's, plus whether `fetchProviders()` reads the live `/models` list. */
export interface SyntheticGatewaySettings extends SyntheticProviderSettings {
  /**
   * Merge the live `GET /models` list over the bundled catalog in `fetchProviders()`, cached in
   * memory. On failure or timeout the bundled catalog is used and one warning is logged.
   * `false` lists the bundled catalog only. Default: `true` (TTL 10 min, timeout 3 s).
   * @example { liveCatalog: { ttlMs: 60_000, timeoutMs: 1_000 } }
   */
  liveCatalog?: boolean | { ttlMs?: number; timeoutMs?: number; logger?: (message: string) => void };
}

/**
 * Mastra model-router gateway for Synthetic. Register it and every `synthetic/...` model string
 * in that Mastra resolves through this package:
 *
 * @example
 * const mastra = new Mastra({ agents: { agent }, gateways: { synthetic: syntheticGateway() } });
 * // agent: new Agent({ name: "agent", instructions: "...", model: "synthetic/hf:MiniMaxAI/MiniMax-M2" })
 *
 * It satisfies Mastra's gateway interface structurally (0.24 and 1.x), so importing this package
 * never loads `@mastra/core`.
 */
export class SyntheticGateway {
  readonly id = GATEWAY_ID;
  readonly name = "Synthetic";
  readonly #settings: SyntheticProviderSettings;
  readonly #provider: SyntheticProvider;
  readonly #tag = `${INSTANCE_TAG}${++instances}`;
  readonly #liveCatalog: LiveCatalog | undefined;

  constructor(gatewaySettings: SyntheticGatewaySettings = {}) {
    const { liveCatalog = true, ...settings } = gatewaySettings;
    this.#settings = settings;
    this.#provider = createSynthetic(settings);
    this.#liveCatalog = liveCatalog
      ? // The provider's timeoutMs is per chat attempt (minutes); /models keeps its own short deadline.
        new LiveCatalog({ ...settings, timeoutMs: undefined, ...(liveCatalog === true ? {} : liveCatalog) })
      : undefined;
  }

  getId(): string {
    return this.id;
  }

  shouldEnable(): boolean {
    return true;
  }

  /** Describes the catalog so Mastra's registry and type generation see `synthetic/hf:...` ids. */
  async fetchProviders(): Promise<Record<string, SyntheticGatewayProviderConfig>> {
    return {
      [GATEWAY_ID]: {
        name: "Synthetic",
        gateway: GATEWAY_ID,
        apiKeyEnvVar: API_KEY_ENV,
        apiKeyHeader: "Authorization",
        url: this.#provider.baseURL,
        docUrl: "https://dev.synthetic.new/docs",
        // The live catalog never throws: a dead /models falls back to the bundled list.
        models: (this.#liveCatalog ? await this.#liveCatalog.list() : listModels())
          .filter((model) => model.kind === "chat" && !model.deprecated)
          .map((model) => model.id),
      },
    };
  }

  buildUrl(_modelId: string, _envVars?: Record<string, string>): string {
    return this.#provider.baseURL;
  }

  /** The key Mastra passes back to `resolveLanguageModel`; throws naming `SYNTHETIC_API_KEY` when absent. */
  async getApiKey(_modelId: string): Promise<string> {
    return loadKey(this.#settings.apiKey) + this.#tag;
  }

  /**
   * Mastra splits `synthetic/hf:Owner/Name` into providerId `hf:Owner` and modelId `Name`, and
   * (1.x) `synthetic/syn:alias` into providerId `synthetic` and modelId `syn:alias`.
   */
  resolveLanguageModel({
    modelId,
    providerId,
    apiKey,
    headers,
  }: {
    modelId: string;
    providerId: string;
    apiKey: string;
    headers?: Record<string, string>;
  }): LanguageModelV2 {
    const id = providerId === GATEWAY_ID ? modelId : `${providerId}/${modelId}`;
    const tagAt = apiKey.indexOf(INSTANCE_TAG);
    const key = tagAt === -1 ? apiKey : apiKey.slice(0, tagAt);
    return this.#provider.chatModel(id, { apiKey: key || undefined, headers });
  }

  /** What tracing spans may show: identity only, never settings. */
  serializeForSpan(): { id: string; name: string } {
    return { id: this.id, name: this.name };
  }

  toJSON(): { id: string; name: string } {
    return this.serializeForSpan();
  }
}

/** Creates a {@link SyntheticGateway}; takes the same settings as `createSynthetic`. */
export function syntheticGateway(settings?: SyntheticGatewaySettings): SyntheticGateway {
  return new SyntheticGateway(settings);
}
