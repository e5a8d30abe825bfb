#!/usr/bin/env bash
# Type tests of the per-major entries against the BUILT package (run after `npm run build`):
# for ai@5, ai@6 and ai@7, a small app importing `mastra-synthetic/ai-v5|6|7` with that `ai`
# major installed as `ai`, compiled by `tsc --strict` with node16 resolution (ESM .mts and
# CommonJS .cts, so both the .d.ts and .d.cts files are read) and with bundler resolution.
# skipLibCheck: ai@7 and @ai-sdk/provider 4.x ship ESM-only types, so from a .cts file node16
# reports TS1479 inside dist/ai-v7.d.cts (as for any CommonJS user of ai@7) while the types
# still resolve. Each app therefore holds @ts-expect-error lines that only hold if the types are
# real (not `any`), so a declaration file that fails to resolve cannot pass silently.
# Apps live in a throwaway directory under /tmp whose node_modules link to this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

for entry in ai-v5 ai-v6 ai-v7; do
  if [ ! -f "dist/$entry.d.ts" ] || [ ! -f "dist/$entry.d.cts" ]; then
    echo "dist/$entry.d.ts is missing: run npm run build first" >&2
    exit 1
  fi
done

work="$(mktemp -d /tmp/mastra-synthetic-face-types.XXXXXX)"
trap 'rm -rf "$work"' EXIT
tsc="$root/node_modules/typescript/bin/tsc"
common=(--strict --noEmit --target es2022 --lib es2023,dom --types node --skipLibCheck)
failed=0

app_source() {
  # $1: ai major, $2: spec version, $3: the embedding model type in that major
  local major="$1" spec="$2" embedding="$3" other="v2"
  [ "$spec" = "v2" ] && other="v3"
  local reasoning=""
  [ "$major" = "7" ] && reasoning='reasoning: "high",'
  cat <<EOF
import { type EmbeddingModel, embed, generateText, type LanguageModel, stepCountIs, streamText, tool } from "ai";
import {
  createSynthetic,
  SyntheticConfigurationError,
  type SyntheticModelId,
  type SyntheticProvider,
  synthetic,
} from "mastra-synthetic/ai-v$major";
import { z } from "zod";

const provider: SyntheticProvider = createSynthetic({ apiKey: "k", maxRetries: 1, timeoutMs: 5_000 });
const id: SyntheticModelId = "hf:zai-org/GLM-5.2";
const model = provider(id);
const version: "$spec" = model.specificationVersion;
// @ts-expect-error the model is typed, not any: it implements no other spec
const wrongVersion: "$other" = model.specificationVersion;
// @ts-expect-error settings are typed, not any
createSynthetic({ maxRetries: "two" });
const asLanguageModel: LanguageModel = model;
const embedder: $embedding = provider.embeddingModel("hf:nomic-ai/nomic-embed-text-v1.5");

export async function run(): Promise<string> {
  const { text, usage } = await generateText({ model, prompt: "hi", $reasoning });
  const stream = streamText({
    model: synthetic.chatModel("syn:large:text"),
    prompt: "weather?",
    tools: { weather: tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => city }) },
    stopWhen: stepCountIs(3),
  });
  const { embedding } = await embed({ model: embedder, value: "x" });
  return \`\${text} \${usage.inputTokens} \${await stream.text} \${embedding.length}\`;
}
export { asLanguageModel, SyntheticConfigurationError, version, wrongVersion };
EOF
}

cjs_source() {
  # CommonJS: only this package's .d.cts types (ai@7 is ESM-only).
  local major="$1" spec="$2"
  cat <<EOF
import { createSynthetic, type SyntheticProvider } from "mastra-synthetic/ai-v$major";
const provider: SyntheticProvider = createSynthetic({ apiKey: "k" });
const version: "$spec" = provider("hf:zai-org/GLM-5.2").specificationVersion;
// @ts-expect-error the model is typed, not any
const notANumber: number = provider("hf:zai-org/GLM-5.2");
export { notANumber, version };
EOF
}

check() {
  local label="$1"
  shift
  if (cd "$app" && node "$tsc" "${common[@]}" "$@"); then
    printf '  %-34s ok\n' "$label"
  else
    printf '  %-34s FAILED\n' "$label"
    failed=1
  fi
}

for row in "5 ai v2 EmbeddingModel<string>" "6 ai-v6 v3 EmbeddingModel" "7 ai-v7 v4 EmbeddingModel"; do
  read -r major ai_dir spec embedding <<<"$row"
  app="$work/ai$major"
  mkdir -p "$app/node_modules/@types"
  ln -s "$root" "$app/node_modules/mastra-synthetic"
  ln -s "$root/node_modules/$ai_dir" "$app/node_modules/ai"
  ln -s "$root/node_modules/zod" "$app/node_modules/zod"
  ln -s "$root/node_modules/@types/node" "$app/node_modules/@types/node"
  echo '{ "name": "face-types-app", "private": true, "type": "module" }' >"$app/package.json"
  app_source "$major" "$spec" "$embedding" >"$app/app.mts"
  cp "$app/app.mts" "$app/app.ts"
  cjs_source "$major" "$spec" >"$app/app.cts"
  echo "ai@$major ($(node -p "require('$root/node_modules/$ai_dir/package.json').version")), mastra-synthetic/ai-v$major ($spec):"
  check "node16, ESM (.d.ts)" --module node16 --moduleResolution node16 app.mts
  check "node16, CommonJS (.d.cts)" --module node16 --moduleResolution node16 app.cts
  check "bundler" --module esnext --moduleResolution bundler app.ts
done

if [ "$failed" -ne 0 ]; then
  echo "face type checks failed" >&2
  exit 1
fi
echo "face type checks passed"
