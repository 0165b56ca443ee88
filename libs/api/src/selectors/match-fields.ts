/** Field selector matching: a field the kind lacks reads as "", as fields.Set.Get returns. */
import type { KubeObject } from '../object.js';
import type { FieldRequirement } from './field-requirement.js';
import { fieldValue } from './field-value.js';

/** True when every requirement holds for the object (an empty list selects everything). */
export function matchesFields(requirements: readonly FieldRequirement[], obj: KubeObject): boolean {
  return requirements.every((r) => {
    const actual = fieldValue(obj, r.field) ?? '';
    return r.operator === '!=' ? actual !== r.value : actual === r.value;
  });
}
