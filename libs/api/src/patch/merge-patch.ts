/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`), what `kubectl patch
 * --type merge` sends and what the api-server applies to any kind.
 */
import { cloneJson, isPlainObject } from '../object.js';
import { getOwn, setOwn } from './own-fields.js';

/**
 * Applies a merge patch: objects merge recursively, `null` deletes a member,
 * anything else (arrays included) replaces. Returns a new value; inputs are untouched.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  return mergeIntoOwned(cloneJson(target), patch);
}

/** Merges into `target`, which this module owns (a private copy), so it may be changed in place. */
function mergeIntoOwned(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return cloneJson(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergeIntoOwned(getOwn(result, key), value));
  }
  return result;
}
