/**
 * A RAG agent on Mastra 1.x with Synthetic embeddings: the knowledge base is embedded once with
 * `embedMany`; the agent answers through a tool that embeds the question and ranks the chunks.
 * With SYNTHETIC_API_KEY set it talks to Synthetic; without it, to the bundled emulator, which is
 * given a toy word-overlap embedder (its default vectors are hashes, with no notion of meaning)
 * and plays a model that searches, then answers from the best hit.
 */
import { Agent } from "@mastra/core/agent";
import { createTool } from "@mastra/core/tools";
import { cosineSimilarity, embed, embedMany } from "ai";
import { z } from "zod";
import { createSynthetic } from "../../src/index";
import { type RecordedRequest, startSyntheticEmulator } from "../../src/testing/index";

const live = Boolean(process.env.SYNTHETIC_API_KEY);
const emulator = live ? undefined : await startSyntheticEmulator();
console.log(
  live
    ? "Using the Synthetic API (SYNTHETIC_API_KEY is set)."
    : `No SYNTHETIC_API_KEY set: using the bundled Synthetic emulator at ${emulator?.url}.`,
);
const synthetic = createSynthetic(emulator ? { baseURL: emulator.url, apiKey: "example-key" } : {});
const embedder = synthetic.textEmbeddingModel("hf:nomic-ai/nomic-embed-text-v1.5");

const knowledgeBase = [
  "Refunds are issued to the original payment method within 14 days of the return arriving.",
  "Orders over 50 EUR ship for free within the EU; other orders pay a flat 4.90 EUR.",
  "Support is open Monday to Friday, 9:00 to 17:00 CET, by chat and e-mail.",
  "Gift cards are valid for three years and cannot be exchanged for cash.",
];

if (emulator) {
  emulator.setDefault((request) =>
    request.path.endsWith("/embeddings") ? { embedding: inputsOf(request).map(wordVector) } : emulatedModel(request),
  );
}

// 1. Index: one vector per chunk.
const { embeddings } = await embedMany({ model: embedder, values: knowledgeBase });
const index = knowledgeBase.map((text, i) => ({ text, vector: embeddings[i] ?? [] }));
console.log(`indexed ${index.length} chunks (${embeddings[0]?.length} dimensions)`);

// 2. Retrieve, as a tool the agent calls.
const searchKnowledgeBase = createTool({
  id: "searchKnowledgeBase",
  description: "Search the shop's knowledge base. Returns the most relevant passages.",
  inputSchema: z.object({ query: z.string() }),
  execute: async ({ query }) => {
    const { embedding } = await embed({ model: embedder, value: query });
    const hits = index
      .map((chunk) => ({ text: chunk.text, score: cosineSimilarity(embedding, chunk.vector) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 2);
    console.log(`  search("${query}") -> ${hits.map((hit) => hit.score.toFixed(2)).join(", ")}`);
    return { passages: hits };
  },
});

// 3. Generate: the agent searches, then answers from what it found.
const agent = new Agent({
  id: "shop-assistant",
  name: "Shop assistant",
  instructions: "Answer customer questions using only passages from searchKnowledgeBase. Be brief.",
  model: synthetic("hf:zai-org/GLM-5.2"),
  tools: { searchKnowledgeBase },
});

try {
  for (const question of ["How long do refunds take?", "When is support open?"]) {
    console.log(`user: ${question}`);
    const result = await agent.generate(question, { maxSteps: 4 });
    console.log(`agent: ${result.text}`);
  }
} finally {
  await emulator?.close();
}

// ---- Emulator stand-ins (not needed against the real API) --------------------------------------

function inputsOf(request: RecordedRequest): string[] {
  const input = (request.body as { input?: unknown }).input;
  return (Array.isArray(input) ? input : [input]).map(String);
}

/** A 768-dimension bag of words: texts sharing words get similar vectors. */
function wordVector(text: string): number[] {
  const vector = new Array<number>(768).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    const stem = word.replace(/s$/, "");
    let hash = 0;
    for (const char of stem) hash = (hash * 31 + char.charCodeAt(0)) % 768;
    vector[hash] = (vector[hash] ?? 0) + 1;
  }
  return vector;
}

/** Calls the search tool with the user's question, then answers with the best passage it returned. */
function emulatedModel(request: RecordedRequest) {
  const messages = (request.body as { messages: { role: string; content: unknown }[] }).messages;
  const latest = [...messages].reverse();
  const toolResult = latest.find((m) => m.role === "tool");
  const lastUser = latest.find((m) => m.role === "user");
  // A tool result newer than the question means the search is done: answer.
  if (!toolResult || latest.indexOf(toolResult) > latest.indexOf(lastUser ?? toolResult)) {
    return { toolCalls: [{ name: "searchKnowledgeBase", arguments: { query: String(lastUser?.content) } }] };
  }
  const passages = (JSON.parse(String(toolResult.content)) as { passages: { text: string }[] }).passages;
  return { content: passages[0]?.text ?? "I could not find that." };
}
