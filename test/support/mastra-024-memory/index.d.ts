export { Mastra } from "@mastra/core";
export { Agent } from "@mastra/core/agent";
export { LibSQLStore, LibSQLVector } from "@mastra/libsql";
export { Memory } from "@mastra/memory";
