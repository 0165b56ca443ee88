/**
 * How validation reads the optional fields of a decoded object. Strict decoding lets `null`
 * through for any field, as Go's decoder does, so a list or struct may hold null where
 * kubernetes-types says it is absent; these read both as absent and keep the field's type,
 * so the fields read from what they return are still checked by name.
 */
import { isPlainObject } from '../../object.js';

/** The items of a list field: none when it is absent or null. */
export function listOf<T>(value: T[] | null | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** Whether a struct or map field holds an object (it is neither absent nor null). */
export function isStruct<T extends object>(value: T | null | undefined): value is T {
  return isPlainObject(value);
}
