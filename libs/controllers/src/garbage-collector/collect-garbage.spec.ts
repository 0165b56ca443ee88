import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubelab/api';
import { collectGarbage, collectGarbageFor } from './collect-garbage.js';
import { OwnerIndex } from './owner-index.js';
import type { GcAction } from './gc-actions.js';

const KINDS: Record<string, string> = {
  Deployment: 'apps/v1', ReplicaSet: 'apps/v1', Pod: 'v1', Node: 'v1', Job: 'batch/v1', ConfigMap: 'v1', CronTab: 'stable.example.com/v1', Widget: 'example.com/v1',
};

/** The collector watches every kind here but Widget (a custom kind whose CRD it has not seen). */
const knowsKind = (apiVersion: string, kind: string) => kind !== 'Widget' && KINDS[kind] === apiVersion;

interface Options { owners?: string[]; blocking?: boolean; deleting?: boolean; finalizers?: string[]; namespace?: string | null }

/** An object named `kind/name` with uid `name`; owners are given as `kind/name`. */
function obj(id: string, o: Options = {}): KubeObject {
  const [kind, name] = id.split('/');
  const namespace = o.namespace === null || kind === 'Node' ? undefined : (o.namespace ?? 'default');
  return {
    apiVersion: KINDS[kind],
    kind,
    metadata: {
      name, uid: name,
      ...(namespace ? { namespace } : {}),
      ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
      ...(o.finalizers ? { finalizers: o.finalizers } : {}),
      ...(o.owners ? {
        ownerReferences: o.owners.map((owner) => {
          const [ownerKind, ownerName] = owner.split('/');
          return { apiVersion: KINDS[ownerKind], kind: ownerKind, name: ownerName, uid: ownerName, controller: true, ...(o.blocking === false ? {} : { blockOwnerDeletion: true }) };
        }),
      } : {}),
    },
  };
}

const summary = (actions: GcAction[]) => actions.map((a) => {
  if (a.type === 'DeleteDependent') return `delete ${a.object.metadata.name} ${a.propagationPolicy}`;
  if (a.type === 'RemoveOwnerReferences') return `unown ${a.object.metadata.name} ${a.ownerUids.join(',')}`;
  return `unfinalize ${a.object.metadata.name} ${a.finalizer}`;
});

