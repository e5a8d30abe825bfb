/**
 * A Mastra 1.x project on Synthetic: one agent on a `synthetic/hf:...` model string with a tool,
 * resolved by mastra-synthetic's gateway. Build and serve it with the mastra CLI (Node >= 22.13):
 *   npm run build && SYNTHETIC_API_KEY=... npm start
 * The key and base URL are read per request (SYNTHETIC_API_KEY, SYNTHETIC_BASE_URL), so the same
 * build runs against Synthetic or against the bundled emulator (mastra-synthetic/testing).
 * Plain JavaScript so the CLI builds it as is; in a TypeScript project the file is index.ts.
 */
import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { createTool } from "@mastra/core/tools";
import { createSynthetic, syntheticGateway } from "mastra-synthetic";
import { z } from "zod";

const forecasts = { Paris: "Sunny, 24°C", Oslo: "Light rain, 11°C" };

const weather = createTool({
  id: "get-weather",
  description: "Today's forecast for a city.",
  inputSchema: z.object({ city: z.string().describe("City name, e.g. Paris") }),
  outputSchema: z.object({ city: z.string(), forecast: z.string() }),
  execute: async ({ city }) => ({ city, forecast: forecasts[city] ?? "No forecast available" }),
});

const assistant = new Agent({
  id: "assistant",
  name: "Assistant",
  instructions: "You answer briefly. Use get-weather for weather questions.",
  model: "synthetic/hf:zai-org/GLM-5.2",
  tools: { weather },
});

// An agent with headers of its own: a model object from a provider that sends them (and reads
// SYNTHETIC_BASE_URL / SYNTHETIC_API_KEY like the gateway), rather than a `{ url, id, headers }`
// config, which Mastra's router sends past the gateway.
const tagged = createSynthetic({ headers: { "X-Custom-Header": "value" } });
const support = new Agent({
  id: "support",
  name: "Support",
  instructions: "You answer support questions briefly.",
  model: tagged("hf:zai-org/GLM-5.2"),
});

export const mastra = new Mastra({
  agents: { assistant, support },
  // Every `synthetic/...` model string in this Mastra resolves through the package.
  gateways: { synthetic: syntheticGateway() },
});
