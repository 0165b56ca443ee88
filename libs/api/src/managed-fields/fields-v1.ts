/**
 * The FieldsV1 encoding of a field set, as metadata.managedFields stores it: nested
 * JSON objects keyed `f:`/`k:`/`v:`/`i:`, `{}` for a leaf, and `.` for a path that is
 * owned itself and also has owned paths below it (fieldpath/serialize.go).
 */
import { isPlainObject, type Json } from '../object.js';
import { FieldSet } from './field-set.js';
import { comparePathElements, parsePathElement, serializePathElement, type FieldPath, type PathElement } from './path-element.js';

type FieldsV1 = { [key: string]: FieldsV1 };

/** Encodes a set, with keys in structured-merge-diff's order. */
export function encodeFieldsV1(set: FieldSet): FieldsV1 {
  return encodeNode(set, false);
}

function encodeNode(set: FieldSet, includeSelf: boolean): FieldsV1 {
  const out: FieldsV1 = {};
  if (includeSelf && !set.isEmpty()) out['.'] = {};
  const members = set.memberElements();
  const children = set.childEntries();
  const elements: PathElement[] = [...members, ...children.map((c) => c.element).filter((e) => !set.hasMember(e))];
  elements.sort(comparePathElements);
  for (const element of elements) {
    const child = set.withPrefix(element);
    out[serializePathElement(element)] = child.isEmpty() ? {} : encodeNode(child, set.hasMember(element));
  }
  return out;
}

/** Decodes FieldsV1; throws an Error saying what is wrong with it. */
export function decodeFieldsV1(fields: unknown): FieldSet {
  if (!isPlainObject(fields)) throw new Error('FieldsV1 must be a JSON object');
  const paths: FieldPath[] = [];
  collect(fields, [], paths);
  return FieldSet.of(paths);
}

function collect(node: Record<string, unknown>, prefix: FieldPath, out: FieldPath[]): void {
  for (const [key, value] of Object.entries(node)) {
    if (key === '.') {
      if (prefix.length === 0) throw new Error('`.` at the root of FieldsV1');
      out.push(prefix);
      continue;
    }
    if (!isPlainObject(value)) throw new Error(`expected an object for ${key}`);
    const path = [...prefix, parsePathElement(key)];
    if (Object.keys(value).length === 0) out.push(path);
    else collect(value as Record<string, Json>, path, out);
  }
}
