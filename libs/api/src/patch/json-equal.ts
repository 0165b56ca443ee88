/**
 * Structural equality of JSON values, as the JSON patch `test` operation defines it:
 * objects compare by members regardless of key order, arrays element by element.
 */
import { isPlainObject } from '../object.js';

/** True when two JSON values are the same value. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (Array.isArray(left)) {
    return Array.isArray(right) && left.length === right.length && left.every((item, i) => jsonEqual(item, right[i]));
  }
  if (isPlainObject(left)) {
    if (!isPlainObject(right)) return false;
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
  }
  return left === right;
}
