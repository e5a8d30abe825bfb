/** `make()` once, on first use: module-level zod schemas cost cold-import time (docs/internals/performance.md). */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}
