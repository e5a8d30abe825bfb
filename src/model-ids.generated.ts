// Generated from models.json by scripts/generate-models.ts. Do not edit.

/** Chat model ids in the bundled catalog that Synthetic still serves; any other Synthetic id is accepted too. */
export type SyntheticCatalogChatModelId =
  | "hf:deepseek-ai/DeepSeek-V4.1-Flash"
  | "hf:moonshotai/Kimi-K2.6"
  | "hf:moonshotai/Kimi-K3"
  | "hf:nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-NVFP4"
  | "hf:openai/gpt-oss-120b"
  | "hf:Qwen/Qwen3.5-397B-A17B"
  | "hf:Qwen/Qwen3.8-27B"
  | "hf:zai-org/GLM-4.7"
  | "hf:zai-org/GLM-4.7-Flash"
  | "hf:zai-org/GLM-5.1"
  | "hf:zai-org/GLM-5.2"
  | "hf:zai-org/GLM-5.3-Flash"
  | "syn:large:text"
  | "syn:large:vision"
  | "syn:small:text"
  | "syn:small:vision";

/** Embedding model ids in the bundled catalog. */
export type SyntheticCatalogEmbeddingModelId =
  | "hf:nomic-ai/nomic-embed-text-v1.5";

/**
 * A Synthetic model id: the catalog's current ids autocomplete (retired ones are left out but
 * still accepted), and any other string is accepted (on-demand models, new `syn:` aliases).
 */
export type SyntheticModelId =
  | SyntheticCatalogChatModelId
  | `synthetic/${SyntheticCatalogChatModelId}`
  | (string & {});

/** An embedding model id: catalog ids autocomplete, any string is accepted. */
export type SyntheticEmbeddingModelId = SyntheticCatalogEmbeddingModelId | (string & {});
