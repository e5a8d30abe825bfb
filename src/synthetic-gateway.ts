import type { LanguageModelV2 } from "@ai-sdk/provider";
import { listModels } from "./catalog";
import { createSynthetic, type SyntheticProvider } from "./synthetic-provider";
import { API_KEY_ENV, loadKey, type SyntheticProviderSettings } from "./settings";

export const GATEWAY_ID = "synthetic";

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
    return loadKey(this.#settings.apiKey);
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
    return this.#provider.chatModel(id, { apiKey: apiKey || undefined, headers });
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
