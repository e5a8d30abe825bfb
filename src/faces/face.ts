/**
 * What every face (V2, V3, V4) shares: the core's surface it drives and the one walk over the
 * core's results that hands usage, finish reasons and warnings to the face's own mapping.
 * Spec-neutral on purpose: importing a face loads this module and the core, never another face.
 */
import type {
  SyntheticCallOptions,
  SyntheticFinishReason,
  SyntheticGenerateResult,
  SyntheticStreamPart,
  SyntheticStreamResult,
  SyntheticUsage,
  SyntheticWarning,
} from "../chat/types";

/** The part of the chat core a face drives (`SyntheticChatCore` in src/chat/chat-core.ts). */
export type SyntheticChatCoreLike = {
  readonly modelId: string;
  readonly provider: string;
  readonly supportedUrls: Record<string, RegExp[]>;
  generate(options: SyntheticCallOptions): Promise<SyntheticGenerateResult>;
  stream<PART>(
    options: SyntheticCallOptions,
    mapPart: (part: SyntheticStreamPart) => PART | undefined,
  ): Promise<SyntheticStreamResult<PART>>;
};

/**
 * A spec's call options as the face hands them on. Prompt parts are spec interfaces without an
 * index signature, so the prompt is not checked here; the core reads parts by `type` and checks
 * each field it uses. Every other field is checked against the core's shape.
 */
export type SpecCallOptions = Omit<SyntheticCallOptions, "prompt"> & { prompt: unknown[] };

/** How one spec shapes the three things that differ between specs. */
export type FaceMapping<WARNING, USAGE, FINISH> = {
  warning(warning: SyntheticWarning): WARNING;
  usage(usage: SyntheticUsage): USAGE;
  finishReason(finishReason: SyntheticFinishReason): FINISH;
};

/** JSON as every spec's `JSONObject` accepts it (ai@5's, ai@6's and ai@7's, whichever copy). */
export type JsonValue = null | string | number | boolean | JsonObject | JsonValue[];
export type JsonObject = { [key: string]: JsonValue };
type Metadata = Record<string, JsonObject>;

/** A core stream part in a face's spec: only `stream-start` and `finish` change shape. */
export type FaceStreamPart<WARNING, USAGE, FINISH> =
  | Exclude<SyntheticStreamPart, { type: "stream-start" } | { type: "finish" }>
  | { type: "stream-start"; warnings: WARNING[] }
  | { type: "finish"; finishReason: FINISH; usage: USAGE; providerMetadata: Metadata };

export type FaceGenerateResult<WARNING, USAGE, FINISH> = Omit<
  SyntheticGenerateResult,
  "finishReason" | "usage" | "warnings" | "providerMetadata"
> & { finishReason: FINISH; usage: USAGE; warnings: WARNING[]; providerMetadata: Metadata };

/**
 * The chat model every face class extends: it forwards to the core and maps results with the
 * face's `mapping`; a face adds only `specificationVersion`, its mapping and `implements` its
 * spec (which checks these methods against that spec's types).
 */
export abstract class SyntheticChatFace<WARNING, USAGE, FINISH> {
  abstract readonly specificationVersion: string;
  protected abstract readonly mapping: FaceMapping<WARNING, USAGE, FINISH>;

  constructor(protected readonly core: SyntheticChatCoreLike) {}

  get provider(): string {
    return this.core.provider;
  }
  get modelId(): string {
    return this.core.modelId;
  }
  get supportedUrls(): Record<string, RegExp[]> {
    return this.core.supportedUrls;
  }

  async doGenerate(options: SpecCallOptions): Promise<FaceGenerateResult<WARNING, USAGE, FINISH>> {
    const { finishReason, usage, warnings, providerMetadata, ...rest } = await this.core.generate(
      options as SyntheticCallOptions,
    );
    return {
      ...rest,
      finishReason: this.mapping.finishReason(finishReason),
      usage: this.mapping.usage(usage),
      warnings: warnings.map(this.mapping.warning),
      providerMetadata: providerMetadata as unknown as Metadata,
    };
  }

  doStream(options: SpecCallOptions): Promise<SyntheticStreamResult<FaceStreamPart<WARNING, USAGE, FINISH>>> {
    const { mapping } = this;
    return this.core.stream(options as SyntheticCallOptions, (part): FaceStreamPart<WARNING, USAGE, FINISH> => {
      switch (part.type) {
        case "stream-start":
          return { type: "stream-start", warnings: part.warnings.map(mapping.warning) };
        case "finish":
          return {
            type: "finish",
            finishReason: mapping.finishReason(part.finishReason),
            usage: mapping.usage(part.usage),
            // JSON-safe by construction (numbers and parsed JSON); the specs type it as JSONObject.
            providerMetadata: part.providerMetadata as unknown as Metadata,
          };
        default:
          return part;
      }
    });
  }

  /** What JSON.stringify and loggers see: never the key or headers. */
  toJSON(): Record<string, unknown> {
    return { specificationVersion: this.specificationVersion, provider: this.provider, modelId: this.modelId };
  }
}

/** V3 and V4 usage (`LanguageModelV3Usage`, `LanguageModelV4Usage`). */
export type StructuredUsage = {
  inputTokens: {
    total: number | undefined;
    noCache: number | undefined;
    cacheRead: number | undefined;
    cacheWrite: number | undefined;
  };
  outputTokens: { total: number | undefined; text: number | undefined; reasoning: number | undefined };
  raw: JsonObject | undefined;
};

/** V3 and V4 finish reasons as the faces emit them: no 'unknown', and never V4's 'interrupted'. */
export type StructuredFinishReason = {
  unified: Exclude<SyntheticFinishReason["unified"], "unknown">;
  raw: string | undefined;
};

/** V3 and V4 usage: input and output split into their parts, plus the server's `usage` object. */
export function structuredUsage(usage: SyntheticUsage): StructuredUsage {
  const { inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens, reasoningTokens, raw } = usage;
  return {
    inputTokens: {
      total: inputTokens,
      // Neither read from nor written to the cache, as Anthropic's `input_tokens` counts them.
      noCache:
        inputTokens === undefined
          ? undefined
          : Math.max(0, inputTokens - (cachedInputTokens ?? 0) - (cacheWriteTokens ?? 0)),
      cacheRead: cachedInputTokens,
      cacheWrite: cacheWriteTokens,
    },
    outputTokens: {
      total: outputTokens,
      text: outputTokens === undefined ? undefined : Math.max(0, outputTokens - (reasoningTokens ?? 0)),
      reasoning: reasoningTokens,
    },
    raw: raw as JsonObject | undefined,
  };
}

/**
 * V3 and V4 share the core's warning shapes, structured usage and `{ unified, raw }` reasons.
 * The faces' types are what they emit, narrower than the specs: a model then also fits hosts
 * that bundle an older copy of the same spec (Mastra 1.x predates V4's 'interrupted').
 */
export const structuredMapping: FaceMapping<SyntheticWarning, StructuredUsage, StructuredFinishReason> = {
  warning: (warning) => warning,
  usage: structuredUsage,
  // Neither spec has 'unknown': a reason the server did not give is 'other', raw `undefined`.
  finishReason: ({ unified, raw }) => ({ unified: unified === "unknown" ? "other" : unified, raw }),
};
