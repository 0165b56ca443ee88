/**
 * What the host can reach of the lab, as `kubelab status` ends with it: one line per TCP port of a NodePort or
 * LoadBalancer Service (at 127.0.0.1 and its node port, and at its load balancer's address and port once it has one)
 * and per host of an Ingress the lab's controller serves (at the controller's URL, with the Host to ask for), and per
 * HTTP or HTTPS listener of a programmed Gateway (at its address and port, with the listener's hostname). Pure.
 */
import type { Ingress, Service } from '@kubelab/api';
import type { Gateway } from './gateway-api.js';

export interface HostReach {
  kind: 'NodePort' | 'LoadBalancer' | 'Ingress' | 'Gateway';
  /** namespace/name */
  name: string;
  /** The Service port, the Ingress's 80/443, or the Gateway listener's port. */
  port: string;
  /** Where it answers: a URL, and for an Ingress or a listener with a hostname the Host header to send. */
  url: string;
}

const key = (o: Service | Ingress | Gateway) => `${o.metadata.namespace}/${o.metadata.name}`;

/** A row per host of each Ingress the controller serves, and its HTTPS row where the Ingress's TLS covers the host. */
function ingressRows(ingresses: readonly Ingress[], ingressUrls: { http: string; https: string }): HostReach[] {
  const rows: HostReach[] = [];
  for (const ing of [...ingresses].sort((a, b) => key(a).localeCompare(key(b)))) {
    if (!ing.status?.loadBalancer?.ingress?.length) continue;
    const tlsHosts = new Set((ing.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
    const hosts = [...new Set((ing.spec?.rules ?? []).map((r) => r.host ?? '*'))];
    for (const host of hosts.length ? hosts : ['*']) {
      const asked = host === '*' ? '' : `  (Host: ${host})`;
      rows.push({ kind: 'Ingress', name: key(ing), port: '80', url: `${ingressUrls.http}${asked}` });
      if (tlsHosts.has(host)) rows.push({ kind: 'Ingress', name: key(ing), port: '443', url: `${ingressUrls.https}${asked}` });
    }
  }
  return rows;
}

/** The rows, Services first, then Ingresses, then Gateways, each by namespace/name. */
export function hostReach(
  services: readonly Service[], ingresses: readonly Ingress[], gateways: readonly Gateway[], ingressUrls?: { http: string; https: string },
): HostReach[] {
  const rows: HostReach[] = [];
  for (const svc of [...services].sort((a, b) => key(a).localeCompare(key(b)))) {
    const type = svc.spec?.type;
    if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
    const balancer = type === 'LoadBalancer' ? svc.status?.loadBalancer?.ingress?.[0]?.ip : undefined;
    for (const port of svc.spec?.ports ?? []) {
      if ((port.protocol ?? 'TCP') !== 'TCP') continue;
      if (port.nodePort) rows.push({ kind: type, name: key(svc), port: String(port.port), url: `http://127.0.0.1:${port.nodePort}` });
      if (balancer) rows.push({ kind: 'LoadBalancer', name: key(svc), port: String(port.port), url: `http://${balancer}:${port.port}` });
    }
  }
  if (ingressUrls) rows.push(...ingressRows(ingresses, ingressUrls));
  for (const gateway of [...gateways].sort((a, b) => key(a).localeCompare(key(b)))) {
    const address = gateway.status?.addresses?.[0]?.value;
    const programmed = gateway.status?.conditions?.some((c) => c.type === 'Programmed' && c.status === 'True');
    if (!address || !programmed) continue;
    for (const listener of gateway.spec?.listeners ?? []) {
      if (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS') continue;
      const asked = listener.hostname ? `  (Host: ${listener.hostname})` : '';
      rows.push({ kind: 'Gateway', name: key(gateway), port: String(listener.port), url: `${listener.protocol.toLowerCase()}://${address}:${listener.port}${asked}` });
    }
  }
  return rows;
}
