/**
 * A pod's QoS class (ComputePodQOS), which kube-apiserver records in status.qosClass on
 * creation and the scheduler and kubelet rely on: BestEffort, Burstable or Guaranteed.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../object.js';
import type { Pod } from '../typed-objects.js';
import type { Quantity } from './quantity.js';
import { quantityError, toQuantity } from './quantity.js';

/** The three QoS classes. */
export type QOSClass = 'BestEffort' | 'Burstable' | 'Guaranteed';

const QOS_RESOURCES = ['cpu', 'memory'];

function positiveQuantities(list: unknown): Map<string, Quantity> {
  const result = new Map<string, Quantity>();
  if (!isPlainObject(list)) return result;
  for (const name of QOS_RESOURCES) {
    if (list[name] === undefined || quantityError(list[name]) !== undefined) continue;
    const quantity = toQuantity(list[name]);
    if (quantity.nanos > 0n) result.set(name, quantity);
  }
  return result;
}

function accumulate(total: Map<string, bigint>, found: Map<string, Quantity>): void {
  for (const [name, quantity] of found) total.set(name, (total.get(name) ?? 0n) + quantity.nanos);
}

/** Computes the QoS class from the cpu and memory requests and limits of all containers and init containers. */
export function qosClassOf(pod: Pod): QOSClass {
  const spec: Partial<PodSpec> = pod.spec ?? {};
  const containers: (Container | null)[] = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const container of containers) {
    accumulate(requests, positiveQuantities(container?.resources?.requests));
    const containerLimits = positiveQuantities(container?.resources?.limits);
    accumulate(limits, containerLimits);
    if (!QOS_RESOURCES.every((name) => containerLimits.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  const requestsMatchLimits = [...requests].every(([name, value]) => limits.get(name) === value);
  return guaranteed && requestsMatchLimits && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
