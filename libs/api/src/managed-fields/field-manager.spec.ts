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

  it('gives Events that differ only in what they say the same fields, and a CronJob with a schedule more than one without', () => {
    const events: WriteTarget = { group: '', version: 'v1', kind: 'Event', hasStatus: false };
    const event = (name: string, message: string, count: number): KubeObject => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: name.split('.')[0], uid: `uid-${name}` }, reason: 'Pulled', message, type: 'Normal', count,
    });
    const fields = (target: WriteTarget, obj: KubeObject) => {
      trackUpdate(target, undefined, obj, 'kubelet', '2026-11-23T00:00:07Z');
      return obj.metadata.managedFields;
    };
    const first = fields(events, event('web-1.1', 'Container image "nginx" already present on machine', 1))!;
    expect(fields(events, event('web-2.2', 'Successfully pulled image "busybox" in 2.1s', 3))).toEqual(first);
    expect(first[0].fieldsV1).toEqual({ 'f:count': {}, 'f:involvedObject': {}, 'f:message': {}, 'f:reason': {}, 'f:type': {} });
    const cronJobs: WriteTarget = { group: 'batch', version: 'v1', kind: 'CronJob', hasStatus: true };
    const cronJob = (schedule: string): KubeObject => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'default' }, spec: { schedule } });
    expect(fields(cronJobs, cronJob(''))).toBeUndefined();
    expect((fields(cronJobs, cronJob('*/5 * * * *'))![0].fieldsV1 as any)['f:spec']).toEqual({ 'f:schedule': {} });
  });
});
