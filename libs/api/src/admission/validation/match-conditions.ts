/**
 * validateMatchConditions of webhooks and ValidatingAdmissionPolicies: at most 64 conditions,
 * each with an expression and a unique qualified name. A policy's expressions are compiled by
 * `compile`; a webhook's are only checked for presence (kubelab calls no webhooks).
 */
import type { MatchCondition } from 'kubernetes-types/admissionregistration/v1';
import type { FieldError } from '../../status.js';
import { duplicate, invalidValue, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { listOf } from './fields.js';
import { isQualifiedName } from './name-formats.js';

const MAX_MATCH_CONDITIONS = 64;

/** Field errors of a list of match conditions. */
export function validateMatchConditions(conditions: MatchCondition[] | undefined, path: string, compile?: (expression: string, field: string) => FieldError[]): FieldError[] {
  const list = listOf(conditions);
  const errors: FieldError[] = [];
  if (list.length > MAX_MATCH_CONDITIONS) {
    errors.push({ type: 'FieldValueTooMany', field: path, message: `Too many: ${list.length}: must have at most ${MAX_MATCH_CONDITIONS} items` });
  }
  const names = new Set<string>();
  list.forEach((condition, i) => {
    const itemPath = index(path, i);
    const expression = String(condition?.expression ?? '').trim();
    if (!expression) errors.push(required(child(itemPath, 'expression')));
    else if (compile) errors.push(...compile(expression, child(itemPath, 'expression')));
    const name = String(condition?.name ?? '');
    if (!name) errors.push(required(child(itemPath, 'name')));
    else errors.push(...isQualifiedName(name).map((message) => invalidValue(child(itemPath, 'name'), name, message)));
    if (name) {
      if (names.has(name)) errors.push(duplicate(child(itemPath, 'name'), name));
      names.add(name);
    }
  });
  return errors;
}
