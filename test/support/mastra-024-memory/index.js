// Agent, Mastra and the memory stack from one copy of @mastra/core 0.24.9, so class checks hold.
export { Mastra } from "@mastra/core";
export { Agent } from "@mastra/core/agent";
export { LibSQLStore, LibSQLVector } from "@mastra/libsql";
export { Memory } from "@mastra/memory";
