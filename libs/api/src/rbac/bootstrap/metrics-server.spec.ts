import { describe, expect, it } from 'vitest';
import { aggregatedRules } from '../aggregated-rules.js';
import { bootstrapPolicy } from '../bootstrap-policy.js';
import { metricsServerClusterRoles } from './metrics-server.js';

const all = [...bootstrapPolicy.clusterRoles, ...metricsServerClusterRoles];
const role = (name: string) => all.find((r) => r.metadata.name === name)!;
const metricsRule = { verbs: ['get', 'list', 'watch'], apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'] };

describe('metrics-server\'s ClusterRoles', () => {
  it.each(['view', 'edit', 'admin'])('lets %s read the resource metrics API, through aggregation', (name) => {
    expect(aggregatedRules(role(name), all)).toContainEqual(metricsRule);
  });

  it('is the add-on\'s object, labelled as its manifest labels it', () => {
    expect(role('system:aggregated-metrics-reader').metadata.labels).toMatchObject({ 'k8s-app': 'metrics-server' });
    expect(role('system:aggregated-metrics-reader').metadata.labels).not.toHaveProperty('kubernetes.io/bootstrapping');
  });
});
