/**
 * A support agent with two tools, on Mastra 1.x through the gateway. With SYNTHETIC_API_KEY set
 * it talks to Synthetic; without it, to the bundled emulator, scripted to call the tools.
 */
import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { createTool } from "@mastra/core/tools";
import { z } from "zod";
import { syntheticGateway } from "../../src/index";
import { startSyntheticEmulator } from "../../src/testing/index";

const live = Boolean(process.env.SYNTHETIC_API_KEY);
const emulator = live ? undefined : await startSyntheticEmulator();
console.log(
  live
    ? "Using the Synthetic API (SYNTHETIC_API_KEY is set)."
    : `No SYNTHETIC_API_KEY set: using the bundled Synthetic emulator at ${emulator?.url}.`,
);

const orders: Record<string, { status: string; total: number }> = {
  "A-1001": { status: "delivered", total: 42.5 },
  "A-1002": { status: "in transit", total: 19.99 },
};

const lookupOrder = createTool({
  id: "lookupOrder",
  description: "Look up an order's status and total by its id, e.g. A-1001.",
  inputSchema: z.object({ orderId: z.string() }),
  outputSchema: z.object({ orderId: z.string(), status: z.string(), total: z.number() }),
  execute: async ({ orderId }) => {
    const order = orders[orderId] ?? { status: "unknown", total: 0 };
    console.log(`  tool lookupOrder(${orderId}) -> ${order.status}`);
    return { orderId, ...order };
  },
});

const refundOrder = createTool({
  id: "refundOrder",
  description: "Refund a delivered order. Returns the refunded amount.",
  inputSchema: z.object({ orderId: z.string(), reason: z.string() }),
  execute: async ({ orderId, reason }) => {
    const order = orders[orderId];
    const refunded = order?.status === "delivered" ? order.total : 0;
    console.log(`  tool refundOrder(${orderId}, "${reason}") -> ${refunded}`);
    return { orderId, refunded };
  },
});

if (emulator) {
  // What a model would do: look the order up, refund it, then answer.
  emulator.script(
    { toolCalls: [{ name: "lookupOrder", arguments: { orderId: "A-1001" } }] },
    { toolCalls: [{ name: "refundOrder", arguments: { orderId: "A-1001", reason: "arrived damaged" } }] },
    { content: "Done: order A-1001 was refunded 42.50 EUR." },
  );
}

const support = new Agent({
  id: "support",
  name: "Support",
  instructions:
    "You are a support agent. Look orders up before acting. Refund only delivered orders. Answer in one sentence.",
  model: "synthetic/hf:zai-org/GLM-5.2",
  tools: { lookupOrder, refundOrder },
});

const mastra = new Mastra({
  agents: { support },
  gateways: { synthetic: syntheticGateway(emulator ? { baseURL: emulator.url, apiKey: "example-key" } : {}) },
  logger: false,
});

try {
  console.log("user: Order A-1001 arrived damaged, please refund it.");
  const result = await mastra
    .getAgent("support")
    .generate("Order A-1001 arrived damaged, please refund it.", { maxSteps: 5 });
  const tools = result.steps.flatMap((step) => step.toolCalls.map((call) => call.payload.toolName));
  console.log(`tools called: ${tools.join(", ")}`);
  console.log(`agent: ${result.text}`);
  // Each model call carries its own cost; the agent's run made one per step.
  const total = result.steps.reduce((sum, step) => {
    const cost = step.providerMetadata?.synthetic?.cost as { total: number } | undefined;
    return sum + (cost?.total ?? 0);
  }, 0);
  console.log(`model calls: ${result.steps.length}, cost: $${total.toFixed(6)}`);
} finally {
  await emulator?.close();
}
