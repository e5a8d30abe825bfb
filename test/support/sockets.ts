/** Helpers for tests that count the emulator's open sockets. */
import { request as httpRequest } from "node:http";
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { SyntheticEmulator } from "../../src/testing";

/** Whether the emulator's open connections reach `count` within `withinMs`. */
export async function connectionsDropTo(server: SyntheticEmulator, count: number, withinMs = 1_000): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (server.openConnections() === count) return true;
    await sleep(10);
  }
  return false;
}

/**
 * fetch over node:http without keep-alive: Node's own fetch may open a fresh idle socket right
 * after destroying one, so socket counts are read with this (the emulator's advice).
 */
export const httpFetch: typeof fetch = (input, init) =>
  new Promise((resolve, reject) => {
    const request = httpRequest(String(input), {
      method: init?.method ?? "GET",
      headers: init?.headers as Record<string, string>,
      agent: false,
    });
    const signal = init?.signal;
    const onAbort = () => request.destroy(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("close", () => signal?.removeEventListener("abort", onAbort));
    request.on("error", reject);
    request.on("response", (response) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) if (value) headers.set(name, String(value));
      const body = Readable.toWeb(response) as unknown as ReadableStream<Uint8Array>;
      resolve(new Response(body, { status: response.statusCode, headers }));
    });
    request.end(init?.body as string | undefined);
  });
