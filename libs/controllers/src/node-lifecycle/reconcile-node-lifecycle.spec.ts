import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '@kubelab/api';
import { reconcileNodeLifecycle } from './reconcile-node-lifecycle.js';
import type { NodeLifecycleAction } from './node-lifecycle-types.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const at = (secondsFromNow: number) => new Date(NOW.getTime() + secondsFromNow * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const clock = (timeScale = 1) => ({ now: NOW, timeScale });
const options = { nodeMonitorGracePeriodSeconds: 50 };

const CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

function node(o: { ready?: string; heartbeatAgo?: number; taints?: any[]; unschedulable?: boolean; noConditions?: boolean; createdAgo?: number } = {}): Node {
  const status = (type: string) => (type === 'Ready' ? (o.ready ?? 'True') : 'False');
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-2', uid: 'node-uid', creationTimestamp: at(-(o.createdAgo ?? 3600)) },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: o.noConditions ? {} : {
      conditions: CONDITIONS.map((type) => ({ type, status: status(type), reason: `Kubelet${type}`, message: 'ok', lastHeartbeatTime: at(-(o.heartbeatAgo ?? 10)), lastTransitionTime: at(-3000) })),
    },
  };
}

function pod(name: string, o: { tolerations?: any[]; deleting?: boolean; ready?: boolean } = {}): Pod {
  return ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(o.deleting ? { deletionTimestamp: at(-1) } : {}) },
    spec: {
      nodeName: 'node-2',
      tolerations: o.tolerations ?? [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: at(-100) }, { type: 'ContainersReady', status: 'True' }] },
  }) as Pod;
}

const lease = (renewedAgo: number) => ({ renewTime: at(-renewedAgo), leaseDurationSeconds: 40 });
const ofType = <T extends NodeLifecycleAction['type']>(actions: NodeLifecycleAction[], type: T) =>
  actions.filter((a): a is Extract<NodeLifecycleAction, { type: T }> => a.type === type);
const events = (actions: NodeLifecycleAction[]) => ofType(actions, 'RecordEvent').map((e) => `${e.involved.kind}/${e.involved.metadata.name} ${e.eventType} ${e.reason}: ${e.message}`);
const taintIds = (taints: any[]) => taints.map((t) => `${t.key}:${t.effect}`);

