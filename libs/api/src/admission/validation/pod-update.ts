/**
 * Pod update validation (ValidatePodUpdate): a pod's spec is immutable except images,
 * activeDeadlineSeconds (set or lowered), added tolerations, removed scheduling gates
 * and a negative grace period raised to 1; anything else is refused with a diff.
 */
import type { Container, PodSchedulingGate, PodSpec } from 'kubernetes-types/core/v1';
import { cloneJson } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { inclusiveRangeError } from './name-formats.js';
import { validateObjectMetaUpdate } from './object-meta.js';
import { POD_META, validatePodMetadataAndSpec } from './pod.js';
import { semanticEqual } from './semantic-equal.js';
import { podSpecDiff } from './spec-diff.js';
import { validateOnlyAddedTolerations } from './tolerations.js';

const MAX_INT32 = 2147483647;
const UPDATABLE_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** The first line of Kubernetes' refusal of a pod spec change (the diff follows it). */
export const POD_UPDATE_FORBIDDEN = `pod updates may not change fields other than ${UPDATABLE_FIELDS.join(',')}`;

function validateContainerImages(newContainers: Container[], oldContainers: Container[], path: string): { errors: FieldError[]; stop: boolean } {
  if (newContainers.length !== oldContainers.length) {
    return { errors: [forbiddenField(path, 'pod updates may not add or remove containers')], stop: true };
  }
  const errors = newContainers.flatMap((container, i) => {
    const image = typeof container?.image === 'string' ? container.image : '';
    const imageErrors: FieldError[] = image ? [] : [required(child(index(path, i), 'image'))];
    if (image.trim().length !== image.length) imageErrors.push(invalidValue(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
    return imageErrors;
  });
  return { errors, stop: false };
}

function validateDeadline(newSpec: Partial<PodSpec>, oldSpec: Partial<PodSpec>): { errors: FieldError[]; stop: boolean } {
  const path = 'spec.activeDeadlineSeconds';
  const fresh = newSpec.activeDeadlineSeconds;
  const old = oldSpec.activeDeadlineSeconds;
  if (fresh !== undefined && fresh !== null) {
    if (fresh < 0 || fresh > MAX_INT32) return { errors: [invalidValue(path, fresh, inclusiveRangeError(0, MAX_INT32))], stop: true };
    if (old !== undefined && old !== null && old < fresh) return { errors: [invalidValue(path, fresh, 'must be less than or equal to previous value')], stop: true };
    return { errors: [], stop: false };
  }
  const errors = old !== undefined && old !== null ? [invalidValue(path, null, 'must not update from a positive integer to nil value')] : [];
  return { errors, stop: false };
}

function validateOnlyDeletedSchedulingGates(newGates: PodSchedulingGate[], oldGates: PodSchedulingGate[]): FieldError[] {
  const old = new Set(oldGates.map((gate) => gate?.name));
  return newGates.flatMap((gate, i) =>
    old.has(gate?.name) ? [] : [forbiddenField(child(index('spec.schedulingGates', i), 'name'), `only deletion is allowed, but found new scheduling gate '${gate?.name}'`)],
  );
}

function validateGatedNodeSelector(newSelector: Record<string, string> | undefined, oldSelector: Record<string, string> | undefined): FieldError[] {
  const fresh = isStruct(newSelector) ? newSelector : {};
  const old = isStruct(oldSelector) ? oldSelector : {};
  const mutated = Object.entries(old).some(([k, v]) => fresh[k] !== v);
  return mutated ? [invalidValue('spec.nodeSelector', fresh, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)')] : [];
}

/** The new spec with every field the update may legally change reset to its old value. */
function mungedSpec(newSpec: Partial<PodSpec>, oldSpec: Partial<PodSpec>): Partial<PodSpec> {
  const munged = cloneJson(newSpec);
  listOf(munged.containers).forEach((container, i) => (container.image = listOf(oldSpec.containers)[i]?.image));
  listOf(munged.initContainers).forEach((container, i) => (container.image = listOf(oldSpec.initContainers)[i]?.image));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  if (typeof oldSpec.terminationGracePeriodSeconds === 'number' && oldSpec.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (listOf(oldSpec.schedulingGates).length > 0) munged.nodeSelector = oldSpec.nodeSelector;
  return munged;
}

/** Checks an update of a pod (the main resource, not its status). */
export function validatePodUpdate(newPod: Pod, oldPod: Pod): FieldError[] {
  const newSpec: Partial<PodSpec> = newPod.spec ?? {};
  const oldSpec: Partial<PodSpec> = oldPod.spec ?? {};
  const errors = [...validateObjectMetaUpdate(newPod.metadata, oldPod.metadata, POD_META), ...validatePodMetadataAndSpec(newPod)];
  for (const field of ['containers', 'initContainers'] as const) {
    const images = validateContainerImages(listOf(newSpec[field]), listOf(oldSpec[field]), `spec.${field}`);
    errors.push(...images.errors);
    if (images.stop) return errors;
  }
  const deadline = validateDeadline(newSpec, oldSpec);
  errors.push(...deadline.errors);
  if (deadline.stop) return errors;
  errors.push(...validateOnlyAddedTolerations(newSpec.tolerations, oldSpec.tolerations, 'spec.tolerations'));
  errors.push(...validateOnlyDeletedSchedulingGates(listOf(newSpec.schedulingGates), listOf(oldSpec.schedulingGates)));
  if (semanticEqual(newSpec, oldSpec)) return errors;
  if (listOf(oldSpec.schedulingGates).length > 0 && !semanticEqual(newSpec.nodeSelector, oldSpec.nodeSelector)) {
    errors.push(...validateGatedNodeSelector(newSpec.nodeSelector, oldSpec.nodeSelector));
  }
  const munged = mungedSpec(newSpec, oldSpec);
  if (!semanticEqual(munged, oldSpec)) errors.push(forbiddenField('spec', `${POD_UPDATE_FORBIDDEN}\n${podSpecDiff(oldSpec, munged)}`));
  return errors;
}
