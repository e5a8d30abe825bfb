/**
 * Mastra Memory with semantic recall on Synthetic embeddings, end to end on both Mastra lines:
 * messages are embedded by `hf:nomic-ai/nomic-embed-text-v1.5` on the emulator, stored in LibSQL
 * (`@mastra/libsql` + `@mastra/memory` 1.x; 0.15 / 0.16 with core 0.24.9 from
 * test/support/mastra-024-memory), and recalled across threads of one resource into the next
 * chat request. The emulator's embeddings are hashes of the whole input, so identical text is
 * the one thing that is "most similar": the recall below is exact, not luck.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "@mastra/core/agent";
import { LibSQLStore, LibSQLVector } from "@mastra/libsql";
import { Memory } from "@mastra/memory";
import * as mastra024 from "mastra-024-memory";
import { afterAll, describe, expect, it } from "vitest";
import type { RecordedRequest } from "../src/testing";
import { useEmulator } from "./support/emulator";

const EMBEDDER = "hf:nomic-ai/nomic-embed-text-v1.5";
const fixture = useEmulator({ apiKey: "k" });
const dir = mkdtempSync(join(tmpdir(), "mastra-synthetic-memory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: each line's classes have their own types.
type Any = any;
const lines = [
  {
    name: "1.x",
    Agent,
    memory: (file: string, embedder: unknown) =>
      new Memory({
        storage: new LibSQLStore({ id: "store", url: `file:${file}.db` }),
        vector: new LibSQLVector({ id: "vector", url: `file:${file}-vectors.db` }),
        embedder: embedder as Any,
        options: { lastMessages: 1, semanticRecall: { topK: 1, messageRange: 1, scope: "resource" } },
      }),
  },
  {
    name: "0.24",
    Agent: mastra024.Agent,
    memory: (file: string, embedder: unknown) =>
      new mastra024.Memory({
        storage: new mastra024.LibSQLStore({ url: `file:${file}.db` }),
        vector: new mastra024.LibSQLVector({ connectionUrl: `file:${file}-vectors.db` }),
        embedder: embedder as Any,
        options: { lastMessages: 1, semanticRecall: { topK: 1, messageRange: 1, scope: "resource" } },
      }),
  },
] as const;

const answers: Record<string, string> = {
  "vault code?": "The vault code is 7421.",
  "weather today?": "Sunny and warm.",
};

/** Answers the latest user message from `answers`; embeddings get the emulator's hashed vectors. */
function reply(request: RecordedRequest) {
  const messages = (request.body as { messages?: { role: string; content: unknown }[] }).messages ?? [];
  const last = messages.filter((m) => m.role === "user").at(-1)?.content;
  const text = typeof last === "string" ? last : JSON.stringify(last ?? "");
  const key = Object.keys(answers).find((question) => text.includes(question));
  return { content: key ? answers[key] : "noted" };
}

describe.each(lines)("Mastra $name: Memory with semantic recall on Synthetic embeddings", (line) => {
  it("recalls the matching exchange from another thread of the resource into the chat request", async () => {
    fixture.emulator.setDefault(reply);
    const synthetic = fixture.provider();
    const LineAgent: Any = line.Agent;
    const agent = new LineAgent({
      name: "memory-agent",
      instructions: "You remember things.",
      model: synthetic("hf:zai-org/GLM-5.2"),
      memory: line.memory(join(dir, line.name), synthetic.textEmbeddingModel(EMBEDDER)),
    });
    const inThread = (thread: string) => ({ memory: { thread, resource: "user-1" } });

    expect((await agent.generate("vault code?", inThread("t1"))).text).toBe("The vault code is 7421.");
    expect((await agent.generate("weather today?", inThread("t2"))).text).toBe("Sunny and warm.");
    const before = fixture.chatBodies().length;
    await agent.generate("vault code?", inThread("t3"));

    const request = JSON.stringify(fixture.chatBodies()[before]?.messages);
    // Thread t3 is new; only semantic recall (scope: resource) can bring t1's answer in.
    expect(request).toContain("The vault code is 7421.");
    expect(request).not.toContain("Sunny and warm.");

    const embeddings = fixture.emulator.requests.filter((r) => r.path.endsWith("/embeddings"));
    expect(embeddings.length).toBeGreaterThanOrEqual(3);
    for (const { body } of embeddings) expect(body).toMatchObject({ model: EMBEDDER });
  });
});
