/**
 * The schema as server-side apply walks it: every value is a scalar, an atomic value
 * (owned and replaced whole), a struct of declared fields, a granular map, or a list
 * whose elements are told apart by keys or by value. Types come from the generated
 * catalog plus the structure markers of schema/structure-metadata.ts.
 */
import { isPlainObject, type Json } from '../object.js';
import { arrayItemType, definitionOf, mapValueType, schemaCatalog, type FieldType } from '../schema/schema-catalog.js';
import { isAtomicMap, isAtomicStruct, listTypeOf, type ListType } from '../schema/structure-metadata.js';
import { keyElement, type PathElement } from './path-element.js';

export type TypeNode =
  | { kind: 'scalar' }
  | { kind: 'atomic' }
  | { kind: 'struct'; definition: string }
  | { kind: 'map'; value: TypeNode }
  | { kind: 'list'; item: TypeNode; listType: Exclude<ListType, { type: 'atomic' }> }
  | { kind: 'deduced' };

const scalar: TypeNode = { kind: 'scalar' };
const atomic: TypeNode = { kind: 'atomic' };
const deduced: TypeNode = { kind: 'deduced' };

/** The type of a definition used as a value (a kind's root, a list item, a map value). */
export function definitionType(type: FieldType, owner?: { definition: string; field: string }): TypeNode {
  const item = arrayItemType(type);
  if (item !== undefined) {
    const listType = owner ? listTypeOf(owner.definition, owner.field) : ({ type: 'atomic' } as const);
    return listType.type === 'atomic' ? atomic : { kind: 'list', item: definitionType(item), listType };
  }
  const value = mapValueType(type);
  if (value !== undefined) {
    return owner && isAtomicMap(owner.definition, owner.field) ? atomic : { kind: 'map', value: definitionType(value) };
  }
  if (type === 'any') return atomic;
  if (!type.includes('.')) return scalar;
  const definition = schemaCatalog.definitions[type];
  if (!definition) return deduced;
  if (definition.scalar) return scalar;
  return isAtomicStruct(type) ? atomic : { kind: 'struct', definition: type };
}

/** A struct field's type, worked out once per definition and field: every write walks the same fields. */
const structFieldTypes = new Map<string, Map<string, TypeNode | undefined>>();

function structFieldType(definition: string, field: string): TypeNode | undefined {
  let fields = structFieldTypes.get(definition);
  if (!fields) structFieldTypes.set(definition, (fields = new Map()));
  if (fields.has(field)) return fields.get(field);
  const property = definitionOf(definition).properties?.[field];
  const type = property ? definitionType(property.type, { definition, field }) : undefined;
  fields.set(field, type);
  return type;
}

/** The type of the value under `field` of a struct or map; undefined for a struct field the schema lacks. */
export function fieldType(node: TypeNode, field: string): TypeNode | undefined {
  switch (node.kind) {
    case 'struct':
      return structFieldType(node.definition, field);
    case 'map':
      return node.value;
    default:
      return deduced;
  }
}

/** True when `field` is a declared field of a struct (not a key of a map). */
export function isNamedField(node: TypeNode, field: string): boolean {
  return node.kind === 'struct' && definitionOf(node.definition).properties?.[field] !== undefined;
}

/** How a value of this type is treated: a leaf owned whole, a map walked by key, or a list walked by element. */
export function shapeOf(node: TypeNode, value: unknown): 'leaf' | 'map' | 'list' {
  switch (node.kind) {
    case 'struct':
    case 'map':
      return isPlainObject(value) ? 'map' : 'leaf';
    case 'list':
      return Array.isArray(value) ? 'list' : 'leaf';
    case 'deduced':
      return isPlainObject(value) ? 'map' : 'leaf';
    default:
      return 'leaf';
  }
}

/** The path element of one list item: its keys in an associative list, its value in a set. */
export function listItemElement(node: Extract<TypeNode, { kind: 'list' }>, item: unknown): PathElement {
  if (node.listType.type === 'set') {
    if (typeof item === 'object' && item !== null) throw new Error('expected a scalar in a set, got a structured value');
    return { value: item as Json };
  }
  if (!isPlainObject(item)) throw new Error('expected a map in an associative list');
  const { keys, keyDefaults } = node.listType;
  return keyElement(
    keys.flatMap((key) => {
      const value = Object.hasOwn(item, key) ? (item[key] as Json) : keyDefaults[key];
      if (value === undefined) {
        if (keys.length > 1) return [];
        throw new Error(`associative list with keys has an element that omits key field "${key}" (and doesn't have default value)`);
      }
      return [[key, value] as const];
    }),
  );
}
