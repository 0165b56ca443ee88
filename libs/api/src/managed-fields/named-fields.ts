/**
 * Set.EnsureNamedFieldsAreMembers: a set holding `spec.replicas` also holds `spec`,
 * because `spec` is a declared field of the struct; a set holding `labels.app` does not
 * hold `labels`' keys' parent as a member unless `labels` itself is a declared field.
 * Pruning needs it so that a struct whose last owned field goes is removed too.
 */
import type { FieldSet } from './field-set.js';
import { fieldType, isNamedField, type TypeNode } from './field-types.js';

/** `set` with every declared struct field on its paths made a member. */
export function withNamedFieldsAsMembers(set: FieldSet, type: TypeNode): FieldSet {
  const named = set.childEntries().flatMap(({ element }) => ('field' in element && isNamedField(type, element.field) ? [element] : []));
  return set.withMembers(named).mapChildren((element, child) => withNamedFieldsAsMembers(child, childType(type, element)));
}

function childType(type: TypeNode, element: { field: string } | object): TypeNode {
  if ('field' in element) return fieldType(type, element.field) ?? { kind: 'deduced' };
  return type.kind === 'list' ? type.item : { kind: 'deduced' };
}
