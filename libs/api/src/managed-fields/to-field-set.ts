/**
 * The fields a value sets (typed.ToFieldSet): every scalar and atomic value, every
 * list element, every key of a map that is not a declared struct field, and any field
 * whose value is null or an empty map. An applier owns exactly this set of its config.
 */
import { isPlainObject } from '../object.js';
import { FieldSet } from './field-set.js';
import { fieldType, isNamedField, listItemElement, shapeOf, type TypeNode } from './field-types.js';
import { serializePathElement, type FieldPath } from './path-element.js';

/** The field set of `value` of type `type`; throws on list elements without their keys. */
export function toFieldSet(value: unknown, type: TypeNode): FieldSet {
  const paths: FieldPath[] = [];
  walk(value, type, [], paths);
  return FieldSet.of(paths);
}

function walk(value: unknown, type: TypeNode, path: FieldPath, out: FieldPath[]): void {
  switch (shapeOf(type, value)) {
    case 'leaf':
      out.push(path);
      return;
    case 'map':
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const childPath = [...path, { field: key }];
        walk(child, fieldType(type, key) ?? { kind: 'deduced' }, childPath, out);
        const emptyOrNull = child === null || (isPlainObject(child) && Object.keys(child).length === 0);
        if (emptyOrNull || !isNamedField(type, key)) out.push(childPath);
      }
      return;
    case 'list': {
      const list = type as Extract<TypeNode, { kind: 'list' }>;
      const items = value as unknown[];
      const elements = items.map((item) => listItemElement(list, item));
      const ids = elements.map(serializePathElement);
      items.forEach((item, i) => {
        const itemPath = [...path, elements[i]];
        if (ids.indexOf(ids[i]) !== ids.lastIndexOf(ids[i])) {
          out.push(itemPath);
          return;
        }
        walk(item, list.item, itemPath, out);
        out.push(itemPath);
      });
    }
  }
}
