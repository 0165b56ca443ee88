/**
 * Kubernetes strategic merge patch (`application/strategic-merge-patch+json`), what
 * kubectl sends for built-in kinds: client-side apply, cordon, rollout restart,
 * `kubectl patch` by default. Maps merge, lists merge by key where Kubernetes
 * declares one (merge-keys.ts), and `$`-directives steer deletes, replaces and order.
 */
import { cloneJson, isPlainObject } from '../object.js';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  PATCH_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  unknownPatchType,
} from './directives.js';
import { listStrategyAt } from './merge-keys.js';
import { getOwn, setOwn } from './own-fields.js';
import { PatchError } from './patch-error.js';
import { mergeList } from './strategic-list-merge.js';

type JsonObject = Record<string, unknown>;

/** The patch keys of one map, sorted into plain fields and list directives. */
interface MapPatch {
  fields: Map<string, unknown>;
  orders: Map<string, unknown[]>;
  deletions: Map<string, unknown[]>;
}

/**
 * Applies a strategic merge patch to an object and returns the result, with every
 * directive stripped. Throws PatchError when the patch is not a JSON object or a
 * directive is malformed. Inputs are never changed.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) {
    throw new PatchError(`a strategic merge patch must be a JSON object, got ${JSON.stringify(patch) ?? 'nothing'}`);
  }
  const base = isPlainObject(original) ? cloneJson(original) : {};
  return mergeMap(base, cloneJson(patch), []) ?? {};
}

/** Merges a patch map into a map at `path`; undefined means `$patch: delete` removed it. */
function mergeMap(original: JsonObject | undefined, patch: JsonObject, path: readonly string[]): JsonObject | undefined {
  if (Object.hasOwn(patch, PATCH_DIRECTIVE)) return applyMapDirective(patch, path);
  const result = keepRetainedKeys({ ...original }, patch);
  const { fields, orders, deletions } = splitDirectives(patch);

  for (const [field, values] of deletions) {
    const current = getOwn(result, field);
    if (Array.isArray(current)) setOwn(result, field, current.filter((item) => !values.includes(item)));
  }
  for (const [field, value] of fields) {
    const merged = value === null ? undefined : mergeValue(getOwn(result, field), value, [...path, field], orders.get(field));
    if (merged === undefined) delete result[field];
    else setOwn(result, field, merged);
  }
  for (const [field, order] of orders) {
    const current = getOwn(result, field);
    const fieldPath = [...path, field];
    const reorderable = !fields.has(field) && Array.isArray(current) && listStrategyAt(fieldPath).strategy !== 'replace';
    if (reorderable) setOwn(result, field, mergeValue(current, [], fieldPath, order));
  }
  return result;
}

/** Merges one field's patch value into its current value. */
function mergeValue(original: unknown, patch: unknown, path: readonly string[], order: unknown[] | undefined): unknown {
  if (isPlainObject(patch)) return mergeMap(isPlainObject(original) ? original : undefined, patch, path);
  if (Array.isArray(patch)) {
    const mergeElement = (element: JsonObject | undefined, elementPatch: JsonObject) => mergeMap(element, elementPatch, path) ?? {};
    return mergeList(Array.isArray(original) ? original : [], patch, listStrategyAt(path), order, mergeElement);
  }
  return patch;
}

/** `$patch` on a map: `delete` drops the map, `replace` puts the patch in its place. */
function applyMapDirective(patch: JsonObject, path: readonly string[]): JsonObject | undefined {
  const directive = patch[PATCH_DIRECTIVE];
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const replacement = Object.fromEntries(Object.entries(patch).filter(([key]) => key !== PATCH_DIRECTIVE));
    return mergeMap(undefined, replacement, path);
  }
  throw unknownPatchType(directive, patch);
}

/** `$retainKeys`: only the listed keys survive from the original; the patch may set no others. */
function keepRetainedKeys(result: JsonObject, patch: JsonObject): JsonObject {
  if (!Object.hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return result;
  const retained: unknown = patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retained) || !retained.every((key) => typeof key === 'string')) {
    throw new PatchError('invalid patch format of retainKeys');
  }
  const stray = Object.entries(patch).find(([key, value]) => value !== null && !key.startsWith('$') && !retained.includes(key));
  if (stray) throw new PatchError(`patch content doesn't match retainKeys list: ${stray[0]} is not in ${JSON.stringify(retained)}`);
  return Object.fromEntries(Object.entries(result).filter(([key]) => retained.includes(key)));
}

/** Sorts a patch map's keys into fields and list directives, validating the directives. */
function splitDirectives(patch: JsonObject): MapPatch {
  const split: MapPatch = { fields: new Map(), orders: new Map(), deletions: new Map() };
  for (const [key, value] of Object.entries(patch)) {
    if (key === RETAIN_KEYS_DIRECTIVE) continue;
    if (key.startsWith(SET_ELEMENT_ORDER_PREFIX)) {
      split.orders.set(listFieldOf(key, SET_ELEMENT_ORDER_PREFIX, value, 'setElementOrder list'), value as unknown[]);
    } else if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      split.deletions.set(listFieldOf(key, DELETE_FROM_PRIMITIVE_LIST_PREFIX, value, 'primitive list'), value as unknown[]);
    } else if (key.startsWith('$')) {
      throw new PatchError(`unknown strategic merge patch directive: ${key}`);
    } else {
      split.fields.set(key, value);
    }
  }
  return split;
}

/** The field a list directive names; its value must be a list. */
function listFieldOf(key: string, prefix: string, value: unknown, what: string): string {
  const field = key.slice(prefix.length);
  if (field === '' || !Array.isArray(value)) throw new PatchError(`invalid patch format of ${what}: ${key}`);
  return field;
}
