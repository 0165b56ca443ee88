/**
 * A rule's `fieldPath`, resolved against the schema of the node it is on as kube-apiserver's
 * ValidFieldPath does: `.name` and `['name']` steps, a property of an object with properties or
 * a key of a map (additionalProperties), printed as a field.Path: `spec.foo`, `labels[app]`.
 */
import { isPlainObject } from '../object.js';
import type { JSONSchemaProps } from './types.js';

const step = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]/y;

const escapes: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', "'": "'", '\\': '\\' };

/** A single-quoted name's text; undefined for an unknown escape. */
function unquote(quoted: string): string | undefined {
  let valid = true;
  const text = quoted.replace(/\\(.)/gs, (_, c: string) => {
    valid &&= c in escapes;
    return escapes[c] ?? '';
  });
  return valid ? text : undefined;
}

/** The field path `fieldPath` names below a node of `schema`; undefined when it names no field of it. */
export function normalizedFieldPath(fieldPath: string, schema: JSONSchemaProps): string | undefined {
  let path = '';
  let at: JSONSchemaProps | undefined = schema;
  for (let offset = 0; offset < fieldPath.length; offset = step.lastIndex) {
    step.lastIndex = offset;
    const m = step.exec(fieldPath);
    const name = m && (m[1] ?? unquote(m[2]));
    if (name === null || name === undefined || !at) return undefined;
    if (at.properties) {
      at = at.properties[name];
      path = path ? `${path}.${name}` : name;
    } else if (isPlainObject(at.additionalProperties)) {
      at = at.additionalProperties as JSONSchemaProps;
      path += `[${name}]`;
    } else {
      return undefined;
    }
  }
  return at ? path : undefined;
}
