/**
 * Load: many concurrent streams against one emulator keep their content apart.
 *
 * Size: LOAD_CONCURRENT concurrent streams, default 50 (about 1 s) in `npm test`; the 500
 * run in `npm run test:stress` (vitest.stress.config.ts), next to the memory check
 * (reliability-leak.stress.test.ts). Larger: LOAD_CONCURRENT=1000 npx vitest run test/reliability-load.e2e.test.ts
 */
import { streamText } from "ai";
import { describe, expect, it } from "vitest";
import { useEmulator } from "./support/emulator";

const KEY = "sk-load-test";
const MODEL = "hf:zai-org/GLM-5.2";
const CONCURRENT = Number(process.env.LOAD_CONCURRENT ?? 50);
const fixture = useEmulator({ apiKey: KEY, defaultChunkSize: 3 }, KEY);

describe("load", () => {
  it(`${CONCURRENT} concurrent streams each get their own content, unmixed`, { timeout: 60_000 }, async () => {
    const model = fixture.provider()(MODEL);
    // Each call's prompt is unique; the emulator streams back "Echo: <prompt>" in 3-character chunks.
    const prompts = Array.from({ length: CONCURRENT }, (_, i) => `call ${i} ${Math.random().toString(36).slice(2)}`);
    const started = Date.now();
    const results = await Promise.all(
      prompts.map(async (prompt) => {
        const result = streamText({ model, prompt, maxRetries: 0 });
        let text = "";
        for await (const delta of result.textStream) text += delta;
        return { text, finishReason: await result.finishReason };
      }),
    );
    const elapsed = Date.now() - started;
    results.forEach((result, i) => {
      expect(result).toEqual({ text: `Echo: ${prompts[i]}`, finishReason: "stop" });
    });
    expect(fixture.chatBodies()).toHaveLength(CONCURRENT);
    console.info(`[load] ${CONCURRENT} concurrent streams in ${elapsed} ms`);
  });
});
