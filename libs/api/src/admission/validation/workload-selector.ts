/**
 * The selector-and-template part shared by Deployment and ReplicaSet specs: a required,
 * non-empty, well-formed selector that matches a valid, restartPolicy-Always template.
 */
import type { DeploymentSpec } from 'kubernetes-types/apps/v1';
import type { FieldError } from '../../status.js';
import { invalidRendered, required } from '../../field-errors.js';
import { child } from './field-path.js';
import { goLabelSelector } from './go-syntax.js';
import { isConvertibleSelector, isEmptySelector, validateLabelSelector } from './label-selector.js';
import { validateTemplateForReplicaSet } from './pod-template.js';

/** The selector and template of a Deployment's or a ReplicaSet's spec, which have the same shape. */
type ReplicatedSpec = Partial<Pick<DeploymentSpec, 'selector' | 'template'>>;

/** Checks `spec.selector` and `spec.template` of a replicated workload. */
export function validateWorkloadSelectorAndTemplate(spec: ReplicatedSpec, path: string): FieldError[] {
  const selectorPath = child(path, 'selector');
  const errors: FieldError[] = [];
  if (spec.selector === undefined || spec.selector === null) {
    errors.push(required(selectorPath));
  } else {
    errors.push(...validateLabelSelector(spec.selector, selectorPath));
    if (isEmptySelector(spec.selector)) errors.push(invalidRendered(selectorPath, goLabelSelector(spec.selector), 'empty selector is invalid for deployment'));
  }
  if (spec.selector && !isConvertibleSelector(spec.selector)) {
    errors.push(invalidRendered(selectorPath, goLabelSelector(spec.selector), 'invalid label selector'));
  } else {
    errors.push(...validateTemplateForReplicaSet(spec.template, spec.selector, child(path, 'template')));
  }
  return errors;
}
