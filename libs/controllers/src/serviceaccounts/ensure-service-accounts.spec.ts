import { describe, expect, it } from 'vitest';
import type { KubeObject, Namespace } from '@kubelab/api';
import { missingServiceAccounts } from './ensure-service-accounts.js';

const ns = (name: string, o: { phase?: string; deleting?: boolean } = {}): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
  status: { phase: o.phase ?? 'Active' },
});
const sa = (namespace: string, name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });

describe('missingServiceAccounts', () => {
  it.each([
    { given: 'a new namespace without ServiceAccounts', namespace: ns('team-a'), existing: [], want: ['team-a/default'] },
    { given: 'the default ServiceAccount of another namespace only', namespace: ns('team-a'), existing: [sa('team-b', 'default')], want: ['team-a/default'] },
    { given: 'a namespace that has its default ServiceAccount', namespace: ns('team-a'), existing: [sa('team-a', 'default'), sa('team-a', 'builder')], want: [] },
    { given: 'a namespace being deleted', namespace: ns('team-a', { deleting: true, phase: 'Terminating' }), existing: [], want: [] },
    { given: 'a Terminating namespace not yet marked', namespace: ns('team-a', { phase: 'Terminating' }), existing: [], want: [] },
  ])('$given', ({ namespace, existing, want }) => {
    const created = missingServiceAccounts(namespace, existing);
    expect(created.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(want);
    for (const o of created) expect(o).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'team-a' } });
  });
});
