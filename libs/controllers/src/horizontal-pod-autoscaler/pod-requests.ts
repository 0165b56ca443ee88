/**
 * calculatePodRequests (replica_calculator.go, 1.32): each pod's request of a resource
 * in milli-units, summed over its containers and restartable (sidecar) init containers,
 * or one container's; a container without the request makes utilization meaningless.
 */
import { milliValue, toQuantity, type Pod } from '@kubelab/api';

interface Container {
  name: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, string> };
}

/** Requests by pod name, or the error upstream words for the first container without one. */
export function podRequests(pods: readonly Pod[], container: string, resource: string): Map<string, number> | { error: string } {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const sidecars = ((pod.spec?.initContainers ?? []) as Container[]).filter((c) => c.restartPolicy === 'Always');
    const containers = [...((pod.spec?.containers ?? []) as Container[]), ...sidecars].filter((c) => !container || c.name === container);
    let sum = 0;
    for (const c of containers) {
      const request = c.resources?.requests?.[resource];
      if (request === undefined) return { error: `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}` };
      sum += Number(milliValue(toQuantity(request)));
    }
    requests.set(pod.metadata.name ?? '', sum);
  }
  return requests;
}
