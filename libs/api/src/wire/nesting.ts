/**
 * How deep a request body may nest. Go's encoding/json refuses past 10000 levels; the
 * api-server's patch, prune, validation and managed-fields code recurses once or more per
 * level and would run out of stack well before that (a strategic merge patch 1500 levels
 * deep did), so bodies stop at 500: Kubernetes objects, CRD schemas included, stay far below.
 */
export const maxBodyDepth = 500;

/** The bracket ('{' or '[') that opens level maxBodyDepth + 1 of `value`, if it nests that deep. */
export function tooDeep(value: unknown, max = maxBodyDepth): '{' | '[' | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return Array.isArray(v) ? '[' : '{';
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** encoding/json's scanner error for a value nested too deep. */
export function exceededMaxDepth(bracket: '{' | '['): string {
  return `invalid character '${bracket}' exceeded max depth`;
}
