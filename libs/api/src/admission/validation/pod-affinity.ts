/**
 * spec.affinity.podAffinity / podAntiAffinity (validatePodAffinityTerm and
 * validateWeightedPodAffinityTerms): every term needs a topologyKey that is a valid
 * label key (an empty one is both required and invalid, three errors as Kubernetes
 * lists them) and a valid label selector; a preferred term's weight is 1–100.
 */
import type { Affinity, PodAffinityTerm, PodAntiAffinity } from 'kubernetes-types/core/v1';
import type { FieldError } from '../../status.js';
import { invalidValue, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { listOf } from './fields.js';
import { validateLabelSelector } from './label-selector.js';
import { isQualifiedName } from './name-formats.js';

function validateTerm(term: PodAffinityTerm | undefined, path: string): FieldError[] {
  const errors = validateLabelSelector(term?.labelSelector, child(path, 'labelSelector'));
  if (term?.namespaceSelector) errors.push(...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector')));
  const key = String(term?.topologyKey ?? '');
  if (!key) errors.push(required(child(path, 'topologyKey'), 'can not be empty'));
  errors.push(...isQualifiedName(key).map((message) => invalidValue(child(path, 'topologyKey'), key, message)));
  return errors;
}

/** podAffinity or podAntiAffinity: both hold terms of the same shape. */
function validateKind(rules: PodAntiAffinity | undefined, path: string): FieldError[] {
  const hard = listOf(rules?.requiredDuringSchedulingIgnoredDuringExecution);
  const soft = listOf(rules?.preferredDuringSchedulingIgnoredDuringExecution);
  const hardPath = child(path, 'requiredDuringSchedulingIgnoredDuringExecution');
  const softPath = child(path, 'preferredDuringSchedulingIgnoredDuringExecution');
  return [
    ...hard.flatMap((term, i) => validateTerm(term, index(hardPath, i))),
    ...soft.flatMap((weighted, i) => {
      const weight = Number(weighted?.weight ?? 0);
      const errors = weight <= 0 || weight > 100 ? [invalidValue(child(index(softPath, i), 'weight'), weight, 'must be in the range 1-100')] : [];
      return [...errors, ...validateTerm(weighted?.podAffinityTerm, child(index(softPath, i), 'podAffinityTerm'))];
    }),
  ];
}

/** The pod (anti-)affinity errors of spec.affinity at `path`. */
export function validatePodAffinity(affinity: Affinity | undefined, path: string): FieldError[] {
  return [
    ...validateKind(affinity?.podAffinity, child(path, 'podAffinity')),
    ...validateKind(affinity?.podAntiAffinity, child(path, 'podAntiAffinity')),
  ];
}
