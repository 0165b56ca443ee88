/**
 * The text form of selectors, as labels.Selector.String() and labels.Set.String() print them:
 * the Scale subresource's status.selector and the wide SELECTOR columns show it.
 */
import type { LabelRequirement, LabelSelector } from './label-requirement.js';
import { labelSelectorFromObject } from './label-selector-object.js';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function formatValues(values: readonly string[]): string {
  return values.length === 1 ? values[0] : [...values].sort(byCodeUnit).join(',');
}

/** `app=web`, `tier in (a,b)`, `!legacy`, `env`: one requirement as Requirement.String() prints it. */
function formatRequirement(requirement: LabelRequirement): string {
  const { key, operator, values } = requirement;
  switch (operator) {
    case 'exists':
      return key;
    case '!':
      return `!${key}`;
    case 'in':
    case 'notin':
      return `${key} ${operator} (${formatValues(values)})`;
    case 'gt':
      return `${key}>${formatValues(values)}`;
    case 'lt':
      return `${key}<${formatValues(values)}`;
    default:
      return `${key}${operator}${formatValues(values)}`;
  }
}

/** Requirements joined with commas, in the order given. */
export function formatRequirements(requirements: readonly LabelRequirement[]): string {
  return requirements.map(formatRequirement).join(',');
}

/**
 * `app=web,tier in (a,b)` for a metav1.LabelSelector; "" for an absent or empty one.
 * Throws a SelectorError when the selector is invalid.
 */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  return selector ? formatRequirements(labelSelectorFromObject(selector)) : '';
}

/** `a=1,b=2` for a label map, sorted as labels.Set.String() sorts its `key=value` pairs. */
export function formatLabelSet(labels: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .sort(byCodeUnit)
    .join(',');
}
