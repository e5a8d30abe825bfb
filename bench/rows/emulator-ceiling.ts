/**
 * Row 7: the emulator's own ceiling, read by the cheapest client there is (`node:http`, bytes
 * counted, nothing parsed), so the other rows can be checked against it: its CPU per chunk (in
 * its own process) against the cheapest client row's, a single 2,000-chunk stream's chunks/s
 * (rows 1 and 2 stream one at a time), and first-byte times of 1,000 concurrent requests (row
 * 6's floor).
 */
import { Agent, request } from "node:http";
import { gc } from "../lib/gc";
import { API_KEY, PLAIN_MODEL, type Scenario, scenarioPrompt } from "../lib/scenario";
import { median, now, percentile } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";
import { CHUNKS } from "./do-stream";

const STREAMS = 1_000;

function post(
  url: string,
  scenario: Scenario,
  agent: Agent,
  onFirstByte?: () => void,
): { done: Promise<number>; abort(): void } {
  const body = JSON.stringify({
    model: PLAIN_MODEL,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: "user", content: scenarioPrompt(scenario) }],
  });
  let abort = () => {};
  const done = new Promise<number>((resolve, reject) => {
    const req = request(
      `${url}/chat/completions`,
      { method: "POST", agent, headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" } },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          if (bytes === 0) onFirstByte?.();
          bytes += chunk.length;
        });
        res.on("end", () => resolve(bytes));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    abort = () => req.destroy();
    req.end(body);
  });
  return { done, abort };
}

/** The fastest client row's single-stream cost, to compare the emulator's with. */
export type ClientCost = { row: string; cpuMicrosPerChunk: number; chunksPerSecond: number };

export async function emulatorCeilingRow(context: BenchContext, client: ClientCost): Promise<Row> {
  const { url } = context.emulator;
  const keepAlive = new Agent({ keepAlive: true });
  const runs = rounds(context, 20, 8);
  for (let i = 0; i < 5; i++) await post(url, { chunks: CHUNKS }, keepAlive).done;
  gc();
  const wallRuns: number[] = [];
  const cpuBefore = await context.emulator.cpu();
  for (let i = 0; i < runs; i++) {
    const started = now();
    await post(url, { chunks: CHUNKS }, keepAlive).done;
    wallRuns.push(now() - started);
  }
  const emulatorCpuMs = (await context.emulator.cpu()) - cpuBefore;
  keepAlive.destroy();
  const chunksPerSecond = CHUNKS / (median(wallRuns) / 1000);
  const emulatorCpuMicrosPerChunk = (emulatorCpuMs * 1000) / (runs * CHUNKS);

  // First bytes of 1,000 concurrent requests, each stalled after 4 events and then dropped.
  const fresh = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const firstByte: number[] = [];
  const started = now();
  let seen = 0;
  let allSeen = () => {};
  const all = new Promise<void>((resolve) => {
    allSeen = resolve;
  });
  const requests = Array.from({ length: STREAMS }, () =>
    post(url, { chunks: 20, stallAfter: 4 }, fresh, () => {
      firstByte.push(now() - started);
      if (++seen === STREAMS) allSeen();
    }),
  );
  await all;
  for (const r of requests) {
    r.abort();
    r.done.catch(() => {});
  }
  fresh.destroy();

  // The emulator has a core of its own; it limits a row only if it needs more CPU per chunk
  // than the client does. Headroom: the fastest client's CPU per chunk over the emulator's.
  const headroom = client.cpuMicrosPerChunk / emulatorCpuMicrosPerChunk;
  context.log(
    `  ${fmt.us(emulatorCpuMicrosPerChunk)} CPU/chunk (client ${fmt.us(client.cpuMicrosPerChunk)}), ` +
      `${fmt.rate(chunksPerSecond)} to a node:http client`,
  );
  return {
    id: "emulator-ceiling",
    title: "7. Emulator ceiling (node:http client)",
    base: `fastest client ${fmt.us(client.cpuMicrosPerChunk)} CPU/chunk`,
    variant: `emulator ${fmt.us(emulatorCpuMicrosPerChunk)} CPU/chunk, ${fmt.rate(chunksPerSecond)}`,
    // Without a client row in the run (--only) there is nothing to compare with.
    ratio: Number.isFinite(headroom) ? headroom : null,
    wallRatio: null,
    target: ">= 2x headroom",
    met: Number.isFinite(headroom) ? headroom >= 2 : null,
    gate: false,
    details: {
      emulatorCpuMicrosPerChunk,
      emulatorCeilingChunksPerSecond: 1e6 / emulatorCpuMicrosPerChunk,
      singleStreamChunksPerSecond: chunksPerSecond,
      singleStreamMedianMs: median(wallRuns),
      fastestClient: client,
      headroom,
      wallHeadroom: chunksPerSecond / client.chunksPerSecond,
      concurrentFirstByteMs: { streams: STREAMS, p50: percentile(firstByte, 50), p99: percentile(firstByte, 99) },
    },
  };
}
