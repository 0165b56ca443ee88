/**
 * One step of a field path, as sigs.k8s.io/structured-merge-diff names them: a field
 * of a map (`f:name`), an element of an associative list by its keys (`k:{"name":"nginx"}`),
 * an element of a set by its value (`v:"x"`), or a list position (`i:0`, only ever read).
 */
import type { Json } from '../object.js';

export type PathElement =
  | { field: string }
  | { key: ReadonlyArray<readonly [string, Json]> }
  | { value: Json }
  | { index: number };

/** A path from the object root. */
export type FieldPath = readonly PathElement[];

const rankOf = (pe: PathElement): number => ('field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3);

/** The total order structured-merge-diff sorts sets by: fields, then keys, then values, then indices. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const rank = rankOf(a) - rankOf(b);
  if (rank !== 0) return Math.sign(rank);
  if ('field' in a && 'field' in b) return compareStrings(a.field, b.field);
  if ('key' in a && 'key' in b) return compareKeys(a.key, b.key);
  if ('value' in a && 'value' in b) return compareValues(a.value, b.value);
  if ('index' in a && 'index' in b) return Math.sign(a.index - b.index);
  return 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareKeys(a: ReadonlyArray<readonly [string, Json]>, b: ReadonlyArray<readonly [string, Json]>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const byName = compareStrings(a[i][0], b[i][0]);
    if (byName !== 0) return byName;
    const byValue = compareValues(a[i][1], b[i][1]);
    if (byValue !== 0) return byValue;
  }
  return Math.sign(a.length - b.length);
}

const typeRank = (v: Json): number =>
  typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : Array.isArray(v) ? 3 : v === null ? 5 : 4;

/** Numbers, then strings, booleans, lists, maps, null: value.Compare's order. */
export function compareValues(a: Json, b: Json): number {
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return Math.sign(rank);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareStrings(JSON.stringify(a), JSON.stringify(b));
}

/** The FieldsV1 key of an element: `f:spec`, `k:{"name":"nginx"}`, `v:"a"`, `i:0`. */
export function serializePathElement(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:{${pe.key.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',')}}`;
  if ('value' in pe) return `v:${JSON.stringify(pe.value)}`;
  return `i:${pe.index}`;
}

/** Reads a FieldsV1 key back; throws an Error with the reason for anything else. */
export function parsePathElement(text: string): PathElement {
  if (text.length < 2 || text[1] !== ':') throw new Error(`key must be 2 characters long: ${text}`);
  const body = text.slice(2);
  switch (text[0]) {
    case 'f':
      return { field: body };
    case 'v':
      return { value: JSON.parse(body) as Json };
    case 'k': {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`keys must be an object: ${text}`);
      return keyElement(Object.entries(parsed as Record<string, Json>));
    }
    case 'i': {
      if (!/^-?\d+$/.test(body)) throw new Error(`invalid index: ${text}`);
      return { index: Number(body) };
    }
    default:
      throw new Error('unknown path element type');
  }
}

/** An associative-list element, its keys sorted by name as structured-merge-diff keeps them. */
export function keyElement(entries: ReadonlyArray<readonly [string, Json]>): PathElement {
  return { key: [...entries].sort((a, b) => compareStrings(a[0], b[0])) };
}

/** A path as conflict messages print it: `.spec.containers[name="nginx"].image`. */
export function pathToString(path: FieldPath): string {
  return path
    .map((pe) => {
      if ('field' in pe) return `.${pe.field}`;
      if ('key' in pe) return `[${pe.key.map(([name, value]) => `${name}=${valueToString(value)}`).join(',')}]`;
      if ('value' in pe) return `[=${valueToString(pe.value)}]`;
      return `[${pe.index}]`;
    })
    .join('');
}

function valueToString(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueToString).join(',')}]`;
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}=${valueToString(v)}`).join('');
  return String(value);
}
