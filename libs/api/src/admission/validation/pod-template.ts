/**
 * Pod template validation (ValidatePodTemplateSpec and the ReplicaSet/Deployment form
 * ValidatePodTemplateSpecForReplicaSet): template labels, annotations and pod spec,
 * plus the selector-must-match and restartPolicy-Always rules of replicated workloads.
 */
import { isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, notSupported } from '../../field-errors.js';
import { child } from './field-path.js';
import { goStringMap } from './go-syntax.js';
import { isEmptySelector, selectorMatches } from './label-selector.js';
import { validateAnnotations, validateLabels } from './object-meta.js';
import { validatePodSpec } from './pod-spec.js';

/** Checks a pod template at `path` (e.g. `spec.template`). */
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  const t: any = isPlainObject(template) ? template : {};
  const meta = isPlainObject(t.metadata) ? t.metadata : {};
  const errors = [
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
    ...validatePodSpec(t.spec, child(path, 'spec'), { isPod: false }),
  ];
  if (Array.isArray(t.spec?.ephemeralContainers) && t.spec.ephemeralContainers.length > 0) {
    errors.push(forbiddenField(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errors;
}

/** `spec.template.metadata.labels: Invalid value: map[string]string{...}: \`selector\` does not match template \`labels\`` when they disagree. */
export function validateSelectorMatchesTemplate(selector: unknown, template: unknown, path: string): FieldError[] {
  const labels = isPlainObject(template) && isPlainObject(template.metadata) ? template.metadata.labels : undefined;
  if (isEmptySelector(selector) || selectorMatches(selector, labels)) return [];
  return [invalidRendered(child(path, 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`')];
}

/** The template rules of ReplicaSets and Deployments (both report themselves as ReplicaSet, as Kubernetes does). */
export function validateTemplateForReplicaSet(template: unknown, selector: unknown, path: string): FieldError[] {
  const t: any = isPlainObject(template) ? template : {};
  const errors = [...validateSelectorMatchesTemplate(selector, t, path), ...validatePodTemplateSpec(t, path)];
  const restartPolicy = t.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported(child(path, 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
    errors.push(forbiddenField(child(path, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errors;
}
