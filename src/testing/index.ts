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
} from "./emulator";
export { startSyntheticEmulator } from "./emulator";
