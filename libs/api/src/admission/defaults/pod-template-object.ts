/**
 * core/v1 PodTemplate defaults: the pod spec defaults of its `template` (and the
 * `creationTimestamp: null` every embedded template's metadata prints).
 */
import type { PodTemplate } from '../../typed-objects.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a PodTemplate's defaults in place. */
export function defaultPodTemplateObject(podTemplate: PodTemplate): void {
  defaultPodTemplate(podTemplate.template);
}
