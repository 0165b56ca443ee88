/**
 * One copy of the small values a cache of many objects holds over and over: the labels, owner
 * reference and container requests of a ReplicaSet's thousand pods, parsed from a thousand events,
 * are a thousand equal objects until shared. Bounded, the most recently used kept, so values
 * nothing uses any more are forgotten.
 */

/** Values in use by their JSON, the most recently used last. */
const sharedValues = new Map<string, unknown>();
const sharedValuesKept = 4096;

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * The value equal to `value` (as JSON) that was shared before, or `value` itself, deeply frozen, as the
 * one to share from now on. Whoever holds a shared value must not change it: it is frozen so that a
 * change throws instead of reaching every object that holds it.
 */
export function sharedValue<T>(value: T): T {
  if (value === undefined || value === null) return value;
  const key = typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`;
  const found = sharedValues.get(key);
  if (found !== undefined) {
    sharedValues.delete(key);
    sharedValues.set(key, found);
    return found as T;
  }
  if (sharedValues.size >= sharedValuesKept) sharedValues.delete(sharedValues.keys().next().value!);
  sharedValues.set(key, deepFreeze(value));
  return value;
}
