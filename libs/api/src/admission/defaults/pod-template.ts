/**
 * Pod template defaults for workloads: the PodSpec defaults (not the pod-only ones, not
 * the admission plugins) and the `creationTimestamp: null` kube-apiserver 1.32 prints
 * in every template's metadata.
 */
import { isPlainObject } from '../../object.js';
import { defaultPodSpec } from './pod-spec.js';

/** Fills a workload's `spec.template` in place. */
export function defaultPodTemplate(template: any): void {
  if (!isPlainObject(template)) return;
  if (!isPlainObject(template.metadata)) template.metadata = {};
  if (!('creationTimestamp' in template.metadata)) template.metadata.creationTimestamp = null;
  defaultPodSpec(template.spec);
}
