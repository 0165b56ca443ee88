import type { KubeObject } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { committedProjection, headerOf, ObjectStore, projected, referencesOf, rowData, type StoredObject } from './object-store.js';

const pod = (namespace: string, name: string, rv = '1'): StoredObject => projected({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, resourceVersion: rv } });
type Step = ['commit', string, string, string?] | ['delete', string, string];

describe('ObjectStore.list', () => {
  it.each<{ title: string; steps: Step[]; namespace?: string; expected: string[] }>([
    { title: 'in namespace/name order whatever the order of commits', steps: [['commit', 'b', 'web'], ['commit', 'a', 'web-2'], ['commit', 'a', 'web']], expected: ['a/web@1', 'a/web-2@1', 'b/web@1'] },
    { title: 'an object added after a list is in the next one, in its place', steps: [['commit', 'a', 'z'], ['commit', 'a', 'b'], ['commit', 'a', 'm']], expected: ['a/b@1', 'a/m@1', 'a/z@1'] },
    { title: 'a deleted object is gone', steps: [['commit', 'a', 'x'], ['commit', 'a', 'y'], ['delete', 'a', 'x']], expected: ['a/y@1'] },
    { title: 'an updated object is listed as updated, in the same place', steps: [['commit', 'a', 'x'], ['commit', 'a', 'y'], ['commit', 'a', 'x', '7']], expected: ['a/x@7', 'a/y@1'] },
    { title: 'one namespace', steps: [['commit', 'b', 'x'], ['commit', 'a', 'x'], ['commit', 'ab', 'x']], namespace: 'a', expected: ['a/x@1'] },
  ])('$title', ({ steps, namespace, expected }) => {
    const store = new ObjectStore();
    for (const step of steps) {
      // A list between the steps, so that what it caches must follow the next change.
      store.list('Pod');
      if (step[0] === 'commit') store.commit('Pod', step[1], step[2], pod(step[1], step[2], step[3]));
      else store.commit('Pod', step[1], step[2], null);
    }
    expect(store.list('Pod', namespace).map((s) => `${s.object.metadata.namespace}/${s.object.metadata.name}@${s.object.metadata.resourceVersion}`)).toEqual(expected);
  });

  it('is empty for a kind never committed', () => {
    expect(new ObjectStore().list('Pod')).toEqual([]);
  });
});

describe('a projected object', () => {
  it('carries the JSON text of its object, written as it is asked for', () => {
    const object: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'a', name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const stored = projected(object);
    expect(JSON.parse(stored.json)).toEqual(object);
    expect(stored.json).toBe(JSON.stringify(object));
    expect(Object.keys(stored)).toEqual(['object']);
  });
});

describe('a committed object', () => {
  const event: KubeObject = {
    apiVersion: 'v1', kind: 'Event', metadata: { namespace: 'default', name: 'web.1879a', resourceVersion: '9' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', fieldPath: 'spec.containers{nginx}' },
    reason: 'Pulled', message: 'Container image "nginx:1.27" already present on machine', type: 'Normal', source: { component: 'kubelet', host: 'node-1' }, count: 1,
  } as KubeObject;

  it('of a kind held as text keeps only its log row, deflated, and gives back the very text and object it was', () => {
    const json = JSON.stringify(event);
    const data = rowData('Event', json);
    expect(data.length).toBeLessThan(json.length);
    const held = committedProjection('Event', data, () => { throw new Error('an Event is never parsed to be held'); });
    expect(held.json).toBe(json);
    expect(held.object).toEqual(event);
    expect(committedProjection('Event', json, () => event).json).toBe(json);
  });

  it('of any other kind keeps its object, and its row is its JSON text', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'a', name: 'web' } } as KubeObject;
    expect(rowData('Pod', JSON.stringify(pod))).toBe(JSON.stringify(pod));
    expect(committedProjection('Pod', JSON.stringify(pod), () => pod).object).toBe(pod);
  });
});

