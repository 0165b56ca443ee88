/**
 * How Go's reflect prints the type behind a field, because encoding/json
 * names it in type errors: `int32`, `[]v1.Container`, `map[string]string`,
 * `intstr.IntOrString`.
 */
import { arrayItemType, type FieldType, mapValueType } from './schema-catalog.js';

const primitives: Record<string, string> = {
  string: 'string',
  byte: '[]uint8',
  int32: 'int32',
  int64: 'int64',
  double: 'float64',
  boolean: 'bool',
  any: 'interface {}',
};

/** The Go type name of a catalog field type. */
export function goTypeName(type: FieldType): string {
  const item = arrayItemType(type);
  if (item !== undefined) return `[]${goTypeName(item)}`;
  const value = mapValueType(type);
  if (value !== undefined) return `map[string]${goTypeName(value)}`;
  return primitives[type] ?? type.split('.').slice(-2).join('.');
}
