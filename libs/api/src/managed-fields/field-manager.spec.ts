import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { trackUpdate, type WriteTarget } from './field-manager.js';

const pods: WriteTarget = { group: '', version: 'v1', kind: 'Pod', hasStatus: true };

function pod(name: string, labels: Record<string, string>, containers: string[]): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2026-11-23T00:00:00Z', labels },
    spec: { containers: containers.map((c) => ({ name: c, image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] })) },
  };
}

function created(obj: KubeObject, at: string): KubeObject['metadata']['managedFields'] {
  trackUpdate(pods, undefined, obj, 'kube-controller-manager', at);
  return obj.metadata.managedFields;
}

describe('trackUpdate on creates of one shape', () => {
  it('gives a second pod of the same shape the same fields, stamped with its own time', () => {
    const first = created(pod('web-1', { app: 'web' }, ['nginx']), '2026-11-23T00:00:01Z')!;
    const second = created(pod('web-2', { app: 'shop' }, ['nginx']), '2026-11-23T00:00:02Z')!;
    expect(second).toEqual([{ ...first[0], time: '2026-11-23T00:00:02Z' }]);
    expect(second[0].fieldsV1).toMatchObject({ 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } });
  });

  it('works out other label keys and list keys afresh', () => {
    const labelled = created(pod('a', { tier: 'db' }, ['nginx']), '2026-11-23T00:00:03Z')!;
    expect(labelled[0].fieldsV1).toMatchObject({ 'f:metadata': { 'f:labels': { 'f:tier': {} } } });
    const sidecar = created(pod('b', { app: 'web' }, ['nginx', 'sidecar']), '2026-11-23T00:00:04Z')!;
    expect(Object.keys((sidecar[0].fieldsV1 as any)['f:spec']['f:containers'])).toEqual(['k:{"name":"nginx"}', 'k:{"name":"sidecar"}']);
  });

  it('keeps what it remembers to itself: the first object may change its entries, the shared fields may not', () => {
    const first = created(pod('c-1', { copy: 'yes' }, ['nginx']), '2026-11-23T00:00:05Z')!;
    first[0].fieldsV1 = {};
    const second = created(pod('c-2', { copy: 'yes' }, ['nginx']), '2026-11-23T00:00:06Z')!;
    expect((second[0].fieldsV1 as any)['f:metadata']['f:labels']).toEqual({ '.': {}, 'f:copy': {} });
    expect(() => ((second[0].fieldsV1 as any)['f:metadata'] = {})).toThrow(TypeError);
  });
});
