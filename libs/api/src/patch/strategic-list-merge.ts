/**
 * Merging one list field in a strategic merge patch: element by element on a merge
 * key, as a set of primitives, or replaced whole, honouring the list directives
 * (`$patch` elements and `$setElementOrder`).
 */
import { isPlainObject } from '../object.js';
import { PATCH_DIRECTIVE, SET_ELEMENT_ORDER_PREFIX, unknownPatchType } from './directives.js';
import { orderMergedList } from './element-order.js';
import type { ListStrategy } from './merge-keys.js';
import { getOwn } from './own-fields.js';
import { PatchError } from './patch-error.js';

type JsonObject = Record<string, unknown>;

/** Merges one map element of a list; the map rules live with the caller. */
export type ElementMerger = (original: JsonObject | undefined, patch: JsonObject) => JsonObject;

/**
 * Applies the patch list to the original list as `strategy` says. `order` is the
 * field's `$setElementOrder` list when the patch has one. Returns a new list.
 */
export function mergeList(
  original: readonly unknown[],
  patch: readonly unknown[],
  strategy: ListStrategy,
  order: readonly unknown[] | undefined,
  mergeElement: ElementMerger,
): unknown[] {
  switch (strategy.strategy) {
    case 'replace':
      return replaceList(patch, mergeElement);
    case 'merge-primitive':
      return mergePrimitiveList(original, patch, order);
    case 'merge':
      return mergeKeyedList(original, patch, strategy.key, order, mergeElement);
  }
}

/** An atomic list: the patch list is the new value (directive elements mean nothing here). */
function replaceList(patch: readonly unknown[], mergeElement: ElementMerger): unknown[] {
  return patch
    .filter((item) => listDirectiveOf(item) === undefined)
    .map((item) => (isPlainObject(item) ? mergeElement(undefined, item) : item));
}

/** A set of primitives such as `metadata.finalizers`: the union, without duplicates. */
function mergePrimitiveList(original: readonly unknown[], patch: readonly unknown[], order: readonly unknown[] | undefined): unknown[] {
  const notPrimitive = patch.find((item) => typeof item === 'object' && item !== null);
  if (notPrimitive !== undefined) {
    throw new PatchError(`list element types are not identical: expected primitive values, got ${JSON.stringify(notPrimitive)}`);
  }
  const merged = [...original, ...patch].filter((item, index, all) => all.indexOf(item) === index);
  return ordered(merged, patch, order, original, (item) => item);
}

/** A list of maps merged on `key`: deletes, replace-all, merges and appends. */
function mergeKeyedList(
  original: readonly unknown[],
  patch: readonly unknown[],
  key: string,
  order: readonly unknown[] | undefined,
  mergeElement: ElementMerger,
): unknown[] {
  const originalMaps = original.map(requireMap);
  let replaceAll = false;
  const deletedKeys: unknown[] = [];
  const elements: JsonObject[] = [];
  for (const element of patch.map(requireMap)) {
    const directive = listDirectiveOf(element);
    if (directive === 'replace') {
      replaceAll = true;
      continue;
    }
    requireMergeKey(element, key);
    if (directive === 'delete') deletedKeys.push(element[key]);
    else elements.push(element);
  }

  const identity = (item: unknown): unknown => (isPlainObject(item) ? getOwn(item, key) : undefined);
  const base = replaceAll ? [] : originalMaps.filter((item) => !deletedKeys.includes(identity(item)));
  const merged: JsonObject[] = [...base];
  for (const element of elements) {
    const index = merged.findIndex((item) => identity(item) === element[key]);
    if (index >= 0) merged[index] = mergeElement(merged[index], element);
    else merged.push(mergeElement(undefined, element));
  }
  order?.forEach((entry) => requireMergeKey(requireMap(entry), key));
  return ordered(merged, elements, order, replaceAll ? elements : base, identity);
}

/** Orders by `$setElementOrder` when given (after checking it agrees with the patch), else by the patch. */
function ordered(
  merged: readonly unknown[],
  patchItems: readonly unknown[],
  order: readonly unknown[] | undefined,
  serverOrder: readonly unknown[],
  identity: (item: unknown) => unknown,
): unknown[] {
  if (order !== undefined) assertOrderCoversPatch(order, patchItems, identity);
  return orderMergedList(merged, order ?? patchItems, serverOrder, identity);
}

/** Every element the patch sets must appear in `$setElementOrder`, in the same relative order. */
function assertOrderCoversPatch(order: readonly unknown[], patchItems: readonly unknown[], identity: (item: unknown) => unknown): void {
  let position = 0;
  for (const item of patchItems) {
    while (position < order.length && identity(order[position]) !== identity(item)) position++;
    if (position === order.length) {
      throw new PatchError(
        `the order in patch list ${JSON.stringify(patchItems)} doesn't match ${SET_ELEMENT_ORDER_PREFIX.slice(0, -1)} list ${JSON.stringify(order)}`,
      );
    }
    position++;
  }
}

/** The `$patch` directive of a list element, if it has a valid one. */
function listDirectiveOf(item: unknown): 'delete' | 'replace' | undefined {
  if (!isPlainObject(item) || !Object.hasOwn(item, PATCH_DIRECTIVE)) return undefined;
  const directive: unknown = item[PATCH_DIRECTIVE];
  if (directive === 'delete' || directive === 'replace') return directive;
  if (directive === 'merge') throw new PatchError('merging lists cannot yet be specified in the patch');
  throw unknownPatchType(directive, item);
}

function requireMap(item: unknown): JsonObject {
  if (!isPlainObject(item)) throw new PatchError(`expected a map in a list merged by key, but received ${JSON.stringify(item)}`);
  return item;
}

function requireMergeKey(element: JsonObject, key: string): void {
  if (!Object.hasOwn(element, key)) {
    throw new PatchError(`map: ${JSON.stringify(element)} does not contain declared merge key: ${key}`);
  }
}
