import type { ProviderErrorStructure } from "@ai-sdk/openai-compatible";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import type { z } from "zod/v4";

/** What a read needs of a provider's prepared settings: its transport as a `fetch`, and how errors read. */
export type JsonReadSettings = {
  fetch: FetchFunction;
  // biome-ignore lint/suspicious/noExplicitAny: any error body shape the structure's schema reads.
  errorStructure: ProviderErrorStructure<any>;
};

/**
 * `GET url` through provider-utils' `getFromApi`, with Synthetic's error structure and the body
 * checked against `schema`. provider-utils is imported on the first read, not with the package:
 * it loads zod/v3 beside zod/v4, most of what a cold import would otherwise cost
 * (docs/internals/performance.md). Chat calls never need it; /models and /v2/quotas reads do.
 */
export async function getJson<SCHEMA extends z.ZodType>(options: {
  url: string;
  headers: Record<string, string>;
  schema: SCHEMA;
  prepared: JsonReadSettings;
  abortSignal?: AbortSignal;
}): Promise<z.output<SCHEMA>> {
  const { url, headers, schema, prepared, abortSignal } = options;
  const { createJsonErrorResponseHandler, createJsonResponseHandler, getFromApi } = await import(
    "@ai-sdk/provider-utils"
  );
  const { value } = await getFromApi({
    url,
    headers,
    failedResponseHandler: createJsonErrorResponseHandler(prepared.errorStructure),
    successfulResponseHandler: createJsonResponseHandler(schema),
    abortSignal,
    fetch: prepared.fetch,
  });
  return value as z.output<SCHEMA>;
}