describe('collectGarbage', () => {
  it.each([
    { given: 'owner and dependent both present', objects: [obj('ReplicaSet/rs'), obj('Pod/p', { owners: ['ReplicaSet/rs'] })], then: [] },
    { given: 'owner gone', objects: [obj('Pod/p', { owners: ['ReplicaSet/rs'] })], then: ['delete p Background'] },
    { given: 'owner gone, dependent already being deleted', objects: [obj('Pod/p', { owners: ['ReplicaSet/rs'], deleting: true })], then: [] },
    { given: 'owner in another namespace counts as gone', objects: [obj('ReplicaSet/rs', { namespace: 'other' }), obj('Pod/p', { owners: ['ReplicaSet/rs'] })], then: ['delete p Background'] },
    { given: 'cluster-scoped owner found by uid from any namespace', objects: [obj('Node/n1'), obj('Pod/p', { owners: ['Node/n1'] })], then: [] },
    { given: 'owner of a kind the lab does not serve is never assumed gone', objects: [obj('Pod/p', { owners: ['Widget/w'] })], then: [] },
    { given: 'one owner left of two: only the dangling reference goes', objects: [obj('ReplicaSet/rs'), obj('Pod/p', { owners: ['ReplicaSet/rs', 'Job/gone'] })], then: ['unown p gone'] },
    { given: 'a dependent with a foreground finalizer is deleted in the foreground', objects: [obj('ReplicaSet/rs', { owners: ['Deployment/d'], finalizers: ['foregroundDeletion'] })], then: ['delete rs Foreground'] },
    {
      given: 'owner being deleted in the background (no GC finalizer) still holds its dependents',
      objects: [obj('ReplicaSet/rs', { deleting: true, finalizers: ['example.com/hold'] }), obj('Pod/p', { owners: ['ReplicaSet/rs'] })], then: [],
    },
    { given: 'a ConfigMap owned by a custom resource that is gone', objects: [obj('ConfigMap/cm', { owners: ['CronTab/ct'] })], then: ['delete cm Background'] },
    { given: 'a ConfigMap owned by a custom resource that exists', objects: [obj('CronTab/ct'), obj('ConfigMap/cm', { owners: ['CronTab/ct'] })], then: [] },
    { given: 'a custom resource owned by a Deployment that is gone', objects: [obj('CronTab/ct', { owners: ['Deployment/d'] })], then: ['delete ct Background'] },
    { given: 'a custom resource owned by another that is gone', objects: [obj('Widget/w'), obj('CronTab/ct', { owners: ['CronTab/parent'] })], then: ['delete ct Background'] },
  ])('$given → $then', ({ objects, then }) => {
    expect(summary(collectGarbage(objects, knowsKind))).toEqual(then);
  });

  it.each([
    {
      given: 'orphan: dependents lose the reference, then the finalizer goes',
      objects: [obj('ReplicaSet/rs', { deleting: true, finalizers: ['orphan'] }), obj('Pod/a', { owners: ['ReplicaSet/rs'] }), obj('Pod/b', { owners: ['ReplicaSet/rs'] })],
      then: ['unown a rs', 'unown b rs', 'unfinalize rs orphan'],
    },
    {
      given: 'orphan with no dependents left',
      objects: [obj('ReplicaSet/rs', { deleting: true, finalizers: ['orphan'] })], then: ['unfinalize rs orphan'],
    },
    {
      given: 'foreground: dependents are deleted, the owner waits for blocking ones',
      objects: [obj('ReplicaSet/rs', { deleting: true, finalizers: ['foregroundDeletion'] }), obj('Pod/a', { owners: ['ReplicaSet/rs'] })],
      then: ['delete a Background'],
    },
    {
      given: 'foreground: a dependent with dependents of its own is deleted in the foreground',
      objects: [obj('Deployment/d', { deleting: true, finalizers: ['foregroundDeletion'] }), obj('ReplicaSet/rs', { owners: ['Deployment/d'] }), obj('Pod/a', { owners: ['ReplicaSet/rs'] })],
      then: ['delete rs Foreground'],
    },
    {
      given: 'foreground: a terminating blocking dependent keeps the owner waiting',
      objects: [obj('ReplicaSet/rs', { deleting: true, finalizers: ['foregroundDeletion'] }), obj('Pod/a', { owners: ['ReplicaSet/rs'], deleting: true })],
      then: [],
    },
    {
      given: 'foreground: non-blocking dependents are deleted but not waited for',
      objects: [obj('ReplicaSet/rs', { deleting: true, finalizers: ['foregroundDeletion'] }), obj('Pod/a', { owners: ['ReplicaSet/rs'], blocking: false })],
      then: ['delete a Background', 'unfinalize rs foregroundDeletion'],
    },
    {
      given: 'foreground: a dependent with another live owner is only released',
      objects: [obj('ReplicaSet/rs', { deleting: true, finalizers: ['foregroundDeletion'] }), obj('Job/j'), obj('Pod/a', { owners: ['ReplicaSet/rs', 'Job/j'] })],
      then: ['unown a rs'],
    },
    {
      given: 'foreground deletion of a custom resource: its ConfigMap goes first, the finalizer stays',
      objects: [obj('CronTab/ct', { deleting: true, finalizers: ['foregroundDeletion'] }), obj('ConfigMap/cm', { owners: ['CronTab/ct'] })],
      then: ['delete cm Background'],
    },
    {
      given: 'orphaning by a custom resource',
      objects: [obj('CronTab/ct', { deleting: true, finalizers: ['orphan'] }), obj('ConfigMap/cm', { owners: ['CronTab/ct'] })],
      then: ['unown cm ct', 'unfinalize ct orphan'],
    },
    {
      given: 'foreground: all dependents gone',
      objects: [obj('ReplicaSet/rs', { deleting: true, finalizers: ['foregroundDeletion'] })], then: ['unfinalize rs foregroundDeletion'],
    },
  ])('$given', ({ objects, then }) => {
    expect(summary(collectGarbage(objects, knowsKind))).toEqual(then);
  });

  it('explains why a dependent is deleted', () => {
    const [action] = collectGarbage([obj('Pod/p', { owners: ['ReplicaSet/rs'] })], knowsKind);
    expect(action).toMatchObject({ type: 'DeleteDependent', reason: 'all owners are gone: ReplicaSet rs (rs)' });
  });
});

describe('OwnerIndex and collectGarbageFor', () => {
  it('follows upserts and removals, and evaluates the dependents of a vanished owner', () => {
    const index = new OwnerIndex();
    const rs = obj('ReplicaSet/rs');
    index.upsert(rs);
    index.upsert(obj('Pod/a', { owners: ['ReplicaSet/rs'] }));
    index.upsert(obj('Pod/b', { owners: ['ReplicaSet/rs'] }));
    expect(index.dependentsOf('rs').map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(collectGarbageFor(index, knowsKind, 'rs')).toEqual([]);

    index.upsert(obj('Pod/b'));
    expect(index.dependentsOf('rs').map((p) => p.metadata.name)).toEqual(['a']);

    index.remove(rs);
    expect(index.get('rs')).toBeUndefined();
    expect(summary(collectGarbageFor(index, knowsKind, 'rs'))).toEqual(['delete a Background']);
    expect(summary(collectGarbageFor(index, knowsKind, 'a'))).toEqual(['delete a Background']);
    expect(collectGarbageFor(index, knowsKind, 'b')).toEqual([]);

    index.remove(obj('Pod/a'));
    expect(index.dependentsOf('rs')).toEqual([]);
    expect(index.all().map((o) => o.metadata.name)).toEqual(['b']);
  });
});
