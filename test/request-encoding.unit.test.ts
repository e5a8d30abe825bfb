/**
 * What a request carries besides the body: file bytes as base64 (with Node's Buffer and without
 * it, as on edge runtimes) and the user-agent merged into the caller's headers.
 */
import { describe, expect, it, vi } from "vitest";
import { toBase64 } from "../src/chat/request";
import { withSyntheticUserAgent } from "../src/settings";
import { VERSION } from "../src/version";

const bytesOf = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 131 + (i >> 8)) % 256);
const nodeBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/**
 * `fn` with no global Buffer, restored before anything else can run: test files share their
 * worker, and other code awaiting in it must never see Buffer missing.
 */
function withoutBuffer<T>(fn: () => T): T {
  vi.stubGlobal("Buffer", undefined);
  try {
    return fn();
  } finally {
    vi.unstubAllGlobals();
  }
}

describe("file bytes as base64", () => {
  const lengths = [0, 1, 2, 3, 0x1fff, 0x2000, 0x2001, 100_000];

  it.each(lengths)("matches Buffer for %i bytes", (length) => {
    const bytes = bytesOf(length);
    expect(toBase64(bytes)).toBe(nodeBase64(bytes));
  });

  it.each(lengths)("matches Buffer for %i bytes without a global Buffer (edge runtimes)", (length) => {
    const bytes = bytesOf(length);
    const expected = nodeBase64(bytes);
    expect(withoutBuffer(() => toBase64(bytes))).toBe(expected);
  });

  it("encodes a view into a larger buffer, not the whole buffer, with and without Buffer", () => {
    const view = bytesOf(1_000).subarray(100, 600);
    const expected = nodeBase64(view);
    expect(toBase64(view)).toBe(expected);
    expect(withoutBuffer(() => toBase64(view))).toBe(expected);
  });
});

describe("user-agent", () => {
  const suffix = `mastra-synthetic/${VERSION}`;

  it.each(["User-Agent", "user-agent", "USER-AGENT"])("appends to the caller's %s", (name) => {
    expect(withSyntheticUserAgent({ [name]: "my-app/2.1" })).toEqual({ "user-agent": `my-app/2.1 ${suffix}` });
  });

  it("is the suffix alone when the caller sends none, or an empty one", () => {
    expect(withSyntheticUserAgent({})).toEqual({ "user-agent": suffix });
    expect(withSyntheticUserAgent({ "user-agent": "" })).toEqual({ "user-agent": suffix });
  });

  it("drops undefined and null values and lowercases names", () => {
    const headers = { Authorization: "Bearer k", "X-Unset": undefined, "X-Null": null as unknown as string };
    expect(withSyntheticUserAgent(headers)).toEqual({ authorization: "Bearer k", "user-agent": suffix });
  });
});
