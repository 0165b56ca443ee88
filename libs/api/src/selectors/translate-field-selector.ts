/**
 * A field selector as asked for one served version, checked for that version and rewritten
 * onto the fields of the stored objects: kube-apiserver converts field labels with the
 * requested version's conversion function before it filters the storage's objects, so
 * events.k8s.io/v1 `regarding.name=x` selects core Events by `involvedObject.name`.
 */
import type { FieldRequirement } from './field-requirement.js';
import { parseFieldSelector } from './parse-field-selector.js';
import { validateFieldSelector, type SelectableKind } from './validate-field-selector.js';

/** fields.EscapeValue: the value's `\`, `,` and `=` escaped. */
const escapeValue = (value: string): string => value.replace(/[\\,=]/g, (ch) => `\\${ch}`);

const format = (r: FieldRequirement): string => `${r.field}${r.operator}${escapeValue(r.value)}`;

/**
 * The selector in the stored kind's field names (undefined or empty stays so). Throws a
 * SelectorError, worded as the requested kind refuses, for a bad or unsupported selector.
 */
export function translateFieldSelector(t: SelectableKind, selector: string | undefined): string | undefined {
  if (!selector) return selector;
  return validateFieldSelector(t, parseFieldSelector(selector)).map(format).join(',');
}
