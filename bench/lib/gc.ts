import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// `--expose-gc` without changing the npm script: a fresh context created after the flag is set
// carries `gc`. Collecting before every measured run keeps one variant's garbage from being
// collected on the other's clock.
setFlagsFromString("--expose-gc");
export const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (runInNewContext("gc") as () => void);
