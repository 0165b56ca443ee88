import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { goJsonForm as form } from './go-json-form.js';

/** Typed as any object the store holds, so a test reads the fields the form adds. */
const goJsonForm = (object: KubeObject): KubeObject => form(object);

const meta = { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T00:00:00Z' };

describe('goJsonForm', () => {
  it('writes the fields Go has no omitempty for: a ReplicationController status has its replicas', () => {
    const rc = goJsonForm({ apiVersion: 'v1', kind: 'ReplicationController', metadata: meta, spec: { replicas: 1 }, status: {} });
    expect(rc.status).toEqual({ replicas: 0 });
    expect(goJsonForm({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta }).status).toEqual({ replicas: 0 });
    expect(goJsonForm({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta }).status).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it('never leaves a struct out: a pod has spec and status, a container its resources, a template metadata its null creationTimestamp', () => {
    const pod = goJsonForm({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(pod).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [{ name: 'c', image: 'nginx', resources: {} }] }, status: {} });
    const deployment = goJsonForm({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { selector: {}, template: { spec: { containers: [] } } } });
    expect(deployment.spec).toEqual({ selector: {}, template: { metadata: { creationTimestamp: null }, spec: { containers: [] } }, strategy: {} });
    expect(deployment.status).toEqual({});
  });

  it('writes a pod condition as a cluster does, lastProbeTime null', () => {
    const pod = goJsonForm({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    expect((pod.status as { conditions: unknown[] }).conditions).toEqual([{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: null }]);
  });

  it('writes nil slices without omitempty as null: a ClusterRole without rules, an EndpointSlice without endpoints', () => {
    expect(goJsonForm({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'empty' } }).rules).toBeNull();
    const slice = goJsonForm({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta, addressType: 'IPv4' });
    expect(slice).toMatchObject({ endpoints: null, ports: null, addressType: 'IPv4' });
  });

  it('writes a core Event with its always-present timestamps and reporting fields', () => {
    const event = goJsonForm({ apiVersion: 'v1', kind: 'Event', metadata: meta, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Started' });
    expect(event).toMatchObject({ source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null, reportingComponent: '', reportingInstance: '' });
  });

  it('decodes a null in a list or map as the zero value, and a null field as no field', () => {
    const pod = goJsonForm({
      apiVersion: 'v1', kind: 'Pod', metadata: { ...meta, labels: { app: null } } as unknown as KubeObject['metadata'],
      spec: { containers: [{ name: 'c', image: 'busybox', args: [null, 'x'], command: null, resources: { limits: { cpu: null } } }], nodeName: null },
    });
    expect(pod.metadata.labels).toEqual({ app: '' });
    expect((pod.spec as { containers: unknown[] }).containers[0]).toEqual({ name: 'c', image: 'busybox', args: ['', 'x'], resources: { limits: { cpu: '0' } } });
    expect(pod.spec).not.toHaveProperty('nodeName');
  });

  it('leaves out what omitempty leaves out: empty slices and maps, zero scalars', () => {
    const pod = goJsonForm({ apiVersion: 'v1', kind: 'Pod', metadata: { ...meta, labels: {}, finalizers: [] }, spec: { containers: [{ name: 'c', args: [], ports: [{ containerPort: 80, hostPort: 0 }] }] } });
    expect(pod.metadata).toEqual(meta);
    expect((pod.spec as { containers: unknown[] }).containers[0]).toEqual({ name: 'c', ports: [{ containerPort: 80 }], resources: {} });
  });

  it('keeps a pointer field set to its zero value, and fields it does not know', () => {
    const d = goJsonForm({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { replicas: 0, selector: {}, template: {} }, lab: 'x' });
    expect(d.spec).toMatchObject({ replicas: 0 });
    expect(d.lab).toBe('x');
  });

  it('passes a kind it does not know through unchanged', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta, spec: { args: [null] } };
    expect(goJsonForm(widget)).toBe(widget);
  });
});
