/**
 * Which pods the requests from the host reached, per object they came in through (a Service's node port or load
 * balancer, an Ingress, a Gateway), for the dashboard's table of what the host reaches: counted in the supervisor's
 * memory since the lab started, as a proxy's access log would tell it.
 */
import type { EndpointSlice } from '@kubelab/api';
import type { PodEndpoint } from './upstream.js';

/** The pod an endpoint's address belongs to, as its EndpointSlice names it. */
export function podAt(slices: readonly EndpointSlice[], ip: string): string | undefined {
  for (const slice of slices) {
    const endpoint = (slice.endpoints ?? []).find((e) => e.addresses.includes(ip));
    if (endpoint) return endpoint.targetRef?.name ?? ip;
  }
  return undefined;
}

/** How many requests reached each pod, most first. */
export interface ReachedPod {
  pod: string;
  requests: number;
}

export class ReachedPods {
  private readonly counts = new Map<string, Map<string, number>>();

  /** `podOf` names the pod at an endpoint's address. */
  constructor(private readonly podOf: (ip: string) => string | undefined) {}

  /** One request that came in through `object` (`Service ns/name`, `Ingress ns/name`, `Gateway ns/name`) reached `endpoint`. */
  record(object: string, endpoint: PodEndpoint): void {
    const pod = this.podOf(endpoint.ip) ?? endpoint.ip;
    const pods = this.counts.get(object) ?? new Map<string, number>();
    pods.set(pod, (pods.get(pod) ?? 0) + 1);
    this.counts.set(object, pods);
  }

  of(object: string): ReachedPod[] {
    return [...(this.counts.get(object) ?? [])].map(([pod, requests]) => ({ pod, requests })).sort((a, b) => b.requests - a.requests || a.pod.localeCompare(b.pod));
  }
}
