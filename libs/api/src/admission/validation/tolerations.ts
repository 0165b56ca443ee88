/**
 * Toleration validation (ValidateTolerations) and the pod-update rule that existing
 * tolerations may only gain tolerationSeconds changes (validateOnlyAddedTolerations).
 */
import type { Toleration } from 'kubernetes-types/core/v1';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, notSupported } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { listOf } from './fields.js';
import { isQualifiedName, isValidLabelValue } from './name-formats.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Checks tolerations: key syntax, operator/value pairing, effect. */
export function validateTolerations(tolerations: Toleration[] | undefined, path: string): FieldError[] {
  if (!Array.isArray(tolerations)) return [];
  return tolerations.flatMap((toleration, i) => {
    const t: Toleration = toleration ?? {};
    const itemPath = index(path, i);
    const errors: FieldError[] = [];
    const keyName = String(t.key ?? '');
    if (keyName) errors.push(...isQualifiedName(keyName).map((message) => invalidValue(child(itemPath, 'key'), keyName, message)));
    if (!keyName && t.operator !== 'Exists') {
      errors.push(invalidValue(child(itemPath, 'operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errors.push(invalidValue(child(itemPath, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    const value = String(t.value ?? '');
    if (!t.operator || t.operator === 'Equal') {
      const valueErrors = isValidLabelValue(value);
      if (valueErrors.length > 0) errors.push(invalidValue(child(itemPath, 'operator'), value, valueErrors.join(';')));
    } else if (t.operator === 'Exists') {
      if (value) errors.push(invalidValue(child(itemPath, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errors.push(notSupported(child(itemPath, 'operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !EFFECTS.includes(t.effect)) errors.push(notSupported(child(itemPath, 'effect'), t.effect, EFFECTS));
    return errors;
  });
}

function sameExceptSeconds(a: Toleration | undefined, b: Toleration | undefined): boolean {
  const fields = ['key', 'operator', 'value', 'effect'] as const;
  return fields.every((field) => (a?.[field] ?? '') === (b?.[field] ?? ''));
}

/** On pod update, every old toleration must still be there (its tolerationSeconds may change). */
export function validateOnlyAddedTolerations(newTolerations: Toleration[] | undefined, oldTolerations: Toleration[] | undefined, path: string): FieldError[] {
  const fresh = listOf(newTolerations);
  const old = listOf(oldTolerations);
  if (old.some((o) => !fresh.some((n) => sameExceptSeconds(o, n)))) {
    return [forbiddenField(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(fresh, path);
}
