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

/** Absent, or of the shape the comparison walks. */
function fits(type: TypeNode, value: unknown, shape: ReturnType<typeof shapeOf>): boolean {
  return value === undefined || value === null || shapeOf(type, value) === shape;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (!isPlainObject(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

function compareAt(before: unknown, after: unknown, type: TypeNode, path: FieldPath, out: Paths): void {
  const sample = after !== undefined && after !== null ? after : before;
  const shape = shapeOf(type, sample);
  if (shape === 'leaf' || !fits(type, before, shape) || !fits(type, after, shape) || (isEmpty(before) && isEmpty(after))) {
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

const deduced: TypeNode = { kind: 'deduced' };

function compareMaps(before: Record<string, unknown>, after: Record<string, unknown>, type: TypeNode, path: FieldPath, out: Paths): void {
  for (const key of Object.keys(after)) compareAt(own(before, key), after[key], fieldType(type, key) ?? deduced, [...path, { field: key }], out);
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) compareAt(before[key], undefined, fieldType(type, key) ?? deduced, [...path, { field: key }], out);
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
