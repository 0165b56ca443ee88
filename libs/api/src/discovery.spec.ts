import { describe, expect, it } from 'vitest';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList } from './discovery.js';

describe('discovery of the resource metrics API', () => {
  it('serves /apis/metrics.k8s.io as metrics-server\'s APIGroup, and nothing for a group not served', () => {
    expect(apiGroup('metrics.k8s.io')).toEqual({
      kind: 'APIGroup', apiVersion: 'v1', name: 'metrics.k8s.io',
      versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
    });
    expect(apiGroup('apps')).toMatchObject({ name: 'apps', preferredVersion: { version: 'v1' } });
    expect(apiGroup('nope.example.com')).toBeUndefined();
  });

  it('lists the group last in /apis, as its APIService\'s lowest group priority places it', () => {
    expect(apiGroupList().groups.at(-1)?.name).toBe('metrics.k8s.io');
    expect(aggregatedDiscovery(false, 'v2').items.at(-1)).toEqual({
      metadata: { name: 'metrics.k8s.io' },
      versions: [{
        version: 'v1beta1', freshness: 'Current',
        resources: [
          { resource: 'nodes', responseKind: { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics' }, scope: 'Cluster', singularResource: '', verbs: ['get', 'list'], subresources: [] },
          { resource: 'pods', responseKind: { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics' }, scope: 'Namespaced', singularResource: '', verbs: ['get', 'list'], subresources: [] },
        ],
      }],
    });
  });

  it('lists nodes and pods in /apis/metrics.k8s.io/v1beta1, get and list only', () => {
    expect(apiResourceList('metrics.k8s.io', 'v1beta1')?.resources).toEqual([
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ]);
  });
});
