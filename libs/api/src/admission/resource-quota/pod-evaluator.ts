/**
 * The pods evaluator (pkg/quota/v1/evaluator/core/pods.go): a pod that has not ended
 * consumes `pods` and its requests and limits (bare cpu/memory/ephemeral-storage meaning
 * requests); every stored pod consumes `count/pods`. A quota on cpu or memory obliges each
 * container to declare it.
 */
import type { Container, PodSpec, ResourceRequirements } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { addResourceList, parseResourceList, podResourceTotal, type ResourceList } from '../pod-resources.js';
import { addQuantities, toQuantity } from '../quantity.js';
import { isExtendedResourceName, isHugePageResourceName, isNativeResource } from '../validation/resource-names.js';
import type { QuotaEvaluator } from './evaluator.js';
import { podMatchesScope } from './pod-scopes.js';

const POD_RESOURCES = new Set([
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
]);

/** The resources whose quota obliges every container to declare them (an upstream mistake kept for compatibility). */
const MUST_DECLARE = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

const one = () => toQuantity(1);

/** podComputeUsageHelper: requests and limits as quota resource names. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const usage: ResourceList = new Map([['pods', one()]]);
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(name);
    const limit = limits.get(name);
    if (request) usage.set(name, request).set(`requests.${name}`, request);
    if (limit) usage.set(`limits.${name}`, limit);
  }
  for (const [name, request] of requests) {
    if (isHugePageResourceName(name)) usage.set(name, request).set(`requests.${name}`, request);
    if (isExtendedResourceName(name)) usage.set(`requests.${name}`, request);
  }
  return usage;
}

/** QuotaV1Pod: a pod that ended, or is past its deletion grace period (a lost node's), no longer charges quota. */
function chargesQuota(pod: Pod, now: Date): boolean {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  if (deletionTimestamp && typeof deletionGracePeriodSeconds === 'number') {
    return now.getTime() <= Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000;
  }
  return true;
}

/** PodRequests / PodLimits with the pod's overhead: added to every request, and to the limits that are set. */
function podRequestsAndLimits(pod: Pod): { requests: ResourceList; limits: ResourceList } {
  const spec: Partial<PodSpec> = pod.spec ?? {};
  const requests = podResourceTotal(spec, 'requests');
  const limits = podResourceTotal(spec, 'limits');
  const overhead = parseResourceList(spec.overhead);
  addResourceList(requests, overhead);
  for (const [name, quantity] of overhead) if (limits.has(name)) limits.set(name, addQuantities(limits.get(name)!, quantity));
  return { requests, limits };
}

function containersOf(pod: Pod): Container[] {
  const spec: Partial<PodSpec> = pod.spec ?? {};
  return [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
}

/** The pods evaluator. */
export const podEvaluator: QuotaEvaluator<Pod> = {
  group: '',
  resource: 'pods',
  chargesUpdates: false,
  matchingResources: (names) =>
    names.filter((name) => POD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || (!isNativeResource(name) && name.startsWith('requests.'))),
  usage(pod, now) {
    const usage: ResourceList = new Map([['count/pods', one()]]);
    if (!chargesQuota(pod, now)) return usage;
    const { requests, limits } = podRequestsAndLimits(pod);
    return new Map([...usage, ...computeUsage(requests, limits)]);
  },
  matchesScope: podMatchesScope,
  constraints(required, pod) {
    const mustDeclare = required.filter((name) => MUST_DECLARE.has(name));
    const missing = new Map<string, Set<string>>();
    for (const container of containersOf(pod)) {
      const resources: ResourceRequirements = isPlainObject(container?.resources) ? container.resources : {};
      const declared = computeUsage(parseResourceList(resources.requests), parseResourceList(resources.limits));
      for (const name of mustDeclare.filter((n) => !declared.has(n))) missing.set(name, (missing.get(name) ?? new Set()).add(String(container?.name ?? '')));
    }
    if (missing.size === 0) return undefined;
    const phrases = [...missing.keys()].sort().map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`);
    return `must specify ${phrases.join('; ')}`;
  },
};
