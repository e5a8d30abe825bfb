import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export type EmulatorProcess = {
  url: string;
  origin: string;
  pid: number;
  /** CPU ms the emulator process has used so far (user + system). */
  cpu(): Promise<number>;
  close(): Promise<void>;
};

const CHILD = fileURLToPath(new URL("../emulator-child.ts", import.meta.url));

/** Starts the emulator child on the built `testing` entry and resolves once it listens. */
export async function startEmulatorProcess(testingUrl: string): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(CHILD, [testingUrl], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const address = await new Promise<{ url: string; origin: string }>((resolve, reject) => {
    child.once("message", (message) => resolve(message as { url: string; origin: string }));
    child.once("exit", (code) => reject(new Error(`emulator child exited with ${code} before listening`)));
  });
  return {
    ...address,
    pid: child.pid ?? -1,
    cpu: () =>
      new Promise((resolve) => {
        child.once("message", (message) => resolve((message as { cpu: number }).cpu));
        child.send("cpu");
      }),
    async close() {
      if (child.exitCode === null && child.connected) child.send("close");
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
