import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { componentStatusPrinter } from './component-status-printer.js';
import { podTemplatePrinter } from './pod-template-printer.js';
import { replicationControllerPrinter } from './replication-controller-printer.js';
import { resourceQuotaPrinter } from './resource-quota-printer.js';
import { serviceAccountPrinter } from './service-account-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: '2024-05-01T09:00:00Z' });

describe('componentStatusPrinter', () => {
  it('declares NAME STATUS MESSAGE ERROR without AGE', () => {
    expect(componentStatusPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Message', 'Error']);
  });

  it.each<[string, object[] | undefined, unknown[]]>([
    ['a healthy component', [{ type: 'Healthy', status: 'True', message: 'ok' }], ['etcd-0', 'Healthy', 'ok', '']],
    ['an unhealthy one', [{ type: 'Healthy', status: 'False', message: '', error: 'dial tcp 127.0.0.1:2379: connect: connection refused' }], ['etcd-0', 'Unhealthy', '', 'dial tcp 127.0.0.1:2379: connect: connection refused']],
    ['one without conditions', undefined, ['etcd-0', 'Unknown', '', '']],
  ])('prints %s', (_name, conditions, cells) => {
    const obj = { apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name: 'etcd-0' }, conditions } as KubeObject;
    expect(componentStatusPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('serviceAccountPrinter', () => {
  it('counts the listed secrets', () => {
    const obj = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('build-robot'), secrets: [{ name: 'build-robot-secret' }] } as KubeObject;
    expect(serviceAccountPrinter.print(obj, now).cells).toEqual(['build-robot', 1, '3h']);
    expect(serviceAccountPrinter.print({ ...obj, secrets: undefined } as KubeObject, now).cells).toEqual(['build-robot', 0, '3h']);
    expect(serviceAccountPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Secrets', 'Age']);
  });
});

describe('podTemplatePrinter', () => {
  it('shows containers, images and pod labels by default', () => {
    expect(podTemplatePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Containers:0', 'Images:0', 'Pod Labels:0']);
    const obj = {
      apiVersion: 'v1', kind: 'PodTemplate', metadata: meta('nginx'),
      template: { metadata: { labels: { app: 'nginx', tier: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }, { name: 'log', image: 'busybox' }] } },
    } as KubeObject;
    expect(podTemplatePrinter.print(obj, now).cells).toEqual(['nginx', 'nginx,log', 'nginx:1.14.2,busybox', 'app=nginx,tier=web']);
    expect(podTemplatePrinter.print({ ...obj, template: {} } as KubeObject, now).cells).toEqual(['nginx', '', '', '<none>']);
  });
});

describe('replicationControllerPrinter', () => {
  it('declares DESIRED CURRENT READY as integers and the wide columns', () => {
    expect(replicationControllerPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0', 'Desired:integer:0', 'Current:integer:0', 'Ready:integer:0', 'Age:string:0',
      'Containers:string:1', 'Images:string:1', 'Selector:string:1',
    ]);
  });

  it.each<[string, KubeObject, unknown[]]>([
    [
      'the nginx controller of the docs',
      {
        apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('nginx'),
        spec: { replicas: 3, selector: { app: 'nginx' }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
        status: { replicas: 3, readyReplicas: 2 },
      },
      ['nginx', 3, 3, 2, '3h', 'nginx', 'nginx', 'app=nginx'],
    ],
    [
      'a controller without template or status',
      { apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('empty'), spec: { replicas: 0 } },
      ['empty', 0, 0, 0, '3h', '', '', '<none>'],
    ],
  ])('prints %s', (_name, obj, cells) => {
    expect(replicationControllerPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('resourceQuotaPrinter', () => {
  it('declares NAME AGE REQUEST LIMIT (1.32 order)', () => {
    expect(resourceQuotaPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Age', 'Request', 'Limit']);
  });

  it.each<[string, object, unknown[]]>([
    [
      'the mem-cpu-demo quota of the docs, partly used',
      {
        hard: { 'limits.cpu': '2', 'limits.memory': '2Gi', 'requests.cpu': '1', 'requests.memory': '1Gi' },
        used: { 'limits.cpu': '800m', 'limits.memory': '800Mi', 'requests.cpu': '400m', 'requests.memory': '600Mi' },
      },
      ['mem-cpu-demo', '3h', 'requests.cpu: 400m/1, requests.memory: 600Mi/1Gi', 'limits.cpu: 800m/2, limits.memory: 800Mi/2Gi'],
    ],
    [
      'object counts and unreported usage (0), hard limits canonicalised',
      { hard: { pods: '10', cpu: '1000m', 'count/deployments.apps': '2', memory: '1024Mi' }, used: { pods: '3' } },
      ['mem-cpu-demo', '3h', 'count/deployments.apps: 0/2, cpu: 0/1, memory: 0/1Gi, pods: 3/10', ''],
    ],
    ['a quota the controller has not seen yet', {}, ['mem-cpu-demo', '3h', '', '']],
  ])('prints %s', (_name, status, cells) => {
    const obj = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('mem-cpu-demo'), spec: {}, status } as KubeObject;
    expect(resourceQuotaPrinter.print(obj, now).cells).toEqual(cells);
  });
});
