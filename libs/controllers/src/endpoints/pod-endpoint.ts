/**
 * A pod as the Endpoints controller sees it: whether it belongs in the Endpoints at
 * all, its address entry, and which port a Service port reaches on it.
 */
import type { Pod, Service } from '@kubelab/api';
import type { ServicePort } from 'kubernetes-types/core/v1';

/** One entry of subsets[].addresses / notReadyAddresses. */
export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string; resourceVersion?: string };
}

/** One entry of subsets[].ports. */
export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/**
 * Kubernetes' ShouldPodBeInEndpoints: not finished, has an IP, and not being deleted
 * unless the Service publishes not-ready addresses.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * The address of the pod; its hostname is published only when the pod names this
 * Service as its subdomain (Kubernetes' ShouldSetHostname).
 */
export function podAddress(pod: Pod, service: Service): EndpointAddress {
  const address: EndpointAddress = { ip: pod.status!.podIP! };
  const { hostname, subdomain, nodeName } = pod.spec ?? {};
  if (hostname && subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace) address.hostname = hostname;
  if (nodeName) address.nodeName = nodeName;
  address.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return address;
}

/**
 * Kubernetes' FindPort: a numeric targetPort is used as is, a named one must match a
 * container port of the same name and protocol (undefined: the pod lacks it).
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** The Endpoints port a Service port leads to on a pod. */
export function endpointPort(servicePort: ServicePort, port: number): EndpointPort {
  return {
    ...(servicePort.name ? { name: servicePort.name } : {}),
    port,
    protocol: servicePort.protocol ?? 'TCP',
    ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
  };
}