describe('reconcileNodeLifecycle: node health', () => {
  it.each([
    { given: 'lease renewed 10 s ago, status 60 s old, scale 1', timeScale: 1, leaseAgo: 10, heartbeatAgo: 60, silent: false, requeue: 40000 },
    { given: 'no lease, status posted 10 s ago, scale 1', timeScale: 1, leaseAgo: undefined, heartbeatAgo: 10, silent: false, requeue: 40000 },
    { given: 'lease 51 s old and status older, scale 1', timeScale: 1, leaseAgo: 51, heartbeatAgo: 120, silent: true, requeue: undefined },
    { given: 'lease 2 s old, scale 20 (grace 2.5 s wall)', timeScale: 20, leaseAgo: 2, heartbeatAgo: 100, silent: false, requeue: 500 },
    { given: 'lease 3 s old, scale 20 (grace 2.5 s wall)', timeScale: 20, leaseAgo: 3, heartbeatAgo: 100, silent: true, requeue: undefined },
  ])('$given → silent: $silent', ({ timeScale, leaseAgo, heartbeatAgo, silent, requeue }) => {
    const result = reconcileNodeLifecycle(node({ heartbeatAgo }), leaseAgo === undefined ? undefined : lease(leaseAgo), [], clock(timeScale), options);
    expect(ofType(result.actions, 'UpdateNodeStatus').length).toBe(silent ? 1 : 0);
    expect(result.requeueAfterMs).toBe(requeue);
  });

  it('a silent node: every condition Unknown, tainted unreachable in the same pass, NodeNotReady on the node and its pods, pods not ready', () => {
    const pods = [pod('web-1'), pod('web-2', { ready: false })];
    const { actions } = reconcileNodeLifecycle(node({ heartbeatAgo: 120 }), lease(60), pods, clock(), options);
    const [update] = ofType(actions, 'UpdateNodeStatus');
    expect(update.node.status!.conditions).toEqual(CONDITIONS.map((type) => ({
      type, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: at(-120), lastTransitionTime: at(0),
    })));
    const [tainted] = ofType(actions, 'UpdateNodeTaints');
    expect(taintIds(tainted.node.spec!.taints!)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(tainted.node.spec!.taints![1].timeAdded).toBe(at(0));
    expect(actions.slice(0, 2).map((a) => a.type)).toEqual(['UpdateNodeStatus', 'UpdateNodeTaints']);
    expect(ofType(actions, 'EvictPod')).toEqual([]);
    const marked = ofType(actions, 'MarkPodNotReady');
    expect(marked.map((a) => a.pod.metadata.name)).toEqual(['web-1']);
    expect(marked[0].pod.status?.conditions).toEqual([{ type: 'Ready', status: 'False', lastTransitionTime: at(0) }, { type: 'ContainersReady', status: 'True' }]);
    expect(events(actions)).toEqual([
      'Node/node-2 Normal NodeNotReady: Node node-2 status is now: NodeNotReady',
      'Pod/web-1 Warning NodeNotReady: Node is not ready',
    ]);
  });

  it('a node already Unknown is not written again', () => {
    const unknown = node({ ready: 'Unknown', heartbeatAgo: 120, taints: [
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: at(-5) },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at(-5) },
    ] });
    unknown.status!.conditions = unknown.status!.conditions!.map((c) => ({ ...c, status: 'Unknown' }));
    const { actions } = reconcileNodeLifecycle(unknown, lease(60), [pod('web-1', { ready: false })], clock(), options);
    expect(actions).toEqual([]);
  });

  it('a node that never posted status gets NodeStatusNeverUpdated after the startup grace period', () => {
    const fresh = node({ noConditions: true, createdAgo: 61 });
    const { actions } = reconcileNodeLifecycle(fresh, undefined, [], clock(), options);
    expect(ofType(actions, 'UpdateNodeStatus')[0].node.status?.conditions?.[0]).toEqual({
      type: 'Ready', status: 'Unknown', lastHeartbeatTime: at(-61), lastTransitionTime: at(0), reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
    });
    expect(events(actions)).toEqual([]);
    const young = reconcileNodeLifecycle(node({ noConditions: true, createdAgo: 30 }), undefined, [], clock(), { ...options, nodeStartupGracePeriodSeconds: 60 });
    expect(young).toEqual({ actions: [], requeueAfterMs: 30000 });
  });
});

describe('reconcileNodeLifecycle: taints', () => {
  it.each([
    { given: 'Ready Unknown', ready: 'Unknown', taints: [], unschedulable: false, then: ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'] },
    { given: 'Ready False', ready: 'False', taints: [], unschedulable: false, then: ['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute'] },
    {
      given: 'Ready False after Unknown: taints swap, user taints stay',
      ready: 'False',
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
      unschedulable: false, then: ['dedicated:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute'],
    },
    {
      given: 'Ready True again: the controller taints go',
      ready: 'True', taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
      unschedulable: false, then: [],
    },
    { given: 'cordoned', ready: 'True', taints: [], unschedulable: true, then: ['node.kubernetes.io/unschedulable:NoSchedule'] },
    { given: 'uncordoned', ready: 'True', taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }], unschedulable: false, then: [] },
  ])('$given → $then', ({ ready, taints, unschedulable, then }) => {
    const { actions } = reconcileNodeLifecycle(node({ ready, taints, unschedulable }), lease(1), [], clock(), options);
    const [update] = ofType(actions, 'UpdateNodeTaints');
    expect(taintIds(update.node.spec!.taints!)).toEqual(then);
    expect(update.node.spec!.taints!.filter((t: any) => t.key.startsWith('node.kubernetes.io/')).every((t: any) => t.timeAdded === at(0))).toBe(true);
  });

  it('taints already right are not written, and keep their timeAdded', () => {
    const taints = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: at(-100) }];
    expect(reconcileNodeLifecycle(node({ unschedulable: true, taints }), lease(1), [], clock(), options).actions).toEqual([]);
  });
});

