export { todaysPlan } from "./plan";
export { startSyntheticEmulator } from "./server";
export type {
  EmulatorReasoningFormat,
  EmulatorReply,
  EmulatorReplySource,
  EmulatorToolCall,
  EmulatorToolCallQuirks,
  EmulatorUsage,
  RecordedRequest,
  SyntheticEmulator,
  SyntheticEmulatorOptions,
} from "./types";
