/**
 * Field access that only ever sees a JSON object's own keys. Patches are user input:
 * a key such as `__proto__` or `constructor` must be an ordinary field, never the
 * prototype, or a patch could reach into every object of the process.
 */

/** The value of an own field, or undefined when the object has no such key. */
export function getOwn(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets an own field, even one called `__proto__`. */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}
