import type { Pod, ResourceQuota } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { countedGroupResources, reconcileResourceQuota } from './reconcile-resource-quota.js';

const now = new Date('2026-01-01T00:00:00Z');
const quota = (hard: Record<string, string>, extra: Partial<ResourceQuota> = {}): ResourceQuota => ({
  apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'ns' }, spec: { hard }, ...extra,
});
const pod = (name: string, cpu?: string, phase = 'Running'): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns' },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: cpu ? { requests: { cpu }, limits: { cpu } } : {} }] }, status: { phase },
});

describe('reconcileResourceQuota', () => {
  it('writes hard from spec and used from the live pods, leaving ended pods out', () => {
    const q = quota({ pods: '2', 'requests.cpu': '1', 'count/pods': '10' });
    const objects = new Map([['pods', [pod('a', '250m'), pod('b', '500m'), pod('done', '1', 'Succeeded')]]]);
    expect(reconcileResourceQuota(q, objects, now)).toEqual([{
      type: 'UpdateStatus',
      status: { hard: { 'count/pods': '10', pods: '2', 'requests.cpu': '1' }, used: { 'count/pods': '3', pods: '2', 'requests.cpu': '750m' } },
    }]);
  });

  it('counts zero when nothing is there, and writes nothing when the status is already right', () => {
    const q = quota({ pods: '2', configmaps: '5' });
    const objects = new Map([['pods', []], ['configmaps', []]]);
    const [action] = reconcileResourceQuota(q, objects, now);
    expect(action.status).toEqual({ hard: { configmaps: '5', pods: '2' }, used: { configmaps: '0', pods: '0' } });
    expect(reconcileResourceQuota({ ...q, status: action.status }, objects, now)).toEqual([]);
  });

  it('counts only the pods within the scopes', () => {
    const q = quota({ pods: '5' }, { spec: { hard: { pods: '5' }, scopes: ['NotBestEffort'] } });
    const [action] = reconcileResourceQuota(q, new Map([['pods', [pod('a'), pod('b', '1')]]]), now);
    expect(action.status.used).toEqual({ pods: '1' });
  });

  it('leaves out a kind it could not list, and counts any kind by count/<resource>.<group>', () => {
    const q = quota({ 'count/deployments.apps': '2', 'count/widgets.example.com': '1' });
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'ns' } };
    const [action] = reconcileResourceQuota(q, new Map([['deployments.apps', [deployment]]]), now);
    expect(action.status.used).toEqual({ 'count/deployments.apps': '1' });
  });
});

describe('countedGroupResources', () => {
  it('names each kind a quota counts once', () => {
    expect(countedGroupResources(quota({ pods: '1', 'count/pods': '1', 'requests.storage': '1Gi', 'services.nodeports': '1', secrets: '1', 'count/jobs.batch': '1' }))).toEqual([
      { group: '', resource: 'pods' }, { group: '', resource: 'persistentvolumeclaims' }, { group: '', resource: 'services' }, { group: '', resource: 'secrets' }, { group: 'batch', resource: 'jobs' },
    ]);
  });
});
