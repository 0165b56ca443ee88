import { describe, expect, it } from 'vitest';
import { definitionType } from './field-types.js';
import { FieldSet } from './field-set.js';
import { encodeFieldsV1 } from './fields-v1.js';
import { identityOf, type ManagerEntry } from './managers.js';
import { ApplyConflicts, recordApply, recordUpdate, type Write } from './updater.js';
import { zeroObject } from './zero-object.js';
import { pathToString } from './path-element.js';

const write: Write = { type: definitionType('io.k8s.api.apps.v1.Deployment'), ignored: FieldSet.of([[{ field: 'status' }]]), now: '2025-01-01T00:00:00Z' };
const update = (manager: string) => ({ manager, operation: 'Update' as const, apiVersion: 'apps/v1' });
const apply = (manager: string) => ({ manager, operation: 'Apply' as const, apiVersion: 'apps/v1' });
const fieldsOf = (managers: Map<string, ManagerEntry>, who: { manager: string; operation: 'Apply' | 'Update'; apiVersion: string }) => {
  const entry = managers.get(identityOf(who));
  return entry ? encodeFieldsV1(entry.set) : undefined;
};
const deployment = (spec: object, labels: Record<string, string> = { app: 'web' }) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels }, spec });

describe('recordUpdate', () => {
  it('gives a creator the fields it set, with "." only where the zero value had nothing', () => {
    const created = deployment({ replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } });
    const managers = recordUpdate(zeroObject('Deployment'), created, new Map(), update('kubectl-create'), write);
    expect(fieldsOf(managers, update('kubectl-create'))).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': { 'f:replicas': {}, 'f:selector': {}, 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } },
    });
  });

  it('takes changed fields from other managers, drops removed ones from everyone and never owns status', () => {
    const before = deployment({ replicas: 1, paused: true });
    const creator = recordUpdate({}, before, new Map(), update('a'), write);
    const after = { ...deployment({ replicas: 2 }), status: { replicas: 2 } };
    const managers = recordUpdate(before, after, creator, update('b'), write);
    expect(fieldsOf(managers, update('a'))).toEqual({ 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': {} });
    expect(fieldsOf(managers, update('b'))).toEqual({ 'f:spec': { 'f:replicas': {} } });
  });

  it('records nothing, not even a time, when nothing changed', () => {
    const object = deployment({ replicas: 1 });
    const managers = recordUpdate({}, object, new Map(), update('a'), write);
    expect(recordUpdate(object, object, managers, update('b'), { ...write, now: 'later' })).toEqual(managers);
  });
});

describe('recordApply', () => {
  const live = deployment({ replicas: 1, selector: { matchLabels: { app: 'web' } } });
  const owners = recordUpdate({}, live, new Map(), update('kubectl-client-side-apply'), write);

  it('conflicts on a field another manager owns with another value', () => {
    let thrown: unknown;
    try {
      recordApply(live, deployment({ replicas: 3 }), owners, apply('a'), false, write);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ApplyConflicts);
    expect((thrown as ApplyConflicts).conflicts.map((c) => [JSON.parse(c.manager).manager, pathToString(c.path)])).toEqual([['kubectl-client-side-apply', '.spec.replicas']]);
  });

  it('shares a field applied with the same value, and forcing takes the others away', () => {
    const shared = recordApply(live, deployment({ replicas: 1 }), owners, apply('a'), false, write);
    expect(shared.changed).toBe(false);
    expect(fieldsOf(shared.managers, update('kubectl-client-side-apply'))?.['f:spec']).toHaveProperty(['f:replicas']);
    const forced = recordApply(live, deployment({ replicas: 3 }), owners, apply('a'), true, write);
    expect((forced.object as any).spec.replicas).toBe(3);
    expect(fieldsOf(forced.managers, update('kubectl-client-side-apply'))?.['f:spec']).not.toHaveProperty(['f:replicas']);
    expect(fieldsOf(forced.managers, apply('a'))).toEqual({ 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } });
  });

  it.each<[string, Record<string, string> | undefined, Record<string, string>]>([
    ['removes a field the applier dropped when nobody else owns it', undefined, { app: 'web' }],
    ['keeps it when another applier owns it too', { app: 'web', tier: 'x' }, { app: 'web', tier: 'x' }],
  ])('%s', (_name, otherLabels, expected) => {
    const first = recordApply({}, deployment({}, { app: 'web', tier: 'x' }), new Map(), apply('a'), false, write);
    const withOther = otherLabels ? recordApply(first.object, deployment({}, otherLabels), first.managers, apply('b'), false, write) : first;
    const dropped = recordApply(withOther.object, deployment({}, { app: 'web' }), withOther.managers, apply('a'), false, write);
    expect((dropped.object as any).metadata.labels).toEqual(expected);
  });

  it('merges associative lists by key, keeping live-only elements in place', () => {
    const withSidecar = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'side', image: 's' }, { name: 'app', image: 'a:1' }] } } } };
    const config = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'a:2' }, { name: 'new', image: 'n' }] } } } };
    const result = recordApply(withSidecar, config, new Map(), apply('a'), false, write);
    expect((result.object as any).spec.template.spec.containers).toEqual([{ name: 'side', image: 's' }, { name: 'app', image: 'a:2' }, { name: 'new', image: 'n' }]);
  });
});
