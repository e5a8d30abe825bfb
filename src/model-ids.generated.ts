// Generated from models.json by scripts/generate-models.ts. Do not edit.

/** Chat model ids in the bundled catalog; any other Synthetic id is accepted too. */
export type SyntheticCatalogChatModelId =
  | "hf:deepseek-ai/DeepSeek-R1"
  | "hf:deepseek-ai/DeepSeek-R1-0528"
  | "hf:deepseek-ai/DeepSeek-V3"
  | "hf:deepseek-ai/DeepSeek-V3-0324"
  | "hf:deepseek-ai/DeepSeek-V3.1"
  | "hf:deepseek-ai/DeepSeek-V3.1-Terminus"
  | "hf:meta-llama/Llama-3.1-405B-Instruct"
  | "hf:meta-llama/Llama-3.1-70B-Instruct"
  | "hf:meta-llama/Llama-3.1-8B-Instruct"
  | "hf:meta-llama/Llama-3.3-70B-Instruct"
  | "hf:meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8"
  | "hf:meta-llama/Llama-4-Scout-17B-16E-Instruct"
  | "hf:MiniMaxAI/MiniMax-M2"
  | "hf:moonshotai/Kimi-K2-Instruct"
  | "hf:moonshotai/Kimi-K2-Instruct-0905"
  | "hf:moonshotai/Kimi-K2-Thinking"
  | "hf:openai/gpt-oss-120b"
  | "hf:Qwen/Qwen2.5-Coder-32B-Instruct"
  | "hf:Qwen/Qwen3-235B-A22B-Instruct-2507"
  | "hf:Qwen/Qwen3-235B-A22B-Thinking-2507"
  | "hf:Qwen/Qwen3-Coder-480B-A35B-Instruct"
  | "hf:zai-org/GLM-4.5"
  | "hf:zai-org/GLM-4.6";

/** Embedding model ids in the bundled catalog. */
export type SyntheticCatalogEmbeddingModelId =
  | "hf:nomic-ai/nomic-embed-text-v1.5";

/**
 * A Synthetic model id: the catalog's ids autocomplete, and any other string is accepted
 * (Synthetic serves on-demand models and `syn:` aliases no catalog lists).
 */
export type SyntheticModelId =
  | SyntheticCatalogChatModelId
  | `synthetic/${SyntheticCatalogChatModelId}`
  | (string & {});

/** An embedding model id: catalog ids autocomplete, any string is accepted. */
export type SyntheticEmbeddingModelId = SyntheticCatalogEmbeddingModelId | (string & {});
