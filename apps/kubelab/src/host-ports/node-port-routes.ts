/**
 * Where a request from the host goes, as kube-proxy programs it: every TCP port of a NodePort or LoadBalancer Service
 * with a node port leads, at 127.0.0.1 and that node port, to the ready endpoints its EndpointSlices list for that port
 * (by the Service port's name), at the port the slice gives (the target port resolved, a named one included); a
 * LoadBalancer Service's ports lead there too at its load balancer's address (status.loadBalancer.ingress) and the
 * Service port. A client sticks to the endpoint it was sent to while the Service's sessionAffinity is ClientIP, for its
 * timeout. Pure: the lab's host proxy serves these routes.
 */
import type { EndpointSlice, Service } from '@kubelab/api';
import type { PodEndpoint } from './upstream.js';


export interface NodePortRoute {
  /** `namespace/name:port` of the Service port, as kube-proxy names its rules. */
  service: string;
  endpoints: PodEndpoint[];
  /** sessionAffinity ClientIP's timeout in seconds; none: each request may go to another endpoint. */
  affinitySeconds?: number;
  /** externalTrafficPolicy Local: the request keeps its client's address (no SNAT), which the pod sees and its policies judge. */
  keepsClientIP?: true;
}

/** kube-apiserver's default sessionAffinityConfig.clientIP.timeoutSeconds. */
const defaultAffinitySeconds = 10800;

const sliceOwner = (slice: EndpointSlice) => `${slice.metadata.namespace}/${slice.metadata.labels?.['kubernetes.io/service-name'] ?? ''}`;

/** The host's address of a node port. */
export const nodePortHost = '127.0.0.1';

/** The address of a LoadBalancer Service's load balancer, once one is assigned. */
export const loadBalancerIp = (svc: Service) => svc.spec?.type === 'LoadBalancer' ? svc.status?.loadBalancer?.ingress?.[0]?.ip : undefined;

/** The routes the Services' node ports and load balancers hold, by the host's address and port (`127.0.0.1:31234`, `127.240.0.1:80`). */
export function hostRoutes(services: readonly Service[], slices: readonly EndpointSlice[]): Map<string, NodePortRoute> {
  const slicesOf = new Map<string, EndpointSlice[]>();
  for (const slice of slices) slicesOf.set(sliceOwner(slice), [...(slicesOf.get(sliceOwner(slice)) ?? []), slice]);
  const routes = new Map<string, NodePortRoute>();
  for (const svc of services) {
    const spec = svc.spec;
    if (spec?.type !== 'NodePort' && spec?.type !== 'LoadBalancer') continue;
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const balancer = loadBalancerIp(svc);
    for (const port of spec.ports ?? []) {
      if ((port.protocol ?? 'TCP') !== 'TCP') continue;
      const endpoints = (slicesOf.get(key) ?? []).flatMap((slice) => {
        const slicePort = (slice.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === 'TCP');
        if (slicePort?.port === undefined) return [];
        return (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false && e.addresses.length > 0 && e.nodeName)
          .map((e) => ({ ip: e.addresses[0], port: slicePort.port!, node: e.nodeName! }));
      });
      const affinity = spec.sessionAffinity === 'ClientIP' ? { affinitySeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? defaultAffinitySeconds } : {};
      const route = { service: `${key}:${port.name || port.port}`, endpoints, ...affinity, ...(spec.externalTrafficPolicy === 'Local' ? { keepsClientIP: true as const } : {}) };
      if (port.nodePort) routes.set(`${nodePortHost}:${port.nodePort}`, route);
      if (balancer) routes.set(`${balancer}:${port.port}`, route);
    }
  }
  return routes;
}

/** Which endpoints each client stuck to, and until when (ms), per Service port. */
export type AffinityTable = Map<string, { endpoint: PodEndpoint; until: number }>;

/**
 * The endpoint a request from `client` goes to: the one it stuck to while that is still ready and its affinity has not
 * run out, else one drawn at random (kube-proxy's iptables rules pick with equal probability); undefined with none ready.
 */
export function pickEndpoint(route: NodePortRoute, client: string, affinity: AffinityTable, nowMs: number, randomInt: (below: number) => number): PodEndpoint | undefined {
  if (route.endpoints.length === 0) return undefined;
  const key = `${route.service} ${client}`;
  const stuck = route.affinitySeconds === undefined ? undefined : affinity.get(key);
  const still = stuck && stuck.until > nowMs ? route.endpoints.find((e) => e.ip === stuck.endpoint.ip && e.port === stuck.endpoint.port) : undefined;
  const endpoint = still ?? route.endpoints[randomInt(route.endpoints.length)];
  if (route.affinitySeconds !== undefined) affinity.set(key, { endpoint, until: nowMs + route.affinitySeconds * 1000 });
  return endpoint;
}
