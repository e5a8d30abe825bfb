/**
 * `npm run demo`: the seed page's three examples, run for real. With SYNTHETIC_API_KEY set they
 * talk to Synthetic; without it they run against the bundled emulator on 127.0.0.1.
 */
import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { RequestContext } from "@mastra/core/request-context";
import { createSynthetic, dynamicModel, syntheticGateway } from "../src/index";
import { startSyntheticEmulator } from "../src/testing/index";

const live = Boolean(process.env.SYNTHETIC_API_KEY);
const emulator = live ? undefined : await startSyntheticEmulator();
const settings = emulator ? { baseURL: emulator.url, apiKey: "demo-key" } : {};
console.log(
  live
    ? "Using the Synthetic API (SYNTHETIC_API_KEY is set)."
    : `No SYNTHETIC_API_KEY set: using the bundled Synthetic emulator at ${emulator?.url}.\nSet SYNTHETIC_API_KEY to run these examples against the real API.`,
);

function section(title: string) {
  console.log(`\n── ${title} ${"─".repeat(Math.max(0, 60 - title.length))}`);
}

try {
  // 1. The basic example: a `synthetic/...` string id, routed through this package's gateway.
  section('1. Agent with model: "synthetic/hf:zai-org/GLM-5.3-Flash"');
  const mastra = new Mastra({
    agents: {
      myAgent: new Agent({
        id: "my-agent",
        name: "my-agent",
        instructions: "You are a helpful assistant",
        model: "synthetic/hf:zai-org/GLM-5.3-Flash",
      }),
    },
    gateways: { synthetic: syntheticGateway(settings) },
    logger: false,
  });
  const agent = mastra.getAgent("myAgent");
  const response = await agent.generate("Hello!");
  if (response.reasoningText) console.log(`reasoning: ${response.reasoningText}`);
  console.log(`generate:  ${response.text}`);
  const cost = response.providerMetadata?.synthetic?.cost as { total: number } | undefined;
  console.log(
    `usage:     ${response.usage.inputTokens} in / ${response.usage.outputTokens} out, cost $${cost?.total.toFixed(6) ?? "n/a"}`,
  );

  // Mastra's stream result is read through textStream / fullStream, not iterated directly.
  const stream = await agent.stream("Tell me a story");
  process.stdout.write("stream:    ");
  for await (const chunk of stream.textStream) process.stdout.write(chunk);
  process.stdout.write("\n");

  // 2. Custom headers: on the provider, sent with every request.
  section("2. Custom headers");
  const synthetic = createSynthetic({ ...settings, headers: { "X-Custom-Header": "value" } });
  const custom = new Agent({
    id: "custom-agent",
    name: "custom-agent",
    instructions: "Be brief.",
    model: synthetic("hf:zai-org/GLM-5.3-Flash"),
  });
  console.log(`generate:  ${(await custom.generate("Hi with a header")).text}`);
  if (emulator)
    console.log(`header seen by the server: X-Custom-Header: ${emulator.lastRequest()?.headers["x-custom-header"]}`);

  // 3. Dynamic model selection from the request context (the seed's selector, verbatim).
  section("3. Dynamic model selection");
  const dynamic = new Agent({
    id: "dynamic-agent",
    name: "dynamic-agent",
    instructions: "You are a helpful assistant",
    model: dynamicModel(({ runtimeContext }) => {
      const useAdvanced = runtimeContext.task === "complex";
      return useAdvanced ? "synthetic/hf:zai-org/GLM-5.2" : "synthetic/hf:zai-org/GLM-5.3-Flash";
    }, createSynthetic(settings)),
  });
  for (const task of ["complex", "simple"]) {
    const requestContext = new RequestContext();
    requestContext.set("task", task);
    const result = await dynamic.generate(`A ${task} task`, { requestContext });
    console.log(`task=${task.padEnd(7)} -> ${result.response.modelId}: ${result.text}`);
  }
} finally {
  await emulator?.close();
}
