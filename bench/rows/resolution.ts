/**
 * Row 5: per-call model resolution. `synthetic(id)`, the gateway's `resolveLanguageModel` (what
 * Mastra calls for a `synthetic/...` string) and `dynamicModel` vs creating a bare
 * openai-compatible model, in µs per call; whether instances are reused; and how often Mastra
 * 1.x actually calls into the gateway over repeated agent calls.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { API_KEY, PLAIN_MODEL, scenarioPrompt, THINK_TAGS_MODEL } from "../lib/scenario";
import { rotate, type Sample, summarize, timed } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";
import { loadMastra, timeAgentStream } from "./mastra-agent";

const BATCH = 200;
const AGENT_CALLS = 20;
let sink: unknown;

/** µs per call over a batch. */
const perCall = async (fn: () => unknown): Promise<Sample> => {
  const { wall, cpu } = await timed(async () => {
    for (let i = 0; i < BATCH; i++) sink = await fn();
  });
  return { wall: (wall * 1000) / BATCH, cpu: (cpu * 1000) / BATCH };
};

export async function resolutionRows(context: BenchContext): Promise<Row[]> {
  const { url } = context.emulator;
  const { pkg } = context;
  const bare = createOpenAICompatible({ name: "synthetic", baseURL: url, apiKey: API_KEY, includeUsage: true });
  const synthetic = pkg.createSynthetic({ baseURL: url, apiKey: API_KEY });
  const gateway = pkg.syntheticGateway({ baseURL: url, apiKey: API_KEY, liveCatalog: false });
  const [providerId, modelId] = ["hf:MiniMaxAI", "MiniMax-M2"];
  const apiKey = await gateway.getApiKey(`${providerId}/${modelId}`);
  const dynamic = pkg.dynamicModel(() => `synthetic/${THINK_TAGS_MODEL}`, synthetic);
  const bareCall = () => bare.chatModel(THINK_TAGS_MODEL);
  const variants = {
    provider: () => synthetic(THINK_TAGS_MODEL),
    gateway: () => gateway.resolveLanguageModel({ providerId, modelId, apiKey }),
    dynamic: () => dynamic({}),
  };
  const n = rounds(context, 15, 4);
  const measured = {} as Record<keyof typeof variants, ReturnType<typeof summarize>>;
  for (const [name, variant] of Object.entries(variants) as [keyof typeof variants, () => unknown][]) {
    measured[name] = summarize(
      await rotate(n, rounds(context, 3, 2), [() => perCall(bareCall), () => perCall(variant)]),
    );
  }
  const getApiKeyMicros = (await perCall(() => gateway.getApiKey(`${providerId}/${modelId}`))).wall;

  // Through Mastra: count the gateway calls behind repeated agent calls.
  const counts = { resolveLanguageModel: 0, getApiKey: 0 };
  const counted = pkg.syntheticGateway({ baseURL: url, apiKey: API_KEY, liveCatalog: false });
  const resolve = counted.resolveLanguageModel.bind(counted);
  const getKey = counted.getApiKey.bind(counted);
  counted.resolveLanguageModel = (args) => {
    counts.resolveLanguageModel++;
    return resolve(args);
  };
  counted.getApiKey = (id) => {
    counts.getApiKey++;
    return getKey(id);
  };
  const { Mastra, Agent } = await loadMastra();
  const agent = new Mastra({
    agents: {
      bench: new Agent({ id: "bench", name: "bench", instructions: "x", model: `synthetic/${PLAIN_MODEL}` as never }),
    },
    gateways: { synthetic: counted },
    logger: false,
  }).getAgent("bench");
  for (let i = 0; i < AGENT_CALLS; i++) await timeAgentStream(agent, scenarioPrompt({ chunks: 4 }), 4);

  const twice = async <T>(make: () => T | Promise<T>) => {
    const first = await make();
    return (await make()) === first;
  };
  const reused = {
    provider: await twice(() => synthetic(THINK_TAGS_MODEL)),
    gateway: await twice(() => gateway.resolveLanguageModel({ providerId, modelId, apiKey })),
    bare: await twice(bareCall),
    dynamic: await twice(() => dynamic({})),
    mastra: counts.resolveLanguageModel === 1,
  };
  context.log(
    `  synthetic(id) ${fmt.us(measured.provider.wall.variant)}, gateway ${fmt.us(measured.gateway.wall.variant)}, ` +
      `Mastra: ${counts.resolveLanguageModel} resolution(s) / ${AGENT_CALLS} calls`,
  );
  void sink;
  const instance = (same: boolean) => (same ? ", same instance" : ", new instance");
  const reuse: Record<keyof typeof variants, string> = {
    provider: instance(reused.provider),
    gateway: `${instance(reused.gateway)}; Mastra: ${counts.resolveLanguageModel} call / ${AGENT_CALLS} runs`,
    dynamic: instance(reused.dynamic),
  };
  const row = (
    id: string,
    title: string,
    name: keyof typeof variants,
    label: string,
    extra: Record<string, unknown>,
  ): Row => ({
    id,
    title,
    base: `bare chatModel(id) ${fmt.us(measured[name].cpu.base)}${instance(reused.bare)}`,
    variant: `${label} ${fmt.us(measured[name].cpu.variant)}${reuse[name]}`,
    ratio: measured[name].cpu.ratio,
    wallRatio: measured[name].wall.ratio,
    target: "report",
    met: null,
    gate: false,
    details: { cpuMicros: measured[name].cpu, wallMicros: measured[name].wall, batch: BATCH, ...extra },
  });
  return [
    row("resolve-provider", "5. synthetic(id), per call", "provider", "synthetic(id)", {
      sameInstance: reused.provider,
      bareSameInstance: reused.bare,
    }),
    row("resolve-gateway", "5. Gateway resolveLanguageModel, per call", "gateway", "gateway", {
      sameInstance: reused.gateway,
      getApiKeyMicros,
      mastraAgentCalls: AGENT_CALLS,
      mastraGatewayCalls: counts,
      mastraReusesInstance: reused.mastra,
    }),
    row("resolve-dynamic", "5. dynamicModel(selector), per call", "dynamic", "dynamicModel", {
      sameInstance: reused.dynamic,
    }),
  ];
}
