import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { podPrinter } from './pod-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

function pod(spec: Partial<Pod['spec']>, status: Pod['status'], metadata: Partial<Pod['metadata']> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(300), ...metadata },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

const runningReady = { running: {} };
const cell = (obj: KubeObject, column: string) => podPrinter.print(obj, now).cells[podPrinter.columns.findIndex((c) => c.name === column)];

describe('podPrinter', () => {
  it('declares the kube-apiserver pod columns', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ]);
    expect(podPrinter.columns[0].format).toBe('name');
  });

  it('prints a running pod with every wide cell', () => {
    const obj = pod(
      { nodeName: 'node-1', readinessGates: [{ conditionType: 'example.com/a' }, { conditionType: 'example.com/b' }] },
      {
        phase: 'Running',
        podIP: '10.244.1.5',
        podIPs: [{ ip: '10.244.1.5' }],
        conditions: [
          { type: 'example.com/a', status: 'True' },
          { type: 'example.com/b', status: 'False' },
        ],
        containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: runningReady }],
      },
    );
    expect(podPrinter.print(obj, now)).toEqual({
      cells: ['web', '1/1', 'Running', '0', '5m', '10.244.1.5', 'node-1', '<none>', '1/2'],
    });
  });

  it('prints <none> for an unscheduled pod and Completed conditions for finished ones', () => {
    expect(podPrinter.print(pod({}, { phase: 'Pending' }), now).cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
    expect(podPrinter.print(pod({}, { phase: 'Succeeded' }), now).conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    expect(podPrinter.print(pod({}, { phase: 'Failed' }), now).conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
    expect(podPrinter.print(pod({}, { phase: 'Running' }), now).conditions).toBeUndefined();
  });

  it.each<[string, Partial<Pod['spec']>, Pod['status'], string]>([
    ['no statuses', {}, { phase: 'Pending' }, '0/1'],
    [
      'one of two ready',
      { containers: [{ name: 'a' }, { name: 'b' }] },
      {
        containerStatuses: [
          { name: 'a', image: '', imageID: '', ready: true, restartCount: 0, state: runningReady },
          { name: 'b', image: '', imageID: '', ready: false, restartCount: 0, state: runningReady },
        ],
      },
      '1/2',
    ],
    [
      'a ready sidecar counts beside the app container',
      { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }, { name: 'setup' }] },
      {
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { name: 'proxy', image: '', imageID: '', ready: true, started: true, restartCount: 0, state: runningReady },
          { name: 'setup', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
        containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: runningReady }],
      },
      '2/2',
    ],
    [
      'app containers do not count while init blocks',
      { initContainers: [{ name: 'setup' }] },
      {
        initContainerStatuses: [{ name: 'setup', image: '', imageID: '', ready: false, restartCount: 0, state: runningReady }],
        containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: runningReady }],
      },
      '0/1',
    ],
  ])('READY with %s is %j', (_name, spec, status, expected) => {
    expect(cell(pod(spec, status), 'Ready')).toBe(expected);
  });

  it.each<[string, Partial<Pod['spec']>, Pod['status'], string]>([
    ['no restarts', {}, { containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: runningReady }] }, '0'],
    [
      'restarts without a termination time',
      {},
      { containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 3, state: runningReady }] },
      '3',
    ],
    [
      'restarts with the latest termination across containers',
      { containers: [{ name: 'a' }, { name: 'b' }] },
      {
        containerStatuses: [
          { name: 'a', image: '', imageID: '', ready: true, restartCount: 1, state: runningReady, lastState: { terminated: { exitCode: 1, finishedAt: ago(600) } } },
          { name: 'b', image: '', imageID: '', ready: true, restartCount: 1, state: runningReady, lastState: { terminated: { exitCode: 1, finishedAt: ago(15) } } },
        ],
      },
      '2 (15s ago)',
    ],
    [
      'init container restarts while init blocks',
      { initContainers: [{ name: 'setup' }] },
      {
        initContainerStatuses: [
          { name: 'setup', image: '', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } } },
        ],
        containerStatuses: [{ name: 'app', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      },
      '4 (90s ago)',
    ],
    [
      'finished init containers no longer count, sidecars do',
      { initContainers: [{ name: 'setup' }, { name: 'proxy', restartPolicy: 'Always' }] },
      {
        initContainerStatuses: [
          { name: 'setup', image: '', imageID: '', ready: false, restartCount: 5, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'proxy', image: '', imageID: '', ready: true, started: true, restartCount: 2, state: runningReady },
        ],
        containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 1, state: runningReady }],
      },
      '3',
    ],
  ])('RESTARTS with %s is %j', (_name, spec, status, expected) => {
    expect(cell(pod(spec, status), 'Restarts')).toBe(expected);
  });

  it('prints <unknown> age without a creation timestamp', () => {
    expect(cell(pod({}, {}, { creationTimestamp: undefined }), 'Age')).toBe('<unknown>');
  });
});
