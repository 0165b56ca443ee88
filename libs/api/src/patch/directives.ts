/**
 * The directive vocabulary of strategic merge patch: the `$`-keys kubectl puts in a
 * patch to say what plain JSON cannot (delete this element, keep this order, ...).
 * None of them ever reaches a stored object.
 */
import { PatchError } from './patch-error.js';

/** `$patch: delete | replace` on a map or a list element. */
export const PATCH_DIRECTIVE = '$patch';
/** `$retainKeys: [...]`: drop every other key of the map before merging. */
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
/** `$setElementOrder/<field>: [...]`: the final order of a merged list. */
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder/';
/** `$deleteFromPrimitiveList/<field>: [...]`: values to remove from a merged primitive list. */
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList/';

/** The error for a `$patch` value that is neither `delete` nor `replace`, worded as Kubernetes does. */
export function unknownPatchType(directive: unknown, map: Record<string, unknown>): PatchError {
  return new PatchError(`unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(map)}`);
}
