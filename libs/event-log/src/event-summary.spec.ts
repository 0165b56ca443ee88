import { describe, expect, it } from 'vitest';
import { summarize } from './event-summary.js';
import type { LogEntry } from './log-entry.js';

const entry = (type: string, kind: string, object: Record<string, any>): LogEntry => ({
  seq: 1, time: '2026-11-22T00:00:00.000Z', type, kind, namespace: 'default', name: 'x', uid: 'u', actor: 'a', cause: null, object: { kind, ...object },
});

const running = { name: 'nginx', ready: true, restartCount: 0, state: { running: { startedAt: 't' } } };
const waiting = { name: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } };
const crashed = { name: 'nginx', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } };
const pod = (phase: string, statuses: object[], podIP?: string) => ({ spec: { nodeName: 'node-2', containers: [{ name: 'nginx' }] }, status: { phase, podIP, containerStatuses: statuses } });
const ready = (status: string, reason?: string) => ({ status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status, reason }] } });
const rs = { metadata: { ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d8f9' }] }, spec: { containers: [{ name: 'nginx' }] } };

describe('summarize', () => {
  it.each([
    ['PodBound', 'Pod', pod('Pending', []), undefined, 'bound to node-2'],
    ['PodCreated', 'Pod', rs, undefined, 'created for ReplicaSet web-5d8f9'],
    ['DeploymentCreated', 'Deployment', { spec: { replicas: 3 } }, undefined, 'created, 3 replicas'],
    ['NodeCreated', 'Node', ready('True', 'KubeletReady'), undefined, 'registered'],
    ['PodDeletionRequested', 'Pod', { metadata: { deletionGracePeriodSeconds: 30 } }, undefined, 'deletion requested (grace 30s)'],
    ['PodDeleted', 'Pod', {}, undefined, 'deleted'],
    ['ReplicaSetScaled', 'ReplicaSet', { spec: { replicas: 4 } }, { spec: { replicas: 2 } }, 'scaled 2 → 4'],
    ['PodStatusReported', 'Pod', pod('Running', [running], '10.244.1.3'), pod('Pending', [waiting]), 'Pending → Running, ready 0/1 → 1/1, nginx running, IP 10.244.1.3'],
    ['PodStatusReported', 'Pod', pod('Running', [crashed]), pod('Running', [running]), 'ready 1/1 → 0/1, nginx waiting (CrashLoopBackOff), nginx restarts 1'],
    ['PodStatusReported', 'Pod', pod('Running', [running]), undefined, 'Running, ready 1/1, nginx running'],
    ['PodStatusReported', 'Pod', pod('Running', [running]), pod('Running', [running]), 'Running, ready 1/1 (no change)'],
    ['NodeStatusReported', 'Node', ready('Unknown', 'NodeStatusUnknown'), ready('True'), 'Ready True → Unknown (NodeStatusUnknown)'],
    ['NodeStatusReported', 'Node', ready('True', 'KubeletReady'), undefined, 'Ready True (KubeletReady)'],
    ['NodeUpdated', 'Node', { spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] } }, { spec: {} }, 'taint node.kubernetes.io/unreachable:NoExecute added'],
    ['NodeUpdated', 'Node', { spec: { unschedulable: true } }, { spec: {} }, 'cordoned'],
    ['DeploymentUpdated', 'Deployment', { spec: { template: { spec: { containers: [{ image: 'nginx:1.25' }] } } } }, { spec: { template: { spec: { containers: [{ image: 'nginx:1.14.2' }] } } } }, 'image nginx:1.14.2 → nginx:1.25'],
    ['ConfigMapUpdated', 'ConfigMap', { data: { a: '2' } }, { data: { a: '1' } }, 'updated'],
    ['ReplicaSetStatusUpdated', 'ReplicaSet', { spec: { replicas: 3 }, status: { replicas: 3, readyReplicas: 2 } }, undefined, 'ready 2/3'],
    ['JobStatusUpdated', 'Job', { status: { succeeded: 1 } }, undefined, 'active 0, succeeded 1, failed 0'],
    [
      'HorizontalPodAutoscalerStatusUpdated', 'HorizontalPodAutoscaler',
      { kind: 'HorizontalPodAutoscaler', spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }, status: { currentReplicas: 1, desiredReplicas: 4, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 82 } } }] } },
      undefined, 'replicas 1, desired 4, targets cpu: 82%/50%',
    ],
    ['EventCreated', 'Event', { reason: 'Scheduled', message: 'Successfully assigned default/web to node-2' }, undefined, 'Scheduled: Successfully assigned default/web to node-2'],
    ['EventUpdated', 'Event', { reason: 'BackOff', message: 'Back-off restarting failed container', count: 4 }, undefined, 'BackOff: Back-off restarting failed container (×4)'],
    ['PodEphemeralContainersAdded', 'Pod', { spec: { ephemeralContainers: [{ name: 'debugger' }] } }, undefined, 'ephemeral containers: debugger'],
  ])('%s of a %s', (type, kind, object, before, expected) => {
    expect(summarize(entry(type, kind, object), before)).toBe(expected);
  });
});