describe('ObjectStore.podsOn', () => {
  const on = (namespace: string, name: string, nodeName?: string): StoredObject =>
    projected({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name }, spec: { containers: [], ...(nodeName ? { nodeName } : {}) } } as KubeObject);
  const names = (listed: StoredObject[]) => listed.map((s) => `${s.object.metadata.namespace}/${s.object.metadata.name}`);

  it('finds a node\'s pods, unscheduled ones under \'\', and follows a binding and a deletion', () => {
    const store = new ObjectStore();
    store.commit('Pod', 'b', 'web', on('b', 'web', 'node-1'));
    store.commit('Pod', 'a', 'web', on('a', 'web', 'node-1'));
    store.commit('Pod', 'a', 'new', on('a', 'new'));
    store.commit('Pod', 'a', 'other', on('a', 'other', 'node-2'));
    expect(names(store.podsOn('node-1'))).toEqual(['a/web', 'b/web']);
    expect(names(store.podsOn('node-1', 'b'))).toEqual(['b/web']);
    expect(names(store.podsOn(''))).toEqual(['a/new']);

    store.commit('Pod', 'a', 'new', on('a', 'new', 'node-1'));
    store.commit('Pod', 'b', 'web', null);
    expect(names(store.podsOn('node-1'))).toEqual(['a/new', 'a/web']);
    expect(store.podsOn('')).toEqual([]);
    expect(store.podsOn('node-3')).toEqual([]);
  });
});

describe('ObjectStore.walk and countAfter', () => {
  const store = new ObjectStore();
  for (const [namespace, name] of [['a', 'x'], ['a', 'y'], ['a-b', 'x'], ['b', 'x'], ['b', 'z']]) store.commit('Pod', namespace, name, pod(namespace, name));
  const keys = (walked: Iterable<StoredObject>) => [...walked].map((s) => `${s.object.metadata.namespace}/${s.object.metadata.name}`);

  it.each<[string, string | undefined, string | undefined, string[], number]>([
    ['every namespace from the start', undefined, undefined, ['a-b/x', 'a/x', 'a/y', 'b/x', 'b/z'], 5],
    ['every namespace after a key', undefined, 'a/x', ['a/y', 'b/x', 'b/z'], 3],
    ['one namespace, not another that shares its first letters', 'a', undefined, ['a/x', 'a/y'], 2],
    ['one namespace after its first key', 'a', 'a/x', ['a/y'], 1],
    ['one namespace after a key before it', 'b', 'a/y', ['b/x', 'b/z'], 2],
    ['one namespace after its last key', 'a', 'a/y', [], 0],
  ])('%s', (_title, namespace, after, expected, count) => {
    expect(keys(store.walk('Pod', namespace, after))).toEqual(expected);
    expect(store.countAfter('Pod', namespace, after ?? '')).toBe(count);
  });
});

