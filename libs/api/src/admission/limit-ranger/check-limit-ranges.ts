/**
 * The LimitRanger admission plugin's validation: each container (and the pod as a whole)
 * must respect the min, max and maxLimitRequestRatio of the namespace's LimitRanges.
 * kube-apiserver refuses a violating pod with 403 Forbidden:
 * `pods "x" is forbidden: maximum cpu usage per Container is 1, but limit is 2`.
 */
import type { Container, LimitRangeItem, PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import type { Quantity } from '../quantity.js';
import { parseResourceList, podResourceTotal, type ResourceList } from '../pod-resources.js';
import { formatQuantity, milliValue } from '../quantity.js';
import { limitItems } from './container-defaults.js';

const milli = (quantity: Quantity | undefined) => (quantity ? milliValue(quantity) : 0n);

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  const shown = formatQuantity(enforced);
  if (!request) return `minimum ${name} usage per ${type} is ${shown}.  No request is specified`;
  if (milli(request) < milliValue(enforced)) return `minimum ${name} usage per ${type} is ${shown}, but request is ${formatQuantity(request)}`;
  if (limit && milli(limit) < milliValue(enforced)) return `minimum ${name} usage per ${type} is ${shown}, but limit is ${formatQuantity(limit)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  const shown = formatQuantity(enforced);
  if (!limit) return `maximum ${name} usage per ${type} is ${shown}.  No limit is specified`;
  if (milli(limit) > milliValue(enforced)) return `maximum ${name} usage per ${type} is ${shown}, but limit is ${formatQuantity(limit)}`;
  if (request && milli(request) > milliValue(enforced)) return `maximum ${name} usage per ${type} is ${shown}, but request is ${formatQuantity(request)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = milli(requests.get(name));
  const limit = milli(limits.get(name));
  const prefix = `${name} max limit to request ratio per ${type} is ${formatQuantity(enforced)}`;
  if (request === 0n) return `${prefix}, but no request is specified or request is 0`;
  if (limit === 0n) return `${prefix}, but no limit is specified or limit is 0`;
  const ratio = Number(limit) / Number(request);
  return ratio * 1000 > Number(milliValue(enforced)) ? `${prefix}, but provided ratio is ${ratio.toFixed(6)}` : undefined;
}

function checkBounds(item: LimitRangeItem, type: string, requests: ResourceList, limits: ResourceList): string[] {
  const checks: Array<['min' | 'max' | 'maxLimitRequestRatio', typeof minConstraint]> = [
    ['min', minConstraint],
    ['max', maxConstraint],
    ['maxLimitRequestRatio', ratioConstraint],
  ];
  return checks.flatMap(([bound, check]) =>
    [...parseResourceList(item[bound])].map(([name, enforced]) => check(type, name, enforced, requests, limits)).filter((m): m is string => m !== undefined),
  );
}

/** PodValidateLimitFunc for one LimitRange. */
function violationsOf(pod: Pod, limitRange: KubeObject): string[] {
  const spec: Partial<PodSpec> = pod.spec ?? {};
  const containers: Container[] = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  return limitItems(limitRange).flatMap((item) => {
    if (item.type === 'Container') {
      return containers.flatMap((c) => checkBounds(item, 'Container', parseResourceList(c?.resources?.requests), parseResourceList(c?.resources?.limits)));
    }
    if (item.type === 'Pod') return checkBounds(item, 'Pod', podResourceTotal(spec, 'requests'), podResourceTotal(spec, 'limits'));
    return [];
  });
}

/**
 * The LimitRanger refusals for a pod (after applyLimitRanges): the messages of the first LimitRange it violates,
 * or none. kube-apiserver replies 403 with them as the reason, bracketed and comma-separated when there are several.
 */
export function checkLimitRanges(pod: KubeObject, limitRanges: readonly KubeObject[]): string[] {
  for (const limitRange of limitRanges) {
    const violations = [...new Set(violationsOf(pod as Pod, limitRange))];
    if (violations.length > 0) return violations;
  }
  return [];
}