describe('reconcileNodeLifecycle: taint-based eviction', () => {
  const unreachable = (addedAgo: number) => [
    { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: at(-addedAgo) },
    { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at(-addedAgo) },
  ];
  const unknownNode = (addedAgo: number) => {
    const n = node({ ready: 'Unknown', heartbeatAgo: 1000, taints: unreachable(addedAgo) });
    n.status!.conditions = n.status!.conditions!.map((c) => ({ ...c, status: 'Unknown' }));
    return n;
  };

  it.each([
    { given: 'default 300 s toleration, tainted 100 s ago, scale 1', timeScale: 1, addedAgo: 100, tolerations: undefined, evict: false, requeue: 200000 },
    { given: 'default 300 s toleration, tainted 300 s ago, scale 1', timeScale: 1, addedAgo: 300, tolerations: undefined, evict: true, requeue: undefined },
    { given: 'default 300 s toleration (15 s wall), tainted 10 s ago, scale 20', timeScale: 20, addedAgo: 10, tolerations: undefined, evict: false, requeue: 5000 },
    { given: 'default 300 s toleration (15 s wall), tainted 15 s ago, scale 20', timeScale: 20, addedAgo: 15, tolerations: undefined, evict: true, requeue: undefined },
    { given: 'no toleration', timeScale: 1, addedAgo: 0, tolerations: [], evict: true, requeue: undefined },
    { given: 'a toleration for another taint only', timeScale: 1, addedAgo: 0, tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoExecute' }], evict: true, requeue: undefined },
    { given: 'tolerated forever', timeScale: 1, addedAgo: 10000, tolerations: [{ operator: 'Exists' }], evict: false, requeue: undefined },
    { given: 'Equal operator needs the value', timeScale: 1, addedAgo: 10000, tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Equal', value: 'x', effect: 'NoExecute' }], evict: true, requeue: undefined },
  ])('$given → evict: $evict', ({ timeScale, addedAgo, tolerations, evict, requeue }) => {
    const result = reconcileNodeLifecycle(unknownNode(addedAgo), undefined, [pod('web-1', { tolerations, ready: false })], clock(timeScale), options);
    expect(ofType(result.actions, 'EvictPod').map((a) => a.pod.metadata.name)).toEqual(evict ? ['web-1'] : []);
    if (evict) expect(events(result.actions)).toEqual(['Pod/web-1 Normal TaintManagerEviction: Marking for deletion Pod default/web-1']);
    expect(result.requeueAfterMs).toBe(requeue);
  });

  it('pods already terminating are left alone', () => {
    const result = reconcileNodeLifecycle(unknownNode(1000), undefined, [pod('web-1', { deleting: true, ready: false })], clock(), options);
    expect(result.actions).toEqual([]);
  });

  it('a custom NoExecute taint on a healthy node evicts pods that do not tolerate it', () => {
    const tainted = node({ taints: [{ key: 'maintenance', effect: 'NoExecute', timeAdded: at(-1) }] });
    const result = reconcileNodeLifecycle(tainted, lease(1), [pod('web-1'), pod('ok', { tolerations: [{ key: 'maintenance', operator: 'Exists' }] })], clock(), options);
    expect(ofType(result.actions, 'EvictPod').map((a) => a.pod.metadata.name)).toEqual(['web-1']);
    expect(ofType(result.actions, 'MarkPodNotReady')).toEqual([]);
  });
});
