/**
 * The LimitRanger admission plugin's mutation: containers and init containers without a
 * request or limit for a resource get the namespace's defaults, and the pod is annotated
 * with what was set (`kubernetes.io/limit-ranger`).
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../object.js';
import { cloneJson, isPlainObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { qosClassOf } from '../qos.js';
import type { ContainerDefaults } from './container-defaults.js';
import { containerDefaults } from './container-defaults.js';

const ANNOTATION = 'kubernetes.io/limit-ranger';

function fill(target: Record<string, string>, defaults: Record<string, string>): string[] {
  const set = Object.keys(defaults).filter((name) => !(name in target));
  for (const name of set) target[name] = defaults[name];
  return set.sort();
}

/** mergeContainerResources: returns the annotation phrases for what it set on one container. */
function mergeContainer(container: Container, defaults: ContainerDefaults, label: string): string[] {
  if (!isPlainObject(container.resources)) container.resources = {};
  const resources = container.resources;
  const limits = isPlainObject(resources.limits) ? resources.limits : {};
  const requests = isPlainObject(resources.requests) ? resources.requests : {};
  const setLimits = fill(limits, defaults.limits);
  const setRequests = fill(requests, defaults.requests);
  if (Object.keys(limits).length > 0) resources.limits = limits;
  if (Object.keys(requests).length > 0) resources.requests = requests;
  const phrases: string[] = [];
  if (setRequests.length > 0) phrases.push(`${setRequests.join(', ')} request for ${label} ${container.name}`);
  if (setLimits.length > 0) phrases.push(`${setLimits.join(', ')} limit for ${label} ${container.name}`);
  return phrases;
}

function mergePod(pod: Pod, defaults: ContainerDefaults): void {
  const spec: Partial<PodSpec> = pod.spec ?? {};
  const phrases = [
    ...(Array.isArray(spec.containers) ? spec.containers : []).flatMap((c) => mergeContainer(c, defaults, 'container')),
    ...(Array.isArray(spec.initContainers) ? spec.initContainers : []).flatMap((c) => mergeContainer(c, defaults, 'init container')),
  ];
  if (phrases.length === 0) return;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [ANNOTATION]: `LimitRanger plugin set: ${phrases.join('; ')}` };
}

/** Returns the pod with each LimitRange's container defaults applied in turn; status.qosClass follows the new resources. */
export function applyLimitRanges(pod: KubeObject, limitRanges: readonly KubeObject[]): KubeObject {
  if (limitRanges.length === 0) return isPlainObject(pod.status) ? { ...pod, status: { ...pod.status, qosClass: qosClassOf(pod as Pod) } } : pod;
  const result = cloneJson(pod) as Pod;
  for (const limitRange of limitRanges) mergePod(result, containerDefaults(limitRange));
  if (isPlainObject(result.status)) result.status.qosClass = qosClassOf(result);
  return result;
}
