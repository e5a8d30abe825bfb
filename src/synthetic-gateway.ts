import type { LanguageModelV2 } from "@ai-sdk/provider";
import { listModels } from "./catalog";
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

  constructor(settings: SyntheticProviderSettings = {}) {
    this.#settings = settings;
    this.#provider = createSynthetic(settings);
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
        models: listModels({ kind: "chat" })
          .filter((model) => !model.deprecated)
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
export function syntheticGateway(settings?: SyntheticProviderSettings): SyntheticGateway {
  return new SyntheticGateway(settings);
}
