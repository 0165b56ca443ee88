/**
 * core/v1 PodTemplate defaults: the pod spec defaults of its `template` (and the
 * `creationTimestamp: null` every embedded template's metadata prints).
 */
import type { KubeObject } from '../../object.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a PodTemplate's defaults in place. */
export function defaultPodTemplateObject(podTemplate: KubeObject): void {
  defaultPodTemplate(podTemplate.template);
}
