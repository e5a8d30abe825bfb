import type { AsyncLocalStorage } from "node:async_hooks";
import { type LanguageModelV2, LoadAPIKeyError } from "@ai-sdk/provider";
import { listModels, type SyntheticModelInfo } from "./catalog";
import type { LiveCatalog } from "./live-catalog";
import { liveCatalogFromSetting } from "./live-catalog/setting";
import { API_KEY_ENV, loadKey, type SyntheticProviderSettings } from "./settings";
import { createSynthetic, type SyntheticProvider } from "./synthetic-provider";

export const GATEWAY_ID = "synthetic";

// Bare `hf:Owner/Name`: the one router spelling whose settings Mastra 1.x's own capability data
// for a provider named "synthetic" cannot reach (see handlesModel).
const BARE_HF_ID = /^hf:[^/\s]+\/\S+$/;

// Mastra 0.24 caches router models in one static map keyed by gateway *id*, model, key, url and
// headers, none of which tell two SyntheticGateways with the same key apart, so a second gateway
// with another baseURL/headers is handed the first one's model. 0.24 calls getApiKey on every
// request, at the start of the router call whose async chain then runs that model with no I/O in
// between, so getApiKey marks the chain with its gateway and the models resolveLanguageModel
// returns follow the mark. A mark is live only until the event loop's next turn: `enterWith`
// leaves it on the caller's chain after the call (a script that awaited gatewayA.getApiKey()),
// and a later call on that chain must not be routed by it. (1.x caches per gateway object and
// asks resolveAuth instead: its models follow no mark.)
type ChainMark = { gateway: SyntheticGateway; live: boolean };
const requestingGateway: AsyncLocalStorage<ChainMark> | undefined = (() => {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  // Sync and optional: edge runtimes have no node:async_hooks (and no Mastra 0.24 server).
  const hooks = host?.getBuiltinModule?.("node:async_hooks") as typeof import("node:async_hooks") | undefined;
  return hooks ? new hooks.AsyncLocalStorage<ChainMark>() : undefined;
})();

/** Marks the caller's chain with `gateway` until the event loop's next turn. */
function markChain(gateway: SyntheticGateway): void {
  if (!requestingGateway) return;
  const mark: ChainMark = { gateway, live: true };
  requestingGateway.enterWith(mark);
  const nextTurn = globalThis.setImmediate ?? ((run: () => void) => setTimeout(run, 0));
  nextTurn(() => {
    mark.live = false;
  });
}

/** The gateway whose getApiKey started the current router call, if any. */
function markedGateway(): SyntheticGateway | undefined {
  const mark = requestingGateway?.getStore();
  return mark?.live ? mark.gateway : undefined;
}

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
 * Gateway settings: the provider's. `liveCatalog` defaults to `true` here: `fetchProviders()`
 * reads `/models` for Mastra's model list anyway, and the models the gateway resolves use the
 * same live-merged entries (cost, checks, efforts). `false` lists and uses the bundled catalog only.
 * @example syntheticGateway({ liveCatalog: { ttlMs: 60_000, readTimeoutMs: 1_000 } })
 */
export type SyntheticGatewaySettings = SyntheticProviderSettings;

/**
 * Mastra model-router gateway for Synthetic. Register it and every `synthetic/...` model string
 * in that Mastra resolves through this package:
 *
 * @example
 * const mastra = new Mastra({ agents: { agent }, gateways: { synthetic: syntheticGateway() } });
 * // agent: new Agent({ name: "agent", instructions: "...", model: "synthetic/hf:zai-org/GLM-5.2" })
 *
 * It satisfies Mastra's gateway interface structurally (0.24 and 1.x), so importing this package
 * never loads `@mastra/core`.
 */
export class SyntheticGateway {
  readonly id = GATEWAY_ID;
  readonly name = "Synthetic";
  readonly #settings: SyntheticProviderSettings;
  readonly #provider: SyntheticProvider;
  readonly #liveCatalog: LiveCatalog | undefined;
  // What fetchProviders() last listed; the capability hooks describe the same models.
  #listed: SyntheticModelInfo[] | undefined;

