export type { SyntheticChatOptions } from "./chat/request";
export { syntheticChatOptions } from "./chat/request";
export type { SyntheticProviderMetadata } from "./chat/types";
/** The chat model of the main entry: LanguageModelV2 over the protocol core. */
export { SyntheticChatLanguageModelV2 as SyntheticChatLanguageModel } from "./faces/v2";
