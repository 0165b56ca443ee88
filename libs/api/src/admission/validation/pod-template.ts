/**
 * Pod template validation (ValidatePodTemplateSpec and the ReplicaSet/Deployment form
 * ValidatePodTemplateSpecForReplicaSet): template labels, annotations and pod spec,
 * plus the selector-must-match and restartPolicy-Always rules of replicated workloads.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, notSupported } from '../../field-errors.js';
import { child } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringMap } from './go-syntax.js';
import { isEmptySelector, selectorMatches } from './label-selector.js';
import { validateAnnotations, validateLabels } from './object-meta.js';
import { validatePodSpec } from './pod-spec.js';

/** Checks a pod template at `path` (e.g. `spec.template`). */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const t: PodTemplateSpec = isStruct(template) ? template : {};
  const meta = isStruct(t.metadata) ? t.metadata : {};
  const errors = [
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
    ...validatePodSpec(t.spec, child(path, 'spec'), { isPod: false }),
  ];
  if (listOf(t.spec?.ephemeralContainers).length > 0) {
    errors.push(forbiddenField(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errors;
}

/** `spec.template.metadata.labels: Invalid value: map[string]string{...}: \`selector\` does not match template \`labels\`` when they disagree. */
export function validateSelectorMatchesTemplate(selector: LabelSelector | undefined, template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const labels = isStruct(template) && isStruct(template.metadata) ? template.metadata.labels : undefined;
  if (isEmptySelector(selector) || selectorMatches(selector, labels)) return [];
  return [invalidRendered(child(path, 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`')];
}

/** The template rules of ReplicaSets and Deployments (both report themselves as ReplicaSet, as Kubernetes does). */
export function validateTemplateForReplicaSet(template: PodTemplateSpec | undefined, selector: LabelSelector | undefined, path: string): FieldError[] {
  const t: PodTemplateSpec = isStruct(template) ? template : {};
  const errors = [...validateSelectorMatchesTemplate(selector, t, path), ...validatePodTemplateSpec(t, path)];
  const restartPolicy = t.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported(child(path, 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
    errors.push(forbiddenField(child(path, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errors;
}