  constructor(gatewaySettings: SyntheticGatewaySettings = {}) {
    const { liveCatalog = true, ...settings } = gatewaySettings;
    this.#settings = settings;
    this.#liveCatalog = liveCatalogFromSetting(liveCatalog, settings);
    // One list for Mastra's model list and for the models resolved: what is listed is what is priced.
    this.#provider = createSynthetic({ ...settings, liveCatalog: this.#liveCatalog ?? false });
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
        models: (await this.#listChatModels()).map((model) => model.id),
      },
    };
  }

  async #listChatModels(): Promise<SyntheticModelInfo[]> {
    // The live catalog never throws: a dead /models falls back to the bundled list.
    const models = this.#liveCatalog ? await this.#liveCatalog.list() : listModels();
    this.#listed = models.filter((model) => model.kind === "chat" && !model.deprecated);
    return this.#listed;
  }

  #capable(has: (model: SyntheticModelInfo) => boolean): Record<string, string[]> {
    // Retired catalog models too: Mastra reads "not listed" as "not capable", never as "unknown".
    const models = new Map(listModels({ kind: "chat" }).map((model) => [model.id, model]));
    for (const model of this.#listed ?? []) models.set(model.id, model);
    return { [GATEWAY_ID]: [...models.values()].filter(has).map((model) => model.id) };
  }

  // Mastra 1.x's registry sync (`mastra dev`, type generation) writes these three lists into its
  // capability file for the provider "synthetic", replacing the one it ships for its own route;
  // its agents and router read that file to drop sampling settings, attachments and native
  // structured output. Called right after fetchProviders().

  /** Models that take image input (Mastra 1.x registry hook). */
  getAttachmentCapabilities(): Record<string, string[]> {
    return this.#capable((model) => model.input.includes("image"));
  }

  /** Models that take `temperature` / `top_p`: every Synthetic chat model does (Mastra 1.x registry hook). */
  getTemperatureCapabilities(): Record<string, string[]> {
    return this.#capable(() => true);
  }

  /** Models that honour `response_format: json_schema` (Mastra 1.x registry hook). */
  getStructuredOutputCapabilities(): Record<string, string[]> {
    return this.#capable((model) => model.structuredOutputs);
  }

  /**
   * Mastra 1.x: claims bare `hf:Owner/Name` model strings as well as `synthetic/hf:Owner/Name`.
   * Mastra 1.71 drops `temperature`/`topP` for `synthetic/...` strings of models its own capability
   * data does not list; a bare id carries no provider it has data for, so settings reach the wire.
   */
  handlesModel(modelId: string): boolean {
    return BARE_HF_ID.test(modelId);
  }

  buildUrl(_modelId: string, _envVars?: Record<string, string>): string {
    return this.#provider.baseURL;
  }

  /**
   * The API key (settings, else `SYNTHETIC_API_KEY`). Throws a `LoadAPIKeyError` naming
   * `SYNTHETIC_API_KEY` when there is none, phrased as Mastra 1.x expects of a missing key, so its
   * model lists (AgentController, Studio) show Synthetic as "no key" instead of failing.
   */
  // Not `async`: the chain mark must be set in the caller's synchronous step (see requestingGateway).
  getApiKey(_modelId: string): Promise<string> {
    try {
      const key = loadKey(this.#settings.apiKey);
      markChain(this);
      return Promise.resolve(key);
    } catch (error) {
      if (!LoadAPIKeyError.isInstance(error)) return Promise.reject(error);
      // GatewayManager.hasAuth (1.x) treats /Missing \S+ environment variable/ as "no auth".
      return Promise.reject(
        new LoadAPIKeyError({
          message: `Missing ${API_KEY_ENV} environment variable: set it, or pass \`apiKey\` to syntheticGateway(). Get a key at https://synthetic.new.`,
        }),
      );
    }
  }

  /**
   * Mastra 1.x asks this before `getApiKey`: the key when there is one; `undefined` otherwise, so
   * Mastra falls back to `getApiKey`, whose error it reads as "not authenticated".
   */
  resolveAuth(): { apiKey: string } | undefined {
    try {
      return { apiKey: loadKey(this.#settings.apiKey) };
    } catch (error) {
      if (LoadAPIKeyError.isInstance(error)) return undefined;
      throw error;
    }
  }

  /**
   * Mastra splits `synthetic/hf:Owner/Name` (and bare `hf:Owner/Name`) into providerId `hf:Owner`
   * and modelId `Name`, `synthetic/syn/alias` into `syn` and `alias`, and (1.x only)
   * `synthetic/syn:alias` into `synthetic` and `syn:alias`.
   *
   * Returns the V2 face (LanguageModelV2) to both lines. 0.24 runs nothing else. Mastra 1.71 runs
   * V2, V3 and V4 natively (its agent loop is V2-shaped; V3/V4 go through its v6/v7 wrappers), and
   * measured through a 1.71 agent (test/mastra-faces.e2e.test.ts) the three come out the same: no
   * warning from any, the same request bodies (`modelSettings.reasoning` included: the core maps it
   * whatever the face), the same usage details in Mastra's result, and CPU within noise
   * (ms/call, agent + in-process emulator, 80 streams and 80 generates each: stream 18.6 / 18.1 / 17.6, generate
   * 12.0 / 13.9 / 11.8 for V2 / V3 / V4). V2 also works on every 1.x in the peer range, including
   * releases from before Mastra could run V4 models.
   */
  resolveLanguageModel({
    modelId,
    providerId,
    apiKey,
    headers,
    transport,
  }: {
    modelId: string;
    providerId: string;
    apiKey: string;
    headers?: Record<string, string>;
    /** Passed by Mastra 1.x (whose model cache is per gateway object), never by 0.24. */
    transport?: string;
  }): LanguageModelV2 {
    const id = providerId === GATEWAY_ID ? modelId : `${providerId}/${modelId}`;
    const overrides = { apiKey: apiKey || undefined, headers };
    const own = this.#provider.chatModel(id, overrides);
    // Only 0.24's shared cache can hand this model to another gateway's router call.
    if (!requestingGateway || transport !== undefined) return own;
    const pick = (): LanguageModelV2 => {
      const caller = markedGateway();
      return caller && caller !== this ? caller.#provider.chatModel(id, overrides) : own;
    };
    // Only the calls follow the mark; everything else (spec version, ids, supportedUrls) is the model's.
    return new Proxy(own, {
      get(target, property) {
        if (property === "doGenerate")
          return (options: Parameters<LanguageModelV2["doGenerate"]>[0]) => pick().doGenerate(options);
        if (property === "doStream")
          return (options: Parameters<LanguageModelV2["doStream"]>[0]) => pick().doStream(options);
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
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
