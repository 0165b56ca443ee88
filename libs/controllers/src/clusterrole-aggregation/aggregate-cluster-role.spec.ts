import { bootstrapPolicy, type ClusterRole, type KubeObject } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { aggregateClusterRole, aggregatingClusterRoles } from './aggregate-cluster-role.js';

const clusterRole = (name: string, labels: Record<string, string>, rules: unknown, aggregateLabel?: string): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels, resourceVersion: '7' }, rules,
  ...(aggregateLabel ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregateLabel]: 'true' } }] } } : {}),
});
const pods = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
const nodes = { verbs: ['list'], apiGroups: [''], resources: ['nodes'] };

describe('aggregateClusterRole', () => {
  it('writes the matching roles\' rules into an aggregating role, keeping the rest of it', () => {
    const monitoring = clusterRole('monitoring', {}, null, 'agg');
    const all = [monitoring, clusterRole('b', { agg: 'true' }, [nodes]), clusterRole('a', { agg: 'true' }, [pods, nodes])];
    expect(aggregateClusterRole(monitoring, all)).toEqual({ type: 'UpdateClusterRoleRules', clusterRole: { ...monitoring, rules: [pods, nodes] } });
  });

  it('does nothing when the rules are already right, or for a role that does not aggregate, or one gone', () => {
    const monitoring = clusterRole('monitoring', {}, [pods], 'agg');
    expect(aggregateClusterRole(monitoring, [monitoring, clusterRole('a', { agg: 'true' }, [pods])])).toBeUndefined();
    expect(aggregateClusterRole(clusterRole('plain', {}, [pods]), [])).toBeUndefined();
    expect(aggregateClusterRole(undefined, [])).toBeUndefined();
  });

  it('takes an empty list for no rules, and empties a role whose sources are gone', () => {
    const empty = clusterRole('monitoring', {}, null, 'agg');
    expect(aggregateClusterRole(empty, [empty])).toBeUndefined();
    const stale = clusterRole('monitoring', {}, [pods], 'agg');
    expect(aggregateClusterRole(stale, [stale])?.clusterRole.rules).toEqual([]);
  });

  it('gives the default admin, edit and view their rules in one pass, admin edit\'s before its own (roles by name)', () => {
    const all = bootstrapPolicy.clusterRoles as readonly ClusterRole[];
    const rulesOf = (name: string) => (aggregateClusterRole(all.find((r) => r.metadata.name === name), all)?.clusterRole as ClusterRole | undefined)?.rules;
    expect(rulesOf('view')).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'] });
    expect(JSON.stringify(rulesOf('view'))).not.toContain('"secrets"');
    expect(rulesOf('edit')).toContainEqual({ verbs: ['create', 'delete', 'deletecollection', 'patch', 'update'], apiGroups: ['apps'], resources: expect.arrayContaining(['deployments']) });
    expect(rulesOf('admin')?.slice(0, rulesOf('edit')!.length)).toEqual(rulesOf('edit'));
    expect(rulesOf('admin')?.at(-1)).toEqual({ verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'] });
  });
});

describe('aggregatingClusterRoles', () => {
  it('names the roles with an aggregationRule', () => {
    expect(aggregatingClusterRoles(bootstrapPolicy.clusterRoles)).toEqual(['admin', 'edit', 'view']);
  });
});
