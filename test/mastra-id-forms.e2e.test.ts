/**
 * Every model id form the docs show (docs/troubleshooting.md "Model id forms"), through a real
 * agent of each Mastra line, where the docs say it works, and the documented refusal where not.
 */
import { describe, expect, it } from "vitest";
import { dynamicModel, syntheticGateway } from "../src";
import { useEmulator } from "./support/emulator";
import { type MastraLine, mastraLines, registerAgents } from "./support/mastra-lines";

const fixture = useEmulator({ apiKey: "k" });

type Form = {
  /** How the docs write it. */
  form: string;
  /** The agent's `model`, given a provider pointed at the emulator. */
  model(synthetic: ReturnType<typeof fixture.provider>): unknown;
  /** Whether it needs the gateway registered on a Mastra instance. */
  gateway: boolean;
  /** The id Synthetic receives. */
  sends: string;
  /** Lines it works on. */
  lines: MastraLine["name"][];
};

const forms: Form[] = [
  {
    form: "synthetic/hf:Owner/Name",
    model: () => "synthetic/hf:zai-org/GLM-5.2",
    gateway: true,
    sends: "hf:zai-org/GLM-5.2",
    lines: ["1.x", "0.24"],
  },
  {
    form: "hf:Owner/Name (string)",
    model: () => "hf:zai-org/GLM-5.2",
    gateway: true,
    sends: "hf:zai-org/GLM-5.2",
    lines: ["1.x"],
  },
  {
    form: "synthetic/syn/alias",
    model: () => "synthetic/syn/large:text",
    gateway: true,
    sends: "syn:large:text",
    lines: ["1.x", "0.24"],
  },
  {
    form: "synthetic/syn:alias",
    model: () => "synthetic/syn:large:text",
    gateway: true,
    sends: "syn:large:text",
    lines: ["1.x"],
  },
  {
    form: 'synthetic("hf:Owner/Name")',
    model: (s) => s("hf:zai-org/GLM-5.2"),
    gateway: false,
    sends: "hf:zai-org/GLM-5.2",
    lines: ["1.x", "0.24"],
  },
  {
    form: 'synthetic("synthetic/hf:Owner/Name")',
    model: (s) => s("synthetic/hf:zai-org/GLM-5.2"),
    gateway: false,
    sends: "hf:zai-org/GLM-5.2",
    lines: ["1.x", "0.24"],
  },
  {
    form: 'synthetic("syn:alias")',
    model: (s) => s("syn:large:text"),
    gateway: false,
    sends: "syn:large:text",
    lines: ["1.x", "0.24"],
  },
  {
    form: 'synthetic("synthetic/syn/alias")',
    model: (s) => s("synthetic/syn/large:text"),
    gateway: false,
    sends: "syn:large:text",
    lines: ["1.x", "0.24"],
  },
  {
    form: 'dynamicModel(() => "synthetic/syn/alias")',
    model: (s) => dynamicModel(() => "synthetic/syn/large:text", s),
    gateway: false,
    sends: "syn:large:text",
    lines: ["1.x", "0.24"],
  },
  {
    form: 'dynamicModel(() => "syn:alias")',
    model: (s) => dynamicModel(() => "syn:large:text", s),
    gateway: false,
    sends: "syn:large:text",
    lines: ["1.x", "0.24"],
  },
];

function agentFor(line: MastraLine, form: Form) {
  const agent = new line.Agent({ name: "agent", instructions: "x", model: form.model(fixture.provider()) });
  if (!form.gateway) return agent;
  const gateways = { synthetic: syntheticGateway({ baseURL: fixture.emulator.url, apiKey: "k", liveCatalog: false }) };
  return registerAgents(line, { agent }, { gateways }).agents.agent;
}

describe.each(mastraLines)("Mastra $name", (line) => {
  const works = forms.filter((form) => form.lines.includes(line.name));
  const refused = forms.filter((form) => !form.lines.includes(line.name));

  it.each(works)("$form reaches Synthetic as $sends", async (form) => {
    fixture.emulator.script({ content: "ok" });
    expect((await agentFor(line, form).generate("hi")).text).toBe("ok");
    expect(fixture.chatBodies().map((body) => body.model)).toEqual([form.sends]);
  });

  if (refused.length > 0) {
    it.each(refused)("$form is refused by this line's router before any request (documented)", async (form) => {
      const outcome = await agentFor(line, form)
        .generate("hi")
        .then(
          () => "answered",
          (error: unknown) => String((error as Error)?.message ?? error),
        );
      expect(outcome).not.toBe("answered");
      expect(fixture.chatBodies()).toHaveLength(0);
    });
  }
});
