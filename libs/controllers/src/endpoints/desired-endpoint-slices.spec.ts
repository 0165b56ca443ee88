import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '@kubelab/api';
import { planEndpointSlices } from './desired-endpoint-slices.js';

const service = (spec: Record<string, any> = {}): Service => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', labels: { tier: 'front' } },
  spec: { clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...spec },
});

const pod = (name: string, o: { ip?: string; ready?: boolean; deleting?: boolean; port?: number; labels?: Record<string, string> } = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: o.port ?? 8080 }] }] },
  status: { phase: 'Running', podIP: o.ip ?? `10.244.0.${name.length}`, conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});

const endpoint = (name: string, ip: string, conditions: Record<string, boolean>) => ({
  addresses: [ip], conditions, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` },
});
const ready = { ready: true, serving: true, terminating: false };

describe('planEndpointSlices', () => {
  it('leaves Services without a selector to their users', () => {
    expect(planEndpointSlices(service({ selector: undefined }), [pod('a')], [])).toBeUndefined();
  });

  it('creates one slice owned by and labelled for the Service, with each endpoint\'s conditions', () => {
    const plan = planEndpointSlices(service(), [pod('a', { ip: '10.244.0.1' }), pod('b', { ip: '10.244.0.2', ready: false }), pod('c', { ip: '10.244.0.3', deleting: true }), pod('x', { labels: { app: 'db' } })], [])!;
    expect(plan.update).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.create).toEqual([{
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: {
        generateName: 'web-', namespace: 'default',
        labels: { tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints: [
        endpoint('a', '10.244.0.1', ready),
        endpoint('b', '10.244.0.2', { ready: false, serving: false, terminating: false }),
        endpoint('c', '10.244.0.3', { ready: false, serving: true, terminating: true }),
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    }]);
  });

  it('keeps an empty placeholder slice while no pod is selected', () => {
    const [placeholder] = planEndpointSlices(service(), [], [])!.create;
    expect(placeholder.endpoints).toBeNull();
    expect(placeholder.ports).toBeNull();
  });

  it('splits pods whose named port resolves differently into slices of their own', () => {
    const plan = planEndpointSlices(service(), [pod('a', { port: 8080 }), pod('b', { port: 9090 })], [])!;
    expect(plan.create.map((s) => [s.ports![0].port, s.endpoints!.map((e: any) => e.targetRef.name)])).toEqual([[8080, ['a']], [9090, ['b']]]);
  });

  it('rewrites only what changed, and deletes slices no group needs', () => {
    const first = planEndpointSlices(service(), [pod('a', { ip: '10.244.0.1' })], [])!.create[0];
    const stored = { ...first, metadata: { ...first.metadata, name: 'web-abcde', resourceVersion: '7' } } as EndpointSlice;
    expect(planEndpointSlices(service(), [pod('a', { ip: '10.244.0.1' })], [stored])).toEqual({ create: [], update: [], delete: [] });
    const changed = planEndpointSlices(service(), [pod('a', { ip: '10.244.0.1', ready: false })], [stored])!;
    expect(changed.update).toHaveLength(1);
    expect(changed.update[0].metadata).toMatchObject({ name: 'web-abcde', resourceVersion: '7' });
    expect(changed.update[0].endpoints?.[0].conditions).toEqual({ ready: false, serving: false, terminating: false });
    const moved = planEndpointSlices(service(), [pod('a', { port: 9090 })], [stored])!;
    expect(moved.create).toHaveLength(1);
    expect(moved.delete).toEqual([stored]);
  });
});
