import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@kubelab/event-log';
import { lifecycleRows, whyChain } from './pod-story.js';

const at = (s: number) => `2026-11-22T10:00:${String(s).padStart(2, '0')}.000Z`;
const podEntry = (seq: number, type: string, actor: string, cause: number | null, status: any): LogEntry => ({
  seq, time: at(seq), type, kind: 'Pod', namespace: 'default', name: 'web-x', uid: 'u1', actor, cause,
  object: { kind: 'Pod', metadata: { namespace: 'default', name: 'web-x', uid: 'u1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'r1' }] }, spec: { nodeName: 'node-1', containers: [{ name: 'c' }] }, status },
});
const probeEvent: LogEntry = {
  seq: 8, time: at(8), type: 'EventCreated', kind: 'Event', namespace: 'default', name: 'web-x.1', uid: 'e1', actor: 'kubelet/node-1', cause: null,
  object: { type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 500', involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-x', uid: 'u1' } },
};
const scaled: LogEntry = { seq: 2, time: at(2), type: 'ReplicaSetScaled', kind: 'ReplicaSet', namespace: 'default', name: 'web', uid: 'r1', actor: 'deployment-controller', cause: null, object: { spec: { replicas: 3 } } };

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

const chaosKill: LogEntry = {
  seq: 7, time: at(7), type: 'EventCreated', kind: 'Event', namespace: 'default', name: 'node-1.chaos', uid: 'e2', actor: 'chaos', cause: null,
  object: { type: 'Warning', reason: 'ChaosKillAgent', message: 'chaos: kill -KILL kubelet-agent/node-1', involvedObject: { kind: 'Node', name: 'node-1' } },
};
const nodeSilent: LogEntry = {
  seq: 10, time: at(10), type: 'NodeStatusReported', kind: 'Node', namespace: '', name: 'node-1', uid: 'n1', actor: 'node-lifecycle-controller', cause: 9, object: {},
};

describe('lifecycleRows', () => {
  it('lists the pod entries with phase, restarts and Ready, and the Events about it as kubectl describe does', () => {
    expect(lifecycleRows(own, [probeEvent]).map((r) => (r.kind === 'status' ? [r.seq, r.time, r.type, r.phase, r.restarts, r.ready] : [r.seq, r.time, r.eventType, r.summary]))).toEqual([
      [3, at(3), 'PodCreated', 'Pending', 0, '-'],
      [5, at(5), 'PodStatusReported', 'Running', 0, 'True'],
      [8, at(8), 'Warning', 'Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500'],
      [9, at(9), 'PodStatusReported', 'Running', 1, 'False'],
    ]);
  });

  it('marks the Events a chaos drill wrote', () => {
    const drill: LogEntry = { ...chaosKill, seq: 6, object: { ...chaosKill.object, reason: 'ChaosUnhealthy', involvedObject: probeEvent.object.involvedObject } };
    expect(lifecycleRows(own, [drill, probeEvent]).flatMap((r) => (r.kind === 'event' ? [[r.seq, r.chaos]] : []))).toEqual([[6, true], [8, false]]);
  });

  it('says what each pod entry changed, as kubelab log does', () => {
    const rows = lifecycleRows(own, [probeEvent]);
    expect(rows.map((r) => r.summary)).toEqual([
      'created for ReplicaSet web, on node-1',
      'Pending → Running, ready 0/1 → 1/1, c running',
      'Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500',
      'ready 1/1 → 0/1, c waiting (CrashLoopBackOff), c restarts 1',
    ]);
  });
});

describe('whyChain', () => {
  it('asks for the causes it lacks, then tells the chain oldest first, Events under the object they are about', () => {
    expect(whyChain(own, [probeEvent], [], new Map()).missing).toEqual([2]);
    const { lines, missing } = whyChain(own, [probeEvent], [], new Map([[2, scaled]]));
    expect(missing).toEqual([]);
    expect(lines.map((l) => `${l.seq} ${l.time.slice(17, 19)} ${l.actor} | ${l.object} | ${l.summary}`)).toEqual([
      '2 02 deployment-controller | ReplicaSet default/web | scaled to 3',
      '3 03 replicaset-controller | Pod default/web-x | created for ReplicaSet web, on node-1',
      '5 05 kubelet/node-1 | Pod default/web-x | Pending → Running, ready 0/1 → 1/1, c running',
      '8 08 kubelet/node-1 | Pod default/web-x | Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500',
      '9 09 kubelet/node-1 | Pod default/web-x | ready 1/1 → 0/1, c waiting (CrashLoopBackOff), c restarts 1',
    ]);
  });

  it('adds the chaos drills on objects the chain passes through, marked as chaos', () => {
    const known = new Map([[2, scaled], [9, own[2]], [10, nodeSilent]]);
    const stale = podEntry(11, 'PodStatusReported', 'node-lifecycle-controller', 10, { phase: 'Running' });
    const { lines, missing } = whyChain([...own, stale], [probeEvent], [chaosKill], known);
    expect(missing).toEqual([]);
    expect(lines.filter((l) => l.chaos).map((l) => `${l.seq} ${l.object} ${l.summary}`)).toEqual(['7 Node node-1 ChaosKillAgent: chaos: kill -KILL kubelet-agent/node-1']);
    expect(lines.map((l) => l.seq)).toEqual([2, 3, 5, 7, 8, 9, 10, 11]);
  });

  it('spells out the scheduler decision under a Scheduled Event', () => {
    const scheduled: LogEntry = {
      ...probeEvent, seq: 4, time: at(4), actor: 'default-scheduler',
      object: {
        type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-x to node-1', involvedObject: { kind: 'Pod', name: 'web-x', uid: 'u1' },
        metadata: { annotations: { 'kubelab.dev/scheduling-decision': JSON.stringify({ nodesEvaluated: 3, feasibleNodes: 2, filtered: { 'node-2': ['NotReady'] } }) } },
      },
    };
    const line = whyChain(own, [scheduled], [], new Map([[2, scaled]])).lines.find((l) => l.seq === 4);
    expect(line?.details).toEqual(['scheduler: 3 nodes evaluated, 2 feasible', '  filtered node-2: NotReady']);
  });
});
