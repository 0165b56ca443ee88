import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { deploymentPrinter } from './deployment-printer.js';
import { jobPrinter } from './job-printer.js';
import { leasePrinter } from './lease-printer.js';
import { namespacePrinter } from './namespace-printer.js';
import { replicaSetPrinter } from './replica-set-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T09:00:00Z' };
const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.27' },
      { name: 'log', image: 'busybox' },
    ],
  },
};
const names = (printer: { columns: readonly { name: string; priority: number }[] }) => printer.columns.map((c) => `${c.name}:${c.priority}`);

describe('deploymentPrinter', () => {
  it('declares NAME READY UP-TO-DATE AVAILABLE AGE and wide CONTAINERS IMAGES SELECTOR', () => {
    expect(names(deploymentPrinter)).toEqual(['Name:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1']);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    [
      'a rolled-out deployment',
      { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
      ['web', '3/3', 3, 3, '3h', 'app,log', 'nginx:1.27,busybox', 'app=web'],
    ],
    [
      'a deployment with no status yet',
      { replicas: 2, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] }, template },
      {},
      ['web', '0/2', 0, 0, '3h', 'app,log', 'nginx:1.27,busybox', 'app=web,tier in (a,b)'],
    ],
    [
      'an invalid selector',
      { replicas: 1, selector: { matchExpressions: [{ key: 'tier', operator: 'Near' }] }, template },
      {},
      ['web', '0/1', 0, 0, '3h', 'app,log', 'nginx:1.27,busybox', '<invalid>'],
    ],
  ])('prints %s', (_name, spec, status, cells) => {
    const obj: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec, status };
    expect(deploymentPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('replicaSetPrinter', () => {
  it('declares NAME DESIRED CURRENT READY AGE and wide CONTAINERS IMAGES SELECTOR', () => {
    expect(names(replicaSetPrinter)).toEqual(['Name:0', 'Desired:0', 'Current:0', 'Ready:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1']);
    expect(replicaSetPrinter.columns.slice(1, 4).map((c) => c.type)).toEqual(['integer', 'integer', 'integer']);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    [
      'a scaled replica set',
      { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d9c' } }, template },
      { replicas: 3, readyReplicas: 2 },
      ['web', 3, 3, 2, '3h', 'app,log', 'nginx:1.27,busybox', 'app=web,pod-template-hash=5d9c'],
    ],
    ['a replica set scaled to zero with an empty selector', { replicas: 0, selector: {}, template }, {}, ['web', 0, 0, 0, '3h', 'app,log', 'nginx:1.27,busybox', '<none>']],
    [
      'an invalid selector',
      { replicas: 1, selector: { matchLabels: { 'bad key': 'x' } }, template },
      {},
      ['web', 1, 0, 0, '3h', 'app,log', 'nginx:1.27,busybox', '<error>'],
    ],
  ])('prints %s', (_name, spec, status, cells) => {
    const obj: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata, spec, status };
    expect(replicaSetPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('jobPrinter', () => {
  const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };
  const condition = (type: string, status = 'True') => ({ type, status });

  it('declares NAME STATUS COMPLETIONS DURATION AGE and wide CONTAINERS IMAGES SELECTOR', () => {
    expect(names(jobPrinter)).toEqual(['Name:0', 'Status:0', 'Completions:0', 'Duration:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1']);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    [
      'a running job',
      { completions: 3, parallelism: 1, selector, template },
      { startTime: '2024-05-01T11:55:00Z', succeeded: 1, active: 1 },
      {},
      ['web', 'Running', '1/3', '5m', '3h', 'app,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=abc'],
    ],
    [
      'a complete job',
      { completions: 1, selector, template },
      {
        startTime: '2024-05-01T11:00:00Z',
        completionTime: '2024-05-01T11:00:42Z',
        succeeded: 1,
        conditions: [condition('SuccessCriteriaMet'), condition('Complete')],
      },
      {},
      ['web', 'Complete', '1/1', '42s', '3h', 'app,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=abc'],
    ],
    [
      'a failed job',
      { completions: 1, selector, template },
      { startTime: '2024-05-01T11:00:00Z', failed: 7, conditions: [condition('FailureTarget'), condition('Failed')] },
      {},
      ['web', 'Failed', '0/1', '60m', '3h', 'app,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=abc'],
    ],
    [
      'a job about to fail',
      { parallelism: 4, selector, template },
      { startTime: '2024-05-01T11:00:00Z', conditions: [condition('FailureTarget')] },
      {},
      ['web', 'FailureTarget', '0/1 of 4', '60m', '3h', 'app,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=abc'],
    ],
    [
      'a suspended job that never started',
      { completions: 2, suspend: true, selector, template },
      { conditions: [condition('Suspended')] },
      {},
      ['web', 'Suspended', '0/2', '', '3h', 'app,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=abc'],
    ],
    [
      'a job being deleted',
      { completions: 1, selector, template },
      { conditions: [condition('Suspended')] },
      { deletionTimestamp: '2024-05-01T11:59:00Z' },
      ['web', 'Terminating', '0/1', '', '3h', 'app,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=abc'],
    ],
    [
      'a condition that is no longer true',
      { parallelism: 1, template },
      { conditions: [condition('Suspended', 'False')] },
      {},
      ['web', 'Running', '0/1', '', '3h', 'app,log', 'nginx:1.27,busybox', '<none>'],
    ],
  ])('prints %s', (_name, spec, status, extraMetadata, cells) => {
    const obj: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { ...metadata, ...extraMetadata }, spec, status };
    expect(jobPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('namespacePrinter and leasePrinter', () => {
  it('prints NAME STATUS AGE for namespaces', () => {
    expect(names(namespacePrinter)).toEqual(['Name:0', 'Status:0', 'Age:0']);
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', creationTimestamp: '2024-03-01T12:00:00Z' }, status: { phase: 'Terminating' } };
    expect(namespacePrinter.print(obj, now).cells).toEqual(['dev', 'Terminating', '61d']);
  });

  it('prints NAME HOLDER AGE for leases', () => {
    expect(names(leasePrinter)).toEqual(['Name:0', 'Holder:0', 'Age:0']);
    const held: KubeObject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata, spec: { holderIdentity: 'node-1' } };
    const free: KubeObject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata, spec: {} };
    expect(leasePrinter.print(held, now).cells).toEqual(['web', 'node-1', '3h']);
    expect(leasePrinter.print(free, now).cells).toEqual(['web', '', '3h']);
  });
});
