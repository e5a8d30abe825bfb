/** Every place in `files` (paths relative to `root`) that reaches outside `root`. */
export function findOutsideReads(
  root: string,
  files: string[],
): { file: string; line: number; text: string; reason: string }[];
