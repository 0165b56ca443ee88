import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '@kubelab/api';
import { desiredEndpoints } from './desired-endpoints.js';
import { endpointsEqual } from './endpoints-equal.js';

function service(spec: Record<string, any>, labels: Record<string, string> = { app: 'web' }): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels }, spec: { clusterIP: '10.96.0.10', ...spec } };
}

interface PodOptions { ip?: string; ready?: boolean; deleting?: boolean; phase?: string; ports?: any[]; labels?: Record<string, string>; namespace?: string; spec?: Record<string, any> }

function pod(name: string, o: PodOptions = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', ports: o.ports ?? [{ name: 'http', containerPort: 8080 }] }], ...o.spec },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ip === '' ? {} : { podIP: o.ip ?? '10.244.0.1' }),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}

const address = (name: string, ip: string) => ({ ip, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` } });
const http = { name: 'http', port: 8080, protocol: 'TCP' };
const selecting = { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] };

describe('desiredEndpoints', () => {
  it.each([
    { given: 'no selector (user-managed)', svc: service({ ports: [{ port: 80 }] }) },
    { given: 'ExternalName', svc: service({ type: 'ExternalName', externalName: 'example.com', selector: { app: 'web' } }) },
  ])('$given → undefined', ({ svc }) => {
    expect(desiredEndpoints(svc, [pod('a')])).toBeUndefined();
  });

  it.each([
    {
      given: 'ready pods, sorted by IP',
      svc: selecting, pods: [pod('b', { ip: '10.244.0.9' }), pod('a', { ip: '10.244.0.10' })],
      subsets: [{ addresses: [address('a', '10.244.0.10'), address('b', '10.244.0.9')], ports: [http] }],
    },
    {
      given: 'a not-ready pod goes to notReadyAddresses',
      svc: selecting, pods: [pod('a', { ip: '10.244.0.1' }), pod('b', { ip: '10.244.0.2', ready: false })],
      subsets: [{ addresses: [address('a', '10.244.0.1')], notReadyAddresses: [address('b', '10.244.0.2')], ports: [http] }],
    },
    {
      given: 'pods without IP, finished, terminating, unselected or elsewhere are left out',
      svc: selecting,
      pods: [pod('a'), pod('noip', { ip: '' }), pod('done', { phase: 'Succeeded' }), pod('bye', { deleting: true }), pod('other', { labels: { app: 'db' } }), pod('ns', { namespace: 'kube-system' })],
      subsets: [{ addresses: [address('a', '10.244.0.1')], ports: [http] }],
    },
    {
      given: 'publishNotReadyAddresses: not-ready and terminating pods are ready addresses',
      svc: { ...selecting, publishNotReadyAddresses: true }, pods: [pod('a', { ready: false, deleting: true })],
      subsets: [{ addresses: [address('a', '10.244.0.1')], ports: [http] }],
    },
    {
      given: 'a named targetPort resolves per pod; a pod without it is skipped for that port',
      svc: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] },
      pods: [pod('a', { ip: '10.244.0.1', ports: [{ name: 'http', containerPort: 8080 }] }), pod('b', { ip: '10.244.0.2', ports: [{ name: 'http', containerPort: 9090 }] }), pod('c', { ip: '10.244.0.3', ports: [] })],
      subsets: [
        { addresses: [address('a', '10.244.0.1')], ports: [{ name: 'web', port: 8080, protocol: 'TCP' }] },
        { addresses: [address('b', '10.244.0.2')], ports: [{ name: 'web', port: 9090, protocol: 'TCP' }] },
      ],
    },
    {
      given: 'two service ports on the same pods share one subset',
      svc: { selector: { app: 'web' }, ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }, { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
      pods: [pod('a')],
      subsets: [{ addresses: [address('a', '10.244.0.1')], ports: [http, { name: 'metrics', port: 9100, protocol: 'TCP' }] }],
    },
    {
      given: 'a headless service without ports lists addresses without ports, with hostnames for its subdomain',
      svc: { clusterIP: 'None', selector: { app: 'web' } }, pods: [pod('a', { spec: { hostname: 'a-0', subdomain: 'web' } })],
      subsets: [{ addresses: [{ ip: '10.244.0.1', hostname: 'a-0', nodeName: 'node-1', targetRef: address('a', '').targetRef }] }],
    },
    { given: 'no matching pods → no subsets', svc: selecting, pods: [], subsets: undefined },
  ])('$given', ({ svc, pods, subsets }) => {
    const endpoints = desiredEndpoints(service(svc), pods);
    expect(endpoints?.subsets).toEqual(subsets);
  });

  it('names and labels the Endpoints like the Service, marking headless ones', () => {
    expect(desiredEndpoints(service(selecting), [])).toEqual({
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    });
    expect(desiredEndpoints(service({ ...selecting, clusterIP: 'None' }), [])?.metadata.labels).toEqual({ app: 'web', 'service.kubernetes.io/headless': '' });
  });
});

describe('endpointsEqual', () => {
  const desired = desiredEndpoints(service(selecting), [pod('a')])!;
  const stored = {
    ...desired,
    metadata: { ...desired.metadata, uid: 'x', resourceVersion: '12', creationTimestamp: '2025-01-01T00:00:00Z', managedFields: [] },
    subsets: desired.subsets!.map((s: any) => ({ ports: s.ports, addresses: s.addresses.map((a: any) => ({ ...a, targetRef: { ...a.targetRef, resourceVersion: '7' } })) })),
  };

  it.each([
    { given: 'stored copy with server metadata and targetRef resourceVersions', other: stored, equal: true },
    { given: 'different addresses', other: desiredEndpoints(service(selecting), [pod('b')])!, equal: false },
    { given: 'different labels', other: { ...stored, metadata: { ...stored.metadata, labels: { app: 'other' } } }, equal: false },
    { given: 'addresses vs. none', other: { ...desiredEndpoints(service(selecting), [])!, subsets: [] }, equal: false },
  ])('$given → $equal', ({ other, equal }) => {
    expect(endpointsEqual(desired, other)).toBe(equal);
  });

  it('no subsets equals an empty subsets list', () => {
    const empty = desiredEndpoints(service(selecting), [])!;
    expect(endpointsEqual(empty, { ...empty, subsets: [] })).toBe(true);
  });
});
