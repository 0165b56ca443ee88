/**
 * metav1.LabelSelector (matchLabels + matchExpressions) turned into requirements, as
 * metav1.LabelSelectorAsSelector does for Deployments, ReplicaSets, Jobs and their scale.
 */
import type { LabelOperator, LabelRequirement, LabelSelector } from './label-requirement.js';
import { sortByKey } from './label-requirement.js';
import { newRequirement, quote } from './label-validation.js';
import { SelectorError } from './selector-error.js';

const expressionOperators: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * Requirements sorted by key; `{}` selects everything. Throws a SelectorError for an
 * invalid key, value or operator with apimachinery's message.
 */
export function labelSelectorFromObject(selector: LabelSelector): LabelRequirement[] {
  const fromLabels = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => newRequirement(key, '=', [value]));
  const fromExpressions = (selector.matchExpressions ?? []).map((expression) => {
    const operator = expressionOperators[expression.operator];
    if (!operator) throw new SelectorError(`${quote(expression.operator)} is not a valid label selector operator`);
    return newRequirement(expression.key, operator, expression.values);
  });
  return sortByKey([...fromLabels, ...fromExpressions]);
}