describe('a settled pod', () => {
  const running = (name: string, nodeName: string, status: Record<string, unknown> = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }, extra: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name, labels: { app: 'web' }, resourceVersion: '7', ...extra },
    spec: { nodeName, serviceAccountName: 'robot', containers: [{ name: 'c', image: 'nginx', envFrom: [{ configMapRef: { name: 'settings' } }] }], volumes: [{ name: 'v', secret: { secretName: 'tls' } }] },
    status,
  } as KubeObject);
  const settleAfterMs = 10_000;
  const at = { ms: 0 };
  const fresh = () => {
    at.ms = 1_000;
    return new ObjectStore(settleAfterMs, () => at.ms);
  };

  it('is held as text once unchanged for settleAfterMs, and reads as it was', () => {
    const store = fresh();
    const object = running('web', 'node-1');
    store.commit('Pod', 'shop', 'web', projected(object));
    const version = store.version('Pod');
    at.ms += settleAfterMs - 1;
    expect(store.settle(10)).toBe(0);
    expect(store.get('Pod', 'shop', 'web')!.object).toBe(object);
    at.ms += 1;
    expect(store.settle(10)).toBe(1);
    expect(store.settledPods).toBe(1);
    const held = store.get('Pod', 'shop', 'web')!;
    expect(held.object).not.toBe(object);
    expect(held.object).toEqual(object);
    expect(held.json).toBe(JSON.stringify(object));
    expect(store.version('Pod')).toBe(version);
    expect(headerOf(held)).toMatchObject({ namespace: 'shop', name: 'web', labels: { app: 'web' } });
    expect(referencesOf(held)).toEqual({ secret: ['tls'], configmap: ['settings'], claim: [], serviceaccount: ['robot'] });
    expect(store.podsOn('node-1', 'shop')).toEqual([held]);
    expect(store.decisionView.get('Pod', 'shop', 'web')).toEqual(object);
    store.commit('Pod', 'shop', 'web', null);
    expect(store.settledPods).toBe(0);
    expect(store.podsOn('node-1')).toEqual([]);
  });

  it('reads back as it was written, of one owner with another, or of a shape of its own', () => {
    const store = fresh();
    const owned = (name: string, extra: Record<string, unknown> = {}) => running(name, 'node-1', undefined, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8', uid: 'rs-1', controller: true }], ...extra });
    const other = { annotations: { extra: 'shape' } };
    // web-c is held deflated; of web-e to web-h, all of another shape, the fourth becomes the template web-i is held against.
    const pods = [
      owned('web-a'), owned('web-b'), owned('web-c', other), owned('web-d'), running('loner', 'node-2'),
      ...['web-e', 'web-f', 'web-g', 'web-h', 'web-i'].map((name) => owned(name, other)), owned('web-j'),
    ];
    for (const p of pods) store.commit('Pod', 'shop', p.metadata.name!, projected(p), JSON.stringify(p));
    at.ms += settleAfterMs;
    expect(store.settle(20)).toBe(11);
    expect(pods.map((p) => store.get('Pod', 'shop', p.metadata.name!)!.json)).toEqual(pods.map((p) => JSON.stringify(p)));
  });

  it('moves with its next change: the new version is held as an object, under its new node', () => {
    const store = fresh();
    store.commit('Pod', 'shop', 'web', projected(running('web', 'node-1')));
    at.ms += settleAfterMs;
    store.settle(10);
    const deleting = running('web', 'node-2', undefined, { deletionTimestamp: '2026-11-29T10:00:00Z' });
    store.commit('Pod', 'shop', 'web', projected(deleting));
    expect(store.settledPods).toBe(0);
    expect(store.podsOn('node-1')).toEqual([]);
    expect(store.podsOn('node-2').map((s) => s.object)).toEqual([deleting]);
    at.ms += settleAfterMs;
    expect(store.settle(10)).toBe(0);
    expect(store.get('Pod', 'shop', 'web')!.object).toBe(deleting);
  });

  it('is not held as text while it starts, once changed again, or past `max` at a time', () => {
    const store = fresh();
    store.commit('Pod', 'shop', 'pending', projected(running('pending', '', { phase: 'Pending' })));
    store.commit('Pod', 'shop', 'unready', projected(running('unready', 'node-1', { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] })));
    store.commit('Pod', 'shop', 'done', projected(running('done', 'node-1', { phase: 'Succeeded' })));
    store.commit('Pod', 'shop', 'web', projected(running('web', 'node-1')));
    at.ms += 5_000;
    const changed = running('web', 'node-1', undefined, { resourceVersion: '8' });
    store.commit('Pod', 'shop', 'web', projected(changed));
    at.ms += settleAfterMs - 5_000;
    expect(store.settle(10)).toBe(1);
    expect(headerOf(store.get('Pod', 'shop', 'done')!)).not.toBe(store.get('Pod', 'shop', 'done')!.object.metadata);
    expect(store.get('Pod', 'shop', 'web')!.object).toBe(changed);
    expect(store.get('Pod', 'shop', 'pending')!.object.metadata.name).toBe('pending');
    at.ms += 5_000;
    expect(store.settle(10)).toBe(1);
    expect(store.get('Pod', 'shop', 'web')!.object).toEqual(changed);

    for (let i = 0; i < 5; i++) store.commit('Pod', 'shop', `p${i}`, projected(running(`p${i}`, 'node-1')));
    at.ms += settleAfterMs;
    expect([store.settle(2), store.settle(2), store.settle(2), store.settle(2)]).toEqual([2, 2, 1, 0]);
  });
});
