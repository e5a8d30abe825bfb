/**
 * What goes in: images only to models that take them, structured output as JSON schema or JSON
 * mode per the catalog, through real Mastra agents on both lines.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getModelInfo, SyntheticConfigurationError } from "../src";
import { useEmulator } from "./support/emulator";
import { mastraLines, readFullStream } from "./support/mastra-lines";

// Wire behaviours only retired catalog models show (the vision and tool-less models (Llama 4, Qwen2.5-Coder)): the emulator
// serves them here; Synthetic itself refuses them (test/emulator-served-models.e2e.test.ts).
const fixture = useEmulator({ retiredModels: "serve" });
const { provider, chatBodies } = fixture;
const firstUserMessage = () =>
  ((chatBodies()[0]?.messages ?? []) as { role: string; content: unknown }[]).find((m) => m.role === "user");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe.each(mastraLines)("Mastra $name", (line) => {
  const agentFor = (model: string) => new line.Agent({ name: "in", instructions: "x", model: provider()(model) });
  const imageMessage = (image: Uint8Array | URL) => [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in this picture?" },
        { type: "image", image, mimeType: "image/png", mediaType: "image/png" },
      ],
    },
  ];

  describe("images", () => {
    it("sends image parts to a model whose catalog input includes image (Llama 4)", async () => {
      fixture.emulator.script({ content: "A tiny PNG." });
      const result = await agentFor("hf:meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8").generate(imageMessage(PNG));
      expect(result.text).toBe("A tiny PNG.");
      const user = firstUserMessage();
      expect(user?.content).toContainEqual({
        type: "image_url",
        image_url: { url: `data:image/png;base64,${Buffer.from(PNG).toString("base64")}` },
      });
    });

    it("passes image URLs through without downloading them", async () => {
      await agentFor("hf:meta-llama/Llama-4-Scout-17B-16E-Instruct").generate(
        imageMessage(new URL("https://images.example/cat.png")),
      );
      const user = firstUserMessage();
      expect(user?.content).toContainEqual({ type: "image_url", image_url: { url: "https://images.example/cat.png" } });
    });

    it.each(["generate", "stream"] as const)(
      "refuses an image for a text-only model before the request, naming one that can (%s)",
      async (mode) => {
        const agent = agentFor("hf:zai-org/GLM-4.6");
        let error: unknown;
        if (mode === "generate") error = await rejection(agent.generate(imageMessage(PNG)));
        else {
          const stream = await agent.stream(imageMessage(PNG)).catch((e: unknown) => e);
          error = stream instanceof Error ? stream : (await readFullStream(stream)).errors[0];
        }
        expect(SyntheticConfigurationError.isInstance(error)).toBe(true);
        const suggested = /Use a model that does, such as "([^"]+)"/.exec((error as Error).message)?.[1];
        expect((error as Error).message).toMatch(/^hf:zai-org\/GLM-4\.6 does not support image input\./);
        expect(getModelInfo(suggested ?? "")?.input).toContain("image");
        expect(chatBodies()).toHaveLength(0);
      },
    );
  });

  describe("structured output", () => {
    const person = z.object({ name: z.string(), age: z.number() });

    it("asks a model with structured outputs for a JSON schema, and parses the object", async () => {
      fixture.emulator.script({ content: '{"name":"Ada","age":36}' });
      const result = await agentFor("hf:zai-org/GLM-4.6").generate("Who?", { structuredOutput: { schema: person } });
      expect(result.object).toEqual({ name: "Ada", age: 36 });
      const format = chatBodies()[0]?.response_format as {
        type: string;
        json_schema: { schema: Record<string, unknown> };
      };
      expect(format.type).toBe("json_schema");
      expect(format.json_schema.schema).toMatchObject({ type: "object", required: ["name", "age"] });
      expect(format.json_schema.schema).not.toHaveProperty("$schema");
    });

    it("uses JSON mode for a model without structured outputs", async () => {
      fixture.emulator.script({ content: '{"name":"Bo","age":7}' });
      const result = await agentFor("hf:Qwen/Qwen2.5-Coder-32B-Instruct").generate("Who?", {
        structuredOutput: { schema: person },
      });
      expect(result.object).toEqual({ name: "Bo", age: 7 });
      expect(chatBodies()[0]?.response_format).toEqual({ type: "json_object" });
    });

    it("surfaces invalid JSON from the model as an error, not as an object", async () => {
      fixture.emulator.setDefault({ content: "not json at all" });
      const outcome = await agentFor("hf:zai-org/GLM-4.6")
        .generate("Who?", { structuredOutput: { schema: person } })
        .then(
          (result: { object?: unknown; error?: unknown }) => ({ object: result.object, error: result.error }),
          (error: unknown) => ({ object: undefined, error }),
        );
      expect(outcome.object ?? undefined).toBeUndefined();
      expect(String((outcome.error as Error)?.message ?? outcome.error)).toMatch(/parse|JSON|schema|object/i);
    });
  });
});

describe("structured output through the AI SDK directly", () => {
  it("parses a valid object and raises NoObjectGeneratedError for invalid JSON", async () => {
    const { generateObject, NoObjectGeneratedError } = await import("ai");
    const schema = z.object({ ok: z.boolean() });
    fixture.emulator.script({ content: '{"ok":true}' }, { content: "{ broken" });
    const model = provider()("hf:deepseek-ai/DeepSeek-V3");
    expect((await generateObject({ model, schema, prompt: "Status?", maxRetries: 0 })).object).toEqual({ ok: true });
    const error = await rejection(generateObject({ model, schema, prompt: "Status?", maxRetries: 0 }));
    expect(NoObjectGeneratedError.isInstance(error)).toBe(true);
    expect((error as { text?: string }).text).toBe("{ broken");
  });
});

describe("image bytes through the model directly", () => {
  it("encodes a 200 KB image as the same base64 Node's Buffer gives (every byte value, past one slice)", async () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 131 + (i >> 8)) % 256);
    const model = provider()("hf:meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8");
    await model.doGenerate({
      prompt: [{ role: "user", content: [{ type: "file", data: bytes, mediaType: "image/png" }] }],
    });
    expect(firstUserMessage()?.content).toEqual([
      { type: "image_url", image_url: { url: `data:image/png;base64,${Buffer.from(bytes).toString("base64")}` } },
    ]);
  });
});
