import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { aggregatedRules } from './aggregated-rules.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import type { PolicyRule } from './types.js';

const clusterRole = (name: string, labels: Record<string, string>, rules: PolicyRule[] | null, aggregateLabel?: string): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels }, rules,
  ...(aggregateLabel ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregateLabel]: 'true' } }] } } : {}),
});
const pods: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
const nodes: PolicyRule = { verbs: ['list'], apiGroups: [''], resources: ['nodes'] };

describe('aggregatedRules', () => {
  it('is undefined for a role without an aggregationRule', () => {
    expect(aggregatedRules(clusterRole('plain', {}, [pods]), [])).toBeUndefined();
  });

  it('appends the rules of the matching roles by name, each rule once, ignoring the role\'s own', () => {
    const target = clusterRole('target', { agg: 'true' }, [nodes], 'agg');
    const all = [target, clusterRole('b', { agg: 'true' }, [pods, nodes]), clusterRole('a', { agg: 'true' }, [pods]), clusterRole('c', {}, [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }])];
    expect(aggregatedRules(target, all)).toEqual([pods, nodes]);
  });

  it('follows the selectors in order', () => {
    const target: KubeObject = {
      ...clusterRole('target', {}, null),
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { second: 'true' } }, { matchExpressions: [{ key: 'first', operator: 'Exists' }] }] },
    };
    expect(aggregatedRules(target, [target, clusterRole('a', { first: 'x' }, [pods]), clusterRole('z', { second: 'true' }, [nodes])])).toEqual([nodes, pods]);
  });

  it('is empty when nothing matches', () => {
    const target = clusterRole('target', {}, null, 'agg');
    expect(aggregatedRules(target, [target])).toEqual([]);
  });

  it('is undefined for an invalid selector, so the stored rules stand', () => {
    const target: KubeObject = { ...clusterRole('target', {}, [pods]), aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'k', operator: 'Near' }] }] } };
    expect(aggregatedRules(target, [target])).toBeUndefined();
  });

  it('takes what a selected role aggregates, and stops at a cycle', () => {
    const outer = clusterRole('outer', {}, null, 'to-outer');
    const inner = clusterRole('inner', { 'to-outer': 'true', 'to-inner': 'true' }, null, 'to-inner');
    const leaf = clusterRole('leaf', { 'to-inner': 'true' }, [pods]);
    expect(aggregatedRules(outer, [outer, inner, leaf])).toEqual([pods]);
    const loopA = clusterRole('loop-a', { 'to-b': 'true' }, [pods], 'to-a');
    const loopB = clusterRole('loop-b', { 'to-a': 'true' }, [nodes], 'to-b');
    expect(aggregatedRules(loopA, [loopA, loopB])).toEqual([pods]);
  });

  it('gives view the aggregate-to-view rules, edit view\'s and its own, admin all three', () => {
    const byName = (name: string) => bootstrapPolicy.clusterRoles.find((r) => r.metadata.name === name)!;
    const rulesOf = (name: string) => byName(name).rules as PolicyRule[];
    const view = aggregatedRules(byName('view'), bootstrapPolicy.clusterRoles);
    expect(view).toEqual(rulesOf('system:aggregate-to-view'));
    const edit = aggregatedRules(byName('edit'), bootstrapPolicy.clusterRoles)!;
    expect(edit.slice(0, rulesOf('system:aggregate-to-edit').length)).toEqual(rulesOf('system:aggregate-to-edit'));
    expect(edit).toEqual(expect.arrayContaining(rulesOf('system:aggregate-to-view')));
    const admin = aggregatedRules(byName('admin'), bootstrapPolicy.clusterRoles)!;
    expect(admin).toEqual(expect.arrayContaining([...rulesOf('system:aggregate-to-admin'), ...edit]));
  });
});
