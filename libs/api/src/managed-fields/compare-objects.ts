/**
 * What changed between two versions of an object (typed.Compare): the paths added,
 * modified and removed. A map or list that appears or disappears counts itself as
 * added or removed as well as its contents, which is how an Update's manager comes to
 * own `labels` (written `.`) besides each label.
 */
import { isPlainObject } from '../object.js';
import { jsonEqual } from '../patch/json-equal.js';
import { FieldSet } from './field-set.js';
import { fieldType, listItemElement, shapeOf, type TypeNode } from './field-types.js';
import { serializePathElement, type FieldPath, type PathElement } from './path-element.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

interface Paths {
  added: FieldPath[];
  modified: FieldPath[];
  removed: FieldPath[];
}

/** Compares `before` with `after`, both of type `type`. */
export function compareObjects(before: unknown, after: unknown, type: TypeNode): Comparison {
  const paths: Paths = { added: [], modified: [], removed: [] };
  compareAt(before, after, type, [], paths);
  return { added: FieldSet.of(paths.added), modified: FieldSet.of(paths.modified), removed: FieldSet.of(paths.removed) };
}

function compareAt(before: unknown, after: unknown, type: TypeNode, path: FieldPath, out: Paths): void {
  const sample = after !== undefined && after !== null ? after : before;
  const shape = shapeOf(type, sample);
  const fits = (v: unknown) => v === undefined || v === null || shapeOf(type, v) === shape;
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : isPlainObject(v) && Object.keys(v).length === 0);
  if (shape === 'leaf' || !fits(before) || !fits(after) || (empty(before) && empty(after))) {
    compareLeaf(before, after, path, out);
    return;
  }
  if (shape === 'map') compareMaps(asMap(before), asMap(after), type, path, out);
  else compareLists(asList(before), asList(after), type as Extract<TypeNode, { kind: 'list' }>, path, out);
  if (before === undefined) out.added.push(path);
  else if (after === undefined) out.removed.push(path);
}

function compareLeaf(before: unknown, after: unknown, path: FieldPath, out: Paths): void {
  if (before === undefined) out.added.push(path);
  else if (after === undefined) out.removed.push(path);
  else if (!jsonEqual(before, after)) out.modified.push(path);
}

const asMap = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const own = (m: Record<string, unknown>, key: string) => (Object.hasOwn(m, key) ? m[key] : undefined);

function compareMaps(before: Record<string, unknown>, after: Record<string, unknown>, type: TypeNode, path: FieldPath, out: Paths): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    compareAt(own(before, key), own(after, key), fieldType(type, key) ?? { kind: 'deduced' }, [...path, { field: key }], out);
  }
}

function compareLists(before: unknown[], after: unknown[], type: Extract<TypeNode, { kind: 'list' }>, path: FieldPath, out: Paths): void {
  const left = groupByElement(before, type);
  const right = groupByElement(after, type);
  const ids = new Set([...left.keys(), ...right.keys()]);
  for (const id of ids) {
    const l = left.get(id);
    const r = right.get(id);
    const element = (l ?? r)!.element;
    const itemPath = [...path, element];
    const lItems = l?.items ?? [];
    const rItems = r?.items ?? [];
    if (lItems.length <= 1 && rItems.length <= 1) compareAt(lItems[0], rItems[0], type.item, itemPath, out);
    else if (lItems.length >= 2 && rItems.length >= 2) {
      if (!jsonEqual(lItems, rItems)) out.modified.push(itemPath);
    } else if (lItems.length >= 2) {
      if (rItems.length) compareAt(undefined, rItems[0], type.item, itemPath, out);
      out.removed.push(itemPath);
    } else {
      if (lItems.length) compareAt(lItems[0], undefined, type.item, itemPath, out);
      out.added.push(itemPath);
    }
  }
}

function groupByElement(items: unknown[], type: Extract<TypeNode, { kind: 'list' }>): Map<string, { element: PathElement; items: unknown[] }> {
  const groups = new Map<string, { element: PathElement; items: unknown[] }>();
  for (const item of items) {
    const element = listItemElement(type, item);
    const id = serializePathElement(element);
    const group = groups.get(id);
    if (group) group.items.push(item);
    else groups.set(id, { element, items: [item] });
  }
  return groups;
}
