/** Label selector matching with labels.Requirement.Matches semantics. */
import type { LabelRequirement } from './label-requirement.js';
import { parseInt64 } from './label-validation.js';

function compare(requirement: LabelRequirement, actual: string): boolean {
  const left = parseInt64(actual);
  const right = requirement.values.length === 1 ? parseInt64(requirement.values[0]) : undefined;
  if (left === undefined || right === undefined) return false;
  return requirement.operator === 'gt' ? left > right : left < right;
}

/** True when one requirement holds for the labels; NotIn and != also hold when the key is absent. */
function matchesRequirement(requirement: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = has ? labels[requirement.key] : '';
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return has && requirement.values.includes(value);
    case 'notin':
    case '!=':
      return !has || !requirement.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt':
      return has && compare(requirement, value);
  }
}

/** True when every requirement holds (an empty list selects everything). */
export function matchesLabels(requirements: readonly LabelRequirement[], labels: Readonly<Record<string, string>> | undefined): boolean {
  return requirements.every((r) => matchesRequirement(r, labels ?? {}));
}
