/**
 * `providerMetadata.synthetic.quotas`: the `x-synthetic-quotas` header in the same typed form as
 * `getQuota()` (credits as USD numbers), through ai 5 and ai 7, generate and stream.
 */
import { generateText, streamText } from "ai";
import * as ai7 from "ai-v7";
import { describe, expect, it } from "vitest";
import { createSynthetic, listQuotaWindows, type SyntheticQuota } from "../src";
import { createSynthetic as createV7 } from "../src/ai-v7";
import { todaysPlan } from "../src/testing";
import { useEmulator } from "./support/emulator";

const plan = todaysPlan(Date.parse("2026-12-06T03:00:00.000Z"));
const fixture = useEmulator({ quotas: plan, quotasHeader: true });
const MODEL = "hf:zai-org/GLM-5.2";

const typed = {
  ...plan,
  weeklyTokenLimit: { ...plan.weeklyTokenLimit, maxCredits: 24, remainingCredits: 24, nextRegenCredits: 0.48 },
};

describe("x-synthetic-quotas in providerMetadata.synthetic.quotas", () => {
  it("ai 5 generateText and streamText: typed like getQuota()", async () => {
    const model = fixture.provider()(MODEL);
    const generated = await generateText({ model, prompt: "hi" });
    expect(generated.providerMetadata?.synthetic?.quotas).toEqual(typed);
    const streamed = streamText({ model, prompt: "hi" });
    await streamed.consumeStream();
    expect((await streamed.providerMetadata)?.synthetic?.quotas).toEqual(typed);
  });

  it("ai 7: the same, and listQuotaWindows reads it", async () => {
    const model = createV7({ baseURL: fixture.emulator.url, apiKey: "k" })(MODEL);
    const { providerMetadata } = await ai7.generateText({ model, prompt: "hi" });
    const quotas = providerMetadata?.synthetic?.quotas as SyntheticQuota;
    expect(quotas).toEqual(typed);
    expect(listQuotaWindows(quotas).map((w) => w.label)).toEqual(["search (hourly)", "week", "5h"]);
  });

  it("an unreadable header leaves quotas out rather than failing the call", async () => {
    fixture.emulator.script({ content: "ok", headers: { "x-synthetic-quotas": "not json" } });
    const { text, providerMetadata } = await generateText({
      model: createSynthetic({ baseURL: fixture.emulator.url, apiKey: "k" })(MODEL),
      prompt: "hi",
    });
    expect(text).toBe("ok");
    expect(providerMetadata?.synthetic?.quotas).toBeUndefined();
  });
});
