/** Field selector matching: a field the kind lacks reads as "", as fields.Set.Get returns. */
import type { KubeObject } from '../object.js';
import type { FieldRequirement } from './field-requirement.js';
import { selectableFields } from './field-value.js';

function holds(fields: Readonly<Record<string, string>>, r: FieldRequirement): boolean {
  const actual = Object.hasOwn(fields, r.field) ? fields[r.field] : '';
  return r.operator === '!=' ? actual !== r.value : actual === r.value;
}

/** True when every requirement holds for the object (an empty list selects everything). */
export function matchesFields(requirements: readonly FieldRequirement[], obj: KubeObject): boolean {
  if (requirements.length === 0) return true;
  const fields = selectableFields(obj);
  return requirements.every((r) => holds(fields, r));
}

/**
 * True when the object matches any of the selectors. Its fields are read once for all of them: an agent of 100 nodes
 * asks with a selector per node, and reading them again for each made replaying its missed events cost seconds.
 */
export function matchesAnyFieldSelector(selectors: readonly (readonly FieldRequirement[])[], obj: KubeObject): boolean {
  const fields = selectableFields(obj);
  return selectors.some((requirements) => requirements.every((r) => holds(fields, r)));
}
