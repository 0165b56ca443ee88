/**
 * The EndpointSlice controller (pkg/controller/endpointslice), as a pure function:
 * the slices a Service with a selector should have, given the pods of its
 * namespace. Pods whose Service ports resolve to the same numbers share a slice;
 * each endpoint carries its conditions (ready, serving, terminating) instead of
 * being split into addresses and notReadyAddresses. A Service with no pods keeps
 * one empty placeholder slice, as on Kubernetes. Slices are matched to the stored
 * ones by their ports, so an unchanged group is never rewritten.
 */
import { cloneJson, labelSelectorFromObject, matchesLabels, type EndpointSlice, type Pod, type Service } from '@kubelab/api';
import type { Endpoint } from 'kubernetes-types/discovery/v1';
import { findPort, isPodReady, shouldPodBeInEndpoints } from './pod-endpoint.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** A slice as the controller writes it: no endpoints or no ports is null, as Kubernetes serialises an empty list. */
export type WrittenSlice = Omit<EndpointSlice, 'endpoints' | 'ports'> & { endpoints: Endpoint[] | null; ports: SlicePort[] | null };

/** What to do with the stored slices of one Service. */
export interface EndpointSlicePlan {
  create: WrittenSlice[];
  update: WrittenSlice[];
  delete: EndpointSlice[];
}

function sliceEndpoint(pod: Pod, service: Service): Endpoint {
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  const serving = service.spec?.publishNotReadyAddresses === true || isPodReady(pod);
  const { hostname, subdomain, nodeName } = pod.spec ?? {};
  return {
    addresses: [pod.status!.podIP!],
    conditions: { ready: serving && !terminating, serving, terminating },
    ...(hostname && subdomain === service.metadata.name ? { hostname } : {}),
    ...(nodeName ? { nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

function slicePorts(service: Service, pod: Pod): SlicePort[] | undefined {
  const ports: SlicePort[] = [];
  for (const servicePort of service.spec?.ports ?? []) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    ports.push({
      name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP',
      ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
    });
  }
  return ports.length > 0 || (service.spec?.ports ?? []).length === 0 ? ports : undefined;
}

const portsKey = (ports: readonly object[] | null | undefined) => JSON.stringify(ports ?? []);

function sliceFor(service: Service, ports: SlicePort[], endpoints: Endpoint[]): WrittenSlice {
  const { namespace } = service.metadata;
  const name = service.metadata.name!;
  const uid = service.metadata.uid!;
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`, namespace,
      labels: { ...service.metadata.labels, [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: endpoints.length ? endpoints : null,
    ports: ports.length ? ports : null,
  };
}

const sameContent = (a: EndpointSlice | WrittenSlice, b: WrittenSlice) =>
  JSON.stringify([a.endpoints ?? null, a.ports ?? null, a.metadata.labels ?? {}]) === JSON.stringify([b.endpoints ?? null, b.ports ?? null, b.metadata.labels ?? {}]);

/** The slices this Service should have, planned against the ones it has; undefined when it has no selector. */
export function planEndpointSlices(service: Service, pods: readonly Pod[], existing: readonly EndpointSlice[]): EndpointSlicePlan | undefined {
  if (!service.spec?.selector || service.spec.type === 'ExternalName') return undefined;
  const selector = labelSelectorFromObject({ matchLabels: service.spec.selector });
  const groups = new Map<string, { ports: SlicePort[]; endpoints: Endpoint[] }>();
  const chosen = pods
    .filter((p) => p.metadata.namespace === service.metadata.namespace && matchesLabels(selector, p.metadata.labels ?? {}) && shouldPodBeInEndpoints(p, true))
    .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  for (const pod of chosen) {
    const ports = slicePorts(service, pod);
    if (!ports) continue;
    const group = groups.get(portsKey(ports)) ?? { ports, endpoints: [] };
    group.endpoints.push(sliceEndpoint(pod, service));
    groups.set(portsKey(ports), group);
  }
  const desired = groups.size ? [...groups.values()].map((g) => sliceFor(service, g.ports, g.endpoints)) : [sliceFor(service, [], [])];
  const unmatched = [...existing];
  const plan: EndpointSlicePlan = { create: [], update: [], delete: [] };
  for (const want of desired) {
    const index = unmatched.findIndex((s) => portsKey(s.ports) === portsKey(want.ports));
    if (index < 0) {
      plan.create.push(want);
      continue;
    }
    const [stored] = unmatched.splice(index, 1);
    if (!sameContent(stored, want)) {
      const { generateName: _generated, ...metadata } = want.metadata;
      plan.update.push({ ...cloneJson(stored), metadata: { ...stored.metadata, labels: metadata.labels }, endpoints: want.endpoints, ports: want.ports });
    }
  }
  plan.delete.push(...unmatched);
  return plan;
}
