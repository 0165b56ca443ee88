/**
 * LabelSelector validation (ValidateLabelSelector) and matching (LabelSelectorAsSelector),
 * used by workloads to check their selector against their pod template's labels.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { isQualifiedName, isValidLabelValue } from './name-formats.js';
import { validateLabels } from './object-meta.js';

/** Checks a selector's matchLabels and matchExpressions. */
export function validateLabelSelector(selector: LabelSelector | undefined, path: string): FieldError[] {
  if (!isStruct(selector)) return [];
  const errors = validateLabels(selector.matchLabels, child(path, 'matchLabels'));
  listOf(selector.matchExpressions).forEach((requirement, i) => {
    const itemPath = index(child(path, 'matchExpressions'), i);
    const values = listOf(requirement?.values);
    switch (requirement?.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errors.push(required(child(itemPath, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errors.push(forbiddenField(child(itemPath, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errors.push(invalidValue(child(itemPath, 'operator'), requirement?.operator ?? '', 'not a valid selector operator'));
    }
    const keyName = String(requirement?.key ?? '');
    errors.push(...isQualifiedName(keyName).map((message) => invalidValue(child(itemPath, 'key'), keyName, message)));
    values.forEach((value, j) => {
      errors.push(...isValidLabelValue(String(value)).map((message) => invalidValue(index(child(itemPath, 'values'), j), String(value), message)));
    });
  });
  return errors;
}

/** True when a selector has neither matchLabels nor matchExpressions. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  if (!isStruct(selector)) return false;
  const labels = isStruct(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels + expressions === 0;
}

function requirementMatches(requirement: LabelSelectorRequirement | undefined, labels: Record<string, string>): boolean {
  if (!isStruct(requirement)) return false;
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const values = listOf(requirement.values);
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(labels[requirement.key]);
    case 'NotIn':
      return !has || !values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** Whether a selector selects these labels (a missing selector selects nothing, an empty one everything). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!isStruct(selector)) return false;
  const set = isStruct(labels) ? labels : {};
  const matchLabels = isStruct(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = listOf(selector.matchExpressions);
  return Object.entries(matchLabels).every(([k, v]) => set[k] === v) && expressions.every((requirement) => requirementMatches(requirement, set));
}

/** Whether the selector converts to a labels.Selector (LabelSelectorAsSelector does not fail). */
export function isConvertibleSelector(selector: LabelSelector | undefined): boolean {
  return validateLabelSelector(selector, 'selector').length === 0;
}
