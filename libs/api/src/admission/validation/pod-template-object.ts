/**
 * core/v1 PodTemplate validation (ValidatePodTemplate / ...Update): DNS-subdomain
 * names and a valid `template` (labels, annotations, pod spec, no ephemeral containers).
 */
import type { PodTemplate } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePodTemplateSpec } from './pod-template.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };

/** Checks a PodTemplate being created. */
export function validatePodTemplateCreate(podTemplate: PodTemplate): FieldError[] {
  return [...validateObjectMeta(podTemplate.metadata, META), ...validatePodTemplateSpec(podTemplate.template, 'template')];
}

/** Checks a PodTemplate update (the template may change: only pods made from it later see it). */
export function validatePodTemplateUpdate(podTemplate: PodTemplate, old: PodTemplate): FieldError[] {
  return [...validateObjectMetaUpdate(podTemplate.metadata, old.metadata, META), ...validatePodTemplateSpec(podTemplate.template, 'template')];
}
