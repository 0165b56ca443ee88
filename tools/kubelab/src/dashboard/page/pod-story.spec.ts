import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../log-client.js';
import { lifecycleRows, whyChain } from './pod-story.js';

const at = (s: number) => `2026-11-22T10:00:${String(s).padStart(2, '0')}.000Z`;
const podEntry = (seq: number, type: string, actor: string, cause: number | null, status: any): LogEntry => ({
  seq, time: at(seq), type, kind: 'Pod', namespace: 'default', name: 'web-x', uid: 'u1', actor, cause,
  object: { kind: 'Pod', metadata: { namespace: 'default', name: 'web-x', uid: 'u1' }, spec: { nodeName: 'node-1', containers: [{ name: 'c' }] }, status },
});
const probeEvent: LogEntry = {
  seq: 8, time: at(8), type: 'EventCreated', kind: 'Event', namespace: 'default', name: 'web-x.1', uid: 'e1', actor: 'kubelet/node-1', cause: null,
  object: { reason: 'Unhealthy', message: 'Liveness probe failed', involvedObject: { kind: 'Pod', name: 'web-x', uid: 'u1' } },
};
const scaled: LogEntry = { seq: 2, time: at(2), type: 'ReplicaSetScaled', kind: 'ReplicaSet', namespace: 'default', name: 'web', uid: 'r1', actor: 'deployment-controller', cause: null, object: {} };

const own = [
  podEntry(3, 'PodCreated', 'replicaset-controller', 2, {}),
  podEntry(5, 'PodStatusReported', 'kubelet/node-1', null, {
    phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }],
  }),
  podEntry(9, 'PodStatusReported', 'kubelet/node-1', 8, {
    phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }],
    containerStatuses: [{ name: 'c', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
  }),
];

describe('lifecycleRows', () => {
  it('lists phases, container states, restarts, Ready and probe results with their times', () => {
    expect(lifecycleRows(own, [probeEvent]).map((r) => [r.seq, r.time, r.type, r.phase, r.containers, r.restarts, r.ready])).toEqual([
      [3, at(3), 'PodCreated', 'Pending', '', 0, '-'],
      [5, at(5), 'PodStatusReported', 'Running', 'c running', 0, 'True'],
      [8, at(8), 'EventCreated', '', '', 0, ''],
      [9, at(9), 'PodStatusReported', 'Running', 'c waiting (CrashLoopBackOff)', 1, 'False'],
    ]);
  });

  it('says what each entry changed, as kubelab log does', () => {
    const rows = lifecycleRows(own, [probeEvent]);
    expect(rows[2].summary).toContain('Liveness probe failed');
    expect(rows[3].summary).toContain('CrashLoopBackOff');
  });
});

describe('whyChain', () => {
  it('asks for the causes it lacks, then tells the chain oldest first', () => {
    expect(whyChain(own, [probeEvent], new Map()).missing).toEqual([2]);
    const { lines, missing } = whyChain(own, [probeEvent], new Map([[2, scaled]]));
    expect(missing).toEqual([]);
    expect(lines.map((l) => `${l.seq} ${l.object} ${l.actor}`)).toEqual([
      '2 ReplicaSet/default/web deployment-controller',
      '3 Pod/default/web-x replicaset-controller',
      '5 Pod/default/web-x kubelet/node-1',
      '8 Event/default/web-x.1 kubelet/node-1',
      '9 Pod/default/web-x kubelet/node-1',
    ]);
  });
});
