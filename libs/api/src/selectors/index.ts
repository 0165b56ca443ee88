/** Label and field selectors: parsing, matching, validation and formatting. */
export { SelectorError } from './selector-error.js';
export type { LabelOperator, LabelRequirement, LabelSelector } from './label-requirement.js';
export { parseLabelSelector } from './parse-label-selector.js';
export { matchesLabels } from './match-labels.js';
export { labelSelectorFromObject } from './label-selector-object.js';
export { formatLabelSelector, formatLabelSet, formatRequirements } from './format-label-selector.js';
export type { FieldOperator, FieldRequirement } from './field-requirement.js';
export { parseFieldSelector } from './parse-field-selector.js';
export { fieldValue } from './field-value.js';
export { matchesAnyFieldSelector, matchesFields } from './match-fields.js';
export { validateFieldSelector, type SelectableKind } from './validate-field-selector.js';
export { translateFieldSelector } from './translate-field-selector.js';
