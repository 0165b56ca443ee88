/**
 * Takes the fields of a set out of a value (typed.RemoveItems): a member path drops the
 * field or list element with all it holds; a path below it removes only what is below.
 * A map or list left empty by the removal goes too.
 */
import { isPlainObject } from '../object.js';
import type { FieldSet } from './field-set.js';
import { fieldType, listItemElement, shapeOf, type TypeNode } from './field-types.js';

/** `value` without the fields in `set`; undefined when nothing is left. */
export function removeFields(value: unknown, set: FieldSet, type: TypeNode): unknown {
  if (set.isEmpty()) return value;
  switch (shapeOf(type, value)) {
    case 'leaf':
      return type.kind === 'scalar' ? value : undefined;
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const element = { field: key };
        if (set.hasMember(element)) continue;
        const rest = removeFields(child, set.withPrefix(element), fieldType(type, key) ?? { kind: 'deduced' });
        if (rest !== undefined) Object.defineProperty(out, key, { value: rest, writable: true, enumerable: true, configurable: true });
      }
      return isPlainObject(out) && Object.keys(out).length > 0 ? out : undefined;
    }
    case 'list': {
      const list = type as Extract<TypeNode, { kind: 'list' }>;
      const out = (value as unknown[]).flatMap((item) => {
        const element = listItemElement(list, item);
        if (set.hasMember(element)) return [];
        const rest = removeFields(item, set.withPrefix(element), list.item);
        return rest === undefined ? [] : [rest];
      });
      return out.length > 0 ? out : undefined;
    }
  }
}
