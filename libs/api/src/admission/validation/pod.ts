/**
 * Pod create validation (ValidatePodCreate): metadata, the pod spec, and the pod-only
 * rules that templates escape (image whitespace, ephemeral containers, gated nodeName).
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { Pod } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { listOf } from './fields.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta } from './object-meta.js';
import { validatePodSpec } from './pod-spec.js';

/** Metadata rules for pods. */
export const POD_META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };

function imageWhitespace(containers: Container[] | undefined, path: string): FieldError[] {
  return listOf(containers).flatMap((container, i) => {
    const image = typeof container?.image === 'string' ? container.image : '';
    return image.length !== image.trim().length ? [invalidValue(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace')] : [];
  });
}

/** validatePodMetadataAndSpec: shared by create and update. */
export function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const spec: Partial<PodSpec> = pod.spec ?? {};
  return [
    ...validateObjectMeta(pod.metadata, POD_META),
    ...validatePodSpec(pod.spec, 'spec', { isPod: true }),
    ...imageWhitespace(spec.containers, 'spec.containers'),
    ...imageWhitespace(spec.initContainers, 'spec.initContainers'),
  ];
}

/** Checks a pod being created. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const spec: Partial<PodSpec> = pod.spec ?? {};
  const errors = validatePodMetadataAndSpec(pod);
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errors.push(forbiddenField('spec.ephemeralContainers', 'cannot be set on create'));
  }
  if (spec.nodeName && Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
    errors.push(forbiddenField('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errors;
}
