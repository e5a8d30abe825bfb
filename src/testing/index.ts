export { todaysPlan } from "./plan";
export { startSyntheticEmulator } from "./server";
export type {
  EmulatorReasoningFormat,
  EmulatorReply,
  EmulatorReplySource,
  EmulatorSearchReply,
  EmulatorToolCall,
  EmulatorToolCallQuirks,
  EmulatorUsage,
  RecordedRequest,
  SyntheticEmulator,
  SyntheticEmulatorOptions,
} from "./types";
