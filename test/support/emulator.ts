/** One emulator per test file, reset before each test, with the accessors most suites need. */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createSynthetic, type SyntheticProviderSettings } from "../../src";
import { type SyntheticEmulator, type SyntheticEmulatorOptions, startSyntheticEmulator } from "../../src/testing";

export type EmulatorFixture = {
  /** The running emulator (valid inside tests and hooks). */
  readonly emulator: SyntheticEmulator;
  /** A provider pointed at the emulator. */
  provider(settings?: SyntheticProviderSettings): ReturnType<typeof createSynthetic>;
  /** Parsed bodies of the chat/completions requests so far. */
  chatBodies(): Record<string, unknown>[];
};

export function useEmulator(options: SyntheticEmulatorOptions = {}, apiKey = "k"): EmulatorFixture {
  let emulator: SyntheticEmulator | undefined;
  beforeAll(async () => {
    emulator = await startSyntheticEmulator(options);
  });
  afterAll(() => emulator?.close());
  beforeEach(() => emulator?.reset());
  const running = () => {
    if (!emulator) throw new Error("the emulator starts in beforeAll; use it inside tests");
    return emulator;
  };
  return {
    get emulator() {
      return running();
    },
    provider: (settings) => createSynthetic({ baseURL: running().url, apiKey, ...settings }),
    chatBodies: () =>
      running()
        .requests.filter((r) => r.path.endsWith("/chat/completions"))
        .map((r) => r.body as Record<string, unknown>),
  };
}
