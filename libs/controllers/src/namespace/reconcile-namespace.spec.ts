import { describe, expect, it } from 'vitest';
import { storedTypeOf, type KubeObject, type Namespace } from '@kubelab/api';
import { reconcileNamespace, type NamespaceContent } from './reconcile-namespace.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const stamp = (seconds: number) => at(seconds).toISOString().replace('.000Z', 'Z');

function ns(o: { deleting?: boolean; finalizers?: string[]; conditions?: object[] } = {}): Namespace {
  return ({
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { name: 'team', ...(o.deleting === false ? {} : { deletionTimestamp: stamp(0) }) },
    spec: { finalizers: o.finalizers ?? ['kubernetes'] },
    status: { phase: o.deleting === false ? 'Active' : 'Terminating', ...(o.conditions ? { conditions: o.conditions } : {}) },
  }) as Namespace;
}

const obj = (kind: string, name: string, o: { deletingAt?: number; finalizers?: string[] } = {}): KubeObject => ({
  apiVersion: 'v1', kind,
  metadata: { name, namespace: 'team', ...(o.deletingAt !== undefined ? { deletionTimestamp: stamp(o.deletingAt) } : {}), ...(o.finalizers ? { finalizers: o.finalizers } : {}) },
});

const content = (kind: string, ...objects: KubeObject[]): NamespaceContent => ({ resource: storedTypeOf(kind)!, objects });
const conditionsOf = (status: { conditions: { type: string; status: string; reason: string; message: string }[] }) =>
  status.conditions.map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`);

describe('reconcileNamespace', () => {
  it('leaves an active namespace, and one already finalized, alone', () => {
    expect(reconcileNamespace(ns({ deleting: false }), [content('Pod', obj('Pod', 'a'))], at(1))).toEqual({ actions: [] });
    expect(reconcileNamespace(ns({ finalizers: [] }), [content('Pod', obj('Pod', 'a'))], at(1))).toEqual({ actions: [] });
  });

  it('deletes every object not yet being deleted, before writing any status', () => {
    const { actions } = reconcileNamespace(ns(), [
      content('Deployment', { ...obj('Deployment', 'web'), apiVersion: 'apps/v1' }),
      content('Pod', obj('Pod', 'web-1'), obj('Pod', 'web-2', { deletingAt: 30 })),
    ], at(1));
    expect(actions.map((a) => (a.type === 'DeleteObject' ? `delete ${a.resource.plural}/${a.object.metadata.name}` : a.type))).toEqual(['delete deployments/web', 'delete pods/web-1']);
  });

  it('reports the pods still terminating, and rechecks when they are due', () => {
    const result = reconcileNamespace(ns(), [content('Pod', obj('Pod', 'a', { deletingAt: 30 }), obj('Pod', 'b', { deletingAt: 30 }))], at(1));
    expect(result.recheckAfterSeconds).toBe(29);
    expect(result.actions).toHaveLength(1);
    const update = result.actions[0];
    if (update.type !== 'UpdateStatus') throw new Error('expected a status update');
    expect(update.status.phase).toBe('Terminating');
    expect(conditionsOf(update.status as any)).toEqual([
      'NamespaceDeletionDiscoveryFailure False ResourcesDiscovered: All resources successfully discovered',
      'NamespaceDeletionGroupVersionParsingFailure False ParsedGroupVersions: All legacy kube types successfully parsed',
      'NamespaceDeletionContentFailure False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      'NamespaceContentRemaining True SomeResourcesRemain: Some resources are remaining: pods. has 2 resource instances',
      'NamespaceFinalizersRemaining False ContentHasNoFinalizers: All content-preserving finalizers finished',
    ]);
    expect(update.status.conditions!.every((c) => c.lastTransitionTime === stamp(1))).toBe(true);
  });

  it('names the finalizers that hold content, sorted', () => {
    const { actions } = reconcileNamespace(ns(), [
      content('ConfigMap', obj('ConfigMap', 'held', { deletingAt: 0, finalizers: ['example.com/keep'] })),
      { resource: storedTypeOf('Deployment')!, objects: [{ ...obj('Deployment', 'web', { deletingAt: 0, finalizers: ['foregroundDeletion'] }), apiVersion: 'apps/v1' }] },
    ], at(1));
    const update = actions[0];
    if (update.type !== 'UpdateStatus') throw new Error('expected a status update');
    expect(conditionsOf(update.status as any).slice(3)).toEqual([
      'NamespaceContentRemaining True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances, deployments.apps has 1 resource instances',
      'NamespaceFinalizersRemaining True SomeFinalizersRemain: Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances, foregroundDeletion in 1 resource instances',
    ]);
  });

  it('clears the conditions (moving lastTransitionTime only where the status changed) and removes its finalizer when the namespace is empty', () => {
    const first = reconcileNamespace(ns(), [content('Pod', obj('Pod', 'a', { deletingAt: 30 }))], at(1)).actions[0];
    if (first.type !== 'UpdateStatus') throw new Error('expected a status update');
    const { actions } = reconcileNamespace(ns({ finalizers: ['kubernetes', 'example.com/other'], conditions: first.status.conditions }), [content('Pod')], at(40));
    expect(actions.map((a) => a.type)).toEqual(['UpdateStatus', 'Finalize']);
    const update = actions[0];
    if (update.type !== 'UpdateStatus') throw new Error('expected a status update');
    const remaining = update.status.conditions!.find((c: { type: string }) => c.type === 'NamespaceContentRemaining');
    expect(remaining).toEqual({ type: 'NamespaceContentRemaining', status: 'False', lastTransitionTime: stamp(40), reason: 'ContentRemoved', message: 'All content successfully removed' });
    expect(update.status.conditions!.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')?.lastTransitionTime).toBe(stamp(1));
    expect(actions[1]).toEqual({ type: 'Finalize', finalizers: ['example.com/other'] });
  });
});
