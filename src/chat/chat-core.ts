import type { SyntheticModelInfo } from "../catalog-schema";
import type { QuotaWatch } from "../subscription-limit";
import type { SyntheticTransport, TransportRequest } from "../transport";
import { chatErrorHint } from "./error-hint";
import { leakedToolCallRecovery } from "./leaked-tool-calls";
import { buildChatRequest } from "./request";
import { parseChatResponse } from "./response";
import { parseChatStream } from "./stream";
import type {
  SyntheticCallOptions,
  SyntheticGenerateResult,
  SyntheticStreamPart,
  SyntheticStreamResult,
} from "./types";

export type SyntheticChatCoreConfig = {
  /** The `provider` the model reports, e.g. `"synthetic.chat"`. */
  provider: string;
  baseURL: () => string;
  /** Authorization, user headers and user agent, resolved per request. */
  headers: () => Record<string, string>;
  transport: SyntheticTransport;
  /** The model's catalog data now (bundled, or live when known); `undefined` for an unlisted id. */
  modelInfo: () => SyntheticModelInfo | undefined | PromiseLike<SyntheticModelInfo | undefined>;
  /** The provider's last `x-synthetic-quotas`, to name the window a subscription-cap 429 ran into. */
  quotas?: QuotaWatch;
  /** A warning every call carries (a retired model replaced by its successor). */
  warning?: string;
};

/**
 * Synthetic's chat protocol, once, for every spec face: builds the request body, sends it
 * through the transport (saying whether it streams), and maps the answer, the non-streamed JSON
 * in one pass and the stream in one stage (`parseChatStream`: network reads to mapped parts).
 */
export class SyntheticChatCore {
  readonly modelId: string;
  readonly provider: string;
  // Image URLs go to the server as URLs rather than being downloaded first; a model that takes
  // no images fails pre-flight either way, without a wasted download.
  readonly supportedUrls: Record<string, RegExp[]> = { "image/*": [/^https?:\/\/.*$/] };
  readonly #config: SyntheticChatCoreConfig;

  constructor(modelId: string, config: SyntheticChatCoreConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.#config = config;
  }

  async generate(options: SyntheticCallOptions): Promise<SyntheticGenerateResult> {
    const { info, url, body, warnings, request, leaked } = await this.#prepare(options, false);
    const response = await this.#send(request);
    const text = await response.reader.text();
    return parseChatResponse({
      text,
      url,
      requestBody: body,
      headers: response.headers,
      info,
      warnings,
      leaked,
      newId: newToolCallId,
    });
  }

  async stream<PART>(
    options: SyntheticCallOptions,
    mapPart: (part: SyntheticStreamPart) => PART | undefined,
  ): Promise<SyntheticStreamResult<PART>> {
    const { info, body, warnings, request, leaked } = await this.#prepare(options, true);
    const response = await this.#send(request);
    return {
      stream: parseChatStream({
        response,
        info,
        warnings,
        includeRawChunks: options.includeRawChunks === true,
        leaked,
        mapPart,
        newId: newToolCallId,
      }),
      request: { body },
      response: { headers: response.headers },
    };
  }

  async #send(request: TransportRequest) {
    const { transport, quotas } = this.#config;
    try {
      const response = await transport.send(request);
      quotas?.observe(response.headers);
      return response;
    } catch (error) {
      throw quotas ? await quotas.explain(error, request.signal) : error;
    }
  }

  async #prepare(options: SyntheticCallOptions, stream: boolean) {
    const info = await this.#config.modelInfo();
    const { body, warnings, recoverLeakedToolCalls } = buildChatRequest(this.modelId, options, info, stream);
    if (this.#config.warning) warnings.unshift({ type: "other", message: this.#config.warning });
    const url = `${this.#config.baseURL()}/chat/completions`;
    const headers: Record<string, string> = { ...this.#config.headers() };
    for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
    return {
      info,
      url,
      body,
      warnings,
      leaked: leakedToolCallRecovery(options, info, recoverLeakedToolCalls),
      request: {
        url,
        headers,
        body: JSON.stringify(body),
        bodyValues: body,
        stream,
        signal: options.abortSignal,
        errorHint: (status: number, body: string) => chatErrorHint(this.modelId, url, status, body),
      },
    };
  }

  toJSON(): Record<string, unknown> {
    return { provider: this.provider, modelId: this.modelId };
  }
}

/** An id for a tool call the server sent without one (some backends omit it). */
const newToolCallId = (): string => `call_${crypto.randomUUID()}`;
