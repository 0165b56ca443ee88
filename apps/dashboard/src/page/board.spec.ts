import { describe, expect, it } from 'vitest';
import { boardOf } from './board.js';
import { viewFromLists } from './cluster-view.js';

const now = new Date('2026-11-22T10:00:00Z');
const node = (name: string, ready: string, unschedulable = false): any => ({ metadata: { name }, spec: { unschedulable }, status: { conditions: [{ type: 'Ready', status: ready }] } });
const running = { running: { startedAt: '2026-11-22T09:00:00Z' } };
const pod = (name: string, nodeName: string | undefined, status: any): any => ({
  metadata: { namespace: 'default', name }, spec: { nodeName, containers: [{ name: 'c' }] }, status,
});

describe('boardOf', () => {
  const view = viewFromLists(
    [node('node-10', 'True'), node('node-2', 'Unknown'), node('node-1', 'True', true)],
    [
      pod('web-b', 'node-1', { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: running }] }),
      pod('web-a', 'node-1', {
        phase: 'Running',
        containerStatuses: [{ name: 'c', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2026-11-22T09:59:45Z' } } }],
      }),
      pod('web-c', undefined, { phase: 'Pending' }),
      pod('web-d', 'node-9', { phase: 'Running' }),
    ],
  );
  const board = boardOf(view, now);

  it('makes a column per node in natural name order, with kubectl STATUS and cordon', () => {
    expect(board.nodes.map((c) => [c.name, c.status, c.tone, c.cordoned])).toEqual([
      ['node-1', 'Ready,SchedulingDisabled', 'running', true],
      ['node-2', 'NotReady', 'failing', false],
      ['node-9', 'Unknown', 'failing', false],
      ['node-10', 'Ready', 'running', false],
    ]);
  });

  it('puts pods in their node as cards with READY, STATUS and RESTARTS as kubectl prints them', () => {
    expect(board.nodes[0].pods.map((p) => [p.name, p.ready, p.status, p.restarts, p.tone])).toEqual([
      ['web-a', '0/1', 'CrashLoopBackOff', '3 (15s ago)', 'failing'],
      ['web-b', '1/1', 'Running', '0', 'running'],
    ]);
  });

  it('keeps unscheduled pods in the Pending column', () => {
    expect(board.pending.map((p) => [p.key, p.status, p.tone])).toEqual([['default/web-c', 'Pending', 'waiting']]);
  });

  it('lists the containers a terminal can enter: running ones in spec order, the default-container annotation first', () => {
    expect(board.nodes[0].pods.map((p) => [p.name, p.containers])).toEqual([['web-a', []], ['web-b', ['c']]]);
    const sidecar = (annotations: Record<string, string>): any => ({
      metadata: { namespace: 'default', name: 'sidecar', annotations },
      spec: { nodeName: 'node-1', containers: [{ name: 'app' }, { name: 'log' }, { name: 'proxy' }] },
      status: {
        phase: 'Running',
        containerStatuses: [{ name: 'proxy', state: running }, { name: 'log', state: { terminated: { exitCode: 0 } } }, { name: 'app', state: running }],
      },
    });
    const containers = (annotations: Record<string, string>) => boardOf(viewFromLists([node('node-1', 'True')], [sidecar(annotations)]), now).nodes[0].pods[0].containers;
    expect(containers({})).toEqual(['app', 'proxy']);
    expect(containers({ 'kubectl.kubernetes.io/default-container': 'proxy' })).toEqual(['proxy', 'app']);
    expect(containers({ 'kubectl.kubernetes.io/default-container': 'log' })).toEqual(['app', 'proxy']);
  });
});
