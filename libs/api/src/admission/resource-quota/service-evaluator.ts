/**
 * The services evaluator (pkg/quota/v1/evaluator/core/services.go): every Service
 * consumes `services`; a NodePort or LoadBalancer one also a node port per port (only
 * the explicit ones when a LoadBalancer allocates none), and a LoadBalancer one
 * `services.loadbalancers`. Charged on update too, since a type change changes usage.
 */
import type { Service } from '../../typed-objects.js';
import type { ResourceList } from '../pod-resources.js';
import { toQuantity } from '../quantity.js';
import type { QuotaEvaluator } from './evaluator.js';

const SERVICE_RESOURCES = new Set(['count/services', 'services', 'services.loadbalancers', 'services.nodeports']);

function nodePortsOf(service: Service): number {
  const ports = Array.isArray(service.spec?.ports) ? service.spec.ports : [];
  switch (service.spec?.type) {
    case 'NodePort':
      return ports.length;
    case 'LoadBalancer':
      return service.spec?.allocateLoadBalancerNodePorts === false ? ports.filter((p) => typeof p?.nodePort === 'number' && p.nodePort !== 0).length : ports.length;
    default:
      return 0;
  }
}

/** The services evaluator. */
export const serviceEvaluator: QuotaEvaluator<Service> = {
  group: '',
  resource: 'services',
  chargesUpdates: true,
  matchingResources: (names) => names.filter((name) => SERVICE_RESOURCES.has(name)),
  usage(service): ResourceList {
    return new Map([
      ['count/services', toQuantity(1)],
      ['services', toQuantity(1)],
      ['services.loadbalancers', toQuantity(service.spec?.type === 'LoadBalancer' ? 1 : 0)],
      ['services.nodeports', toQuantity(nodePortsOf(service))],
    ]);
  },
  matchesScope: () => false,
  constraints: () => undefined,
};
