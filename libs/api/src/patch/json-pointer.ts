/**
 * RFC 6901 JSON pointers, the `path` and `from` of JSON patch operations.
 */
import { PatchError } from './patch-error.js';

/** Splits a pointer into its unescaped reference tokens (`~1` → `/`, `~0` → `~`); `""` is the root. */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~(?![01])/.test(pointer)) {
    throw new PatchError(`invalid JSON pointer: "${pointer}"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}
