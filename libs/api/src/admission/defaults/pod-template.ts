/**
 * Pod template defaults for workloads: the PodSpec defaults (not the pod-only ones, not
 * the admission plugins) and the `creationTimestamp: null` kube-apiserver 1.32 prints
 * in every template's metadata.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { isPlainObject } from '../../object.js';
import { defaultPodSpec } from './pod-spec.js';

/** Gives an embedded template (a pod template, a CronJob's Job template) metadata with the null creationTimestamp 1.32 prints. */
export function defaultTemplateMetadata(template: { metadata?: ObjectMeta }): void {
  if (!isPlainObject(template.metadata)) template.metadata = {};
  // kubernetes-types spells creationTimestamp as a string; an embedded template's is null on the wire.
  if (!('creationTimestamp' in template.metadata)) (template.metadata as { creationTimestamp?: string | null }).creationTimestamp = null;
}

/** Fills a workload's `spec.template` in place. */
export function defaultPodTemplate(template: PodTemplateSpec | undefined): void {
  if (!isPlainObject(template)) return;
  defaultTemplateMetadata(template);
  defaultPodSpec(template.spec);
}
