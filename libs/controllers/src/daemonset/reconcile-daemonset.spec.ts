import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node, Pod } from '@kubelab/api';
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { requiredNodeMatcher } from '@kubelab/scheduling';
import { newRevision } from '../revisions/controller-revision.js';
import { reconcileDaemonSet } from './reconcile-daemonset.js';
import type { DaemonSetAction } from './daemonset-actions.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');
const clock = (seconds: number) => ({ now: new Date(T0 + seconds * 1000), timeScale: 1 });
const KIND = { hashLabel: 'controller-revision-hash' };

const template = (image: string, spec: Record<string, unknown> = {}) => ({
  metadata: { labels: { app: 'agent' } },
  spec: { containers: [{ name: 'agent', image }], ...spec },
});

interface DsOptions {
  image?: string;
  spec?: Record<string, unknown>;
  onDelete?: boolean;
  maxUnavailable?: number | string;
  maxSurge?: number | string;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

function daemonSet(o: DsOptions = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', uid: 'ds-uid', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: template(o.image ?? 'agent:1', o.spec),
      updateStrategy: o.onDelete ? { type: 'OnDelete' } : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: o.maxUnavailable ?? 1, maxSurge: o.maxSurge ?? 0 } },
      minReadySeconds: o.minReadySeconds ?? 0,
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
    },
    status: {} as DaemonSetStatus,
  };
}

/** The revision of `ds`'s template with the container image `image`. */
const revisionFor = (ds: DaemonSet, image: string, number = 1) =>
  newRevision(ds, { ...ds.spec!.template, spec: { ...ds.spec!.template.spec, containers: [{ name: 'agent', image }] } }, number, 0, KIND);
const hashFor = (ds: DaemonSet, image: string) => revisionFor(ds, image).metadata.labels!['controller-revision-hash'];

interface NodeOptions {
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  deleting?: boolean;
}

function node(name: string, o: NodeOptions = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels }, ...(o.deleting ? { deletionTimestamp: at(0) } : {}) },
    spec: { taints: o.taints ?? [] },
  };
}

interface PodOptions {
  image?: string;
  phase?: string;
  ready?: boolean;
  readySince?: number;
  deleting?: boolean;
  created?: number;
  unbound?: boolean;
  name?: string;
}

function pod(ds: DaemonSet, nodeName: string, o: PodOptions = {}): Pod {
  const ready = o.ready ?? o.phase === undefined;
  const name = o.name ?? `agent-${nodeName}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: 'kube-system', uid: `uid-${name}`, creationTimestamp: at(o.created ?? 0),
      labels: { app: 'agent', 'controller-revision-hash': hashFor(ds, o.image ?? 'agent:1') },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'ds-uid', controller: true }],
      ...(o.deleting ? { deletionTimestamp: at(0) } : {}),
    },
    spec: {
      ...(o.unbound ? {} : { nodeName }),
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
      containers: [{ name: 'agent', image: o.image ?? 'agent:1' }],
    },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: at(o.readySince ?? 0) }],
    },
  };
}

function writes(actions: DaemonSetAction[]): string[] {
  return actions.flatMap((a) => {
    switch (a.type) {
      case 'CreatePod':
        return [`CreatePod on ${a.nodeName}`];
      case 'DeletePod':
        return [`DeletePod ${a.pod.metadata.name}`];
      case 'CreateControllerRevision':
      case 'UpdateControllerRevision':
      case 'DeleteControllerRevision':
        return [`${a.type} ${a.revision.revision}`];
      default:
        return [];
    }
  });
}

const run = (ds: DaemonSet, nodes: Node[], pods: Pod[], revisions = [revisionFor(ds, 'agent:1')], seconds = 100) =>
  reconcileDaemonSet(ds, nodes, pods, revisions, clock(seconds));

describe('reconcileDaemonSet: placement', () => {
  const ds = daemonSet();
  const gpuOnly = daemonSet({ spec: { nodeSelector: { gpu: 'true' } } });
  const viaAffinity = daemonSet({ spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } } });
  const tolerant = daemonSet({ spec: { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] } });
  const dedicated = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
  const evicting = { key: 'dedicated', value: 'db', effect: 'NoExecute' };
  it.each([
    { name: 'one pod per node', ds, nodes: [node('n1'), node('n2'), node('n3')], pods: [], writes: ['CreatePod on n1', 'CreatePod on n2', 'CreatePod on n3'] },
    { name: 'nodeSelector picks the nodes', ds: gpuOnly, nodes: [node('n1', { labels: { gpu: 'true' } }), node('n2')], pods: [], writes: ['CreatePod on n1'] },
    { name: 'required node affinity picks the nodes', ds: viaAffinity, nodes: [node('n1', { labels: { zone: 'b' } }), node('n2', { labels: { zone: 'a' } })], pods: [], writes: ['CreatePod on n2'] },
    { name: 'an untolerated NoSchedule taint keeps a new pod off', ds, nodes: [node('n1', { taints: [dedicated] }), node('n2')], pods: [], writes: ['CreatePod on n2'] },
    { name: 'a tolerated taint does not', ds: tolerant, nodes: [node('n1', { taints: [dedicated] })], pods: [], writes: ['CreatePod on n1'] },
    { name: 'a cordoned node still gets its daemon pod', ds, nodes: [node('n1', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] })], pods: [], writes: ['CreatePod on n1'] },
    { name: 'a not-ready node still gets its daemon pod', ds, nodes: [node('n1', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] })], pods: [], writes: ['CreatePod on n1'] },
    { name: 'a pod already there stays under a new NoSchedule taint', ds, nodes: [node('n1', { taints: [dedicated] })], pods: [pod(ds, 'n1')], writes: [] },
    { name: 'a NoExecute taint drives it away', ds, nodes: [node('n1', { taints: [evicting] })], pods: [pod(ds, 'n1')], writes: ['DeletePod agent-n1'] },
    { name: 'a node that joins gets a pod', ds, nodes: [node('n1'), node('n2')], pods: [pod(ds, 'n1')], writes: ['CreatePod on n2'] },
    { name: 'a node being deleted loses its pod', ds, nodes: [node('n1', { deleting: true })], pods: [pod(ds, 'n1')], writes: ['DeletePod agent-n1'] },
    { name: 'a pod no longer matching the node selector goes', ds: gpuOnly, nodes: [node('n1')], pods: [pod(gpuOnly, 'n1')], writes: ['DeletePod agent-n1'] },
    { name: 'an unbound pod for a node that is gone goes', ds, nodes: [], pods: [pod(ds, 'gone', { unbound: true })], writes: ['DeletePod agent-gone'] },
    { name: 'a bound pod of a node that is gone is left to PodGC', ds, nodes: [], pods: [pod(ds, 'gone')], writes: [] },
    { name: 'a failed pod is deleted, replaced once gone', ds, nodes: [node('n1')], pods: [pod(ds, 'n1', { phase: 'Failed', ready: false })], writes: ['DeletePod agent-n1'] },
    { name: 'no new pod while the old one is Terminating', ds, nodes: [node('n1')], pods: [pod(ds, 'n1', { deleting: true })], writes: [] },
    { name: 'of two pods on a node, the newer goes', ds, nodes: [node('n1')], pods: [pod(ds, 'n1', { name: 'old', created: 0 }), pod(ds, 'n1', { name: 'new', created: 50 })], writes: ['DeletePod new'] },
  ])('$name', ({ ds, nodes, pods, writes: expected }) => {
    expect(writes(run(ds, nodes, pods, [revisionFor(ds, 'agent:1')]).actions)).toEqual(expected);
  });

  it('records FailedDaemonPod before deleting a failed pod', () => {
    const { actions } = run(ds, [node('n1')], [pod(ds, 'n1', { phase: 'Failed', ready: false })]);
    expect(actions.filter((a) => a.type === 'RecordEvent' || a.type === 'DeletePod').map((a) => a.type)).toEqual(['RecordEvent', 'DeletePod']);
    expect(actions.find((a) => a.type === 'RecordEvent')).toEqual({
      type: 'RecordEvent', eventType: 'Warning', reason: 'FailedDaemonPod', message: 'Found failed daemon pod kube-system/agent-n1 on node n1, will try to kill it',
    });
  });
});

describe('reconcileDaemonSet: the pods it creates', () => {
  const created = (ds: DaemonSet, nodeName = 'n1') =>
    (run(ds, [node(nodeName)], []).actions.find((a) => a.type === 'CreatePod') as Extract<DaemonSetAction, { type: 'CreatePod' }>).pod;

  it('are owned by the DaemonSet (so drain --ignore-daemonsets skips them) and carry the revision hash', () => {
    const ds = daemonSet();
    expect(created(ds).metadata).toEqual({
      generateName: 'agent-',
      namespace: 'kube-system',
      labels: { app: 'agent', 'controller-revision-hash': hashFor(ds, 'agent:1') },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'ds-uid', controller: true, blockOwnerDeletion: true }],
    });
  });

  it('tolerate what a node going bad or cordoned brings, with no time limit', () => {
    expect(created(daemonSet()).spec?.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('replace a matching template toleration and add network-unavailable for hostNetwork', () => {
    const ds = daemonSet({ spec: { hostNetwork: true, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }, { key: 'x', operator: 'Exists' }] } });
    const tolerations = created(ds).spec!.tolerations;
    expect(tolerations!.slice(0, 2)).toEqual([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }, { key: 'x', operator: 'Exists' }]);
    expect(tolerations!.at(-1)).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  });

  it('are pinned to their node by node affinity on metadata.name, not spec.nodeName', () => {
    const viaAffinity = daemonSet({ spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'Exists' }] }] } } } } });
    const spec = created(viaAffinity, 'n2').spec;
    expect(spec!.nodeName).toBeUndefined();
    expect(spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }],
    });
    const matches = requiredNodeMatcher(spec);
    expect([matches({ name: 'n2', labels: {} }), matches({ name: 'n1', labels: {} })]).toEqual([true, false]);
  });
});

describe('reconcileDaemonSet: updates', () => {
  const nodes = [node('n1'), node('n2'), node('n3')];
  const v1 = (ds: DaemonSet) => revisionFor(ds, 'agent:1', 1);
  const v2 = (ds: DaemonSet) => revisionFor(ds, 'agent:2', 2);
  const old = (ds: DaemonSet, n: string, o: PodOptions = {}) => pod(ds, n, o);
  const fresh = (ds: DaemonSet, n: string, o: PodOptions = {}) => pod(ds, n, { image: 'agent:2', name: `agent-${n}-v2`, created: 60, ...o });
  const one = daemonSet({ image: 'agent:2' });
  const two = daemonSet({ image: 'agent:2', maxUnavailable: '50%' });
  const surge = daemonSet({ image: 'agent:2', maxUnavailable: 0, maxSurge: 1 });
  const onDelete = daemonSet({ image: 'agent:2', onDelete: true });
  it.each([
    { name: 'a new template becomes revision 2; maxUnavailable 1 deletes one old pod', ds: one, revisions: [v1(one)], pods: nodes.map((n) => old(one, n.metadata.name!)), writes: ['CreateControllerRevision 2', 'DeletePod agent-n1'] },
    { name: 'the node being replaced counts as unavailable: nothing more', ds: one, revisions: [v1(one), v2(one)], pods: [old(one, 'n2'), old(one, 'n3'), fresh(one, 'n1', { phase: 'Pending', ready: false })], writes: [] },
    { name: 'once the new pod is available the next old pod goes', ds: one, revisions: [v1(one), v2(one)], pods: [old(one, 'n2'), old(one, 'n3'), fresh(one, 'n1')], writes: ['DeletePod agent-n2'] },
    { name: 'maxUnavailable 50% of 3 nodes rounds up to 2', ds: two, revisions: [v1(two), v2(two)], pods: nodes.map((n) => old(two, n.metadata.name!)), writes: ['DeletePod agent-n1', 'DeletePod agent-n2'] },
    { name: 'an old pod that is not available anyway is replaced at once', ds: one, revisions: [v1(one), v2(one)], pods: [old(one, 'n1'), old(one, 'n2'), old(one, 'n3', { phase: 'Running', ready: false })], writes: ['DeletePod agent-n3', 'DeletePod agent-n1'] },
    { name: 'a node missing its pod is filled first, the rollout waits', ds: one, revisions: [v1(one), v2(one)], pods: [old(one, 'n1'), old(one, 'n2')], writes: ['CreatePod on n3'] },
    { name: 'maxSurge starts a new pod beside an old one', ds: surge, revisions: [v1(surge), v2(surge)], pods: nodes.map((n) => old(surge, n.metadata.name!)), writes: ['CreatePod on n1'] },
    { name: 'surge: the old pod goes once the new one is available, and the next node surges', ds: surge, revisions: [v1(surge), v2(surge)], pods: [old(surge, 'n1'), fresh(surge, 'n1'), old(surge, 'n2'), old(surge, 'n3')], writes: ['DeletePod agent-n1', 'CreatePod on n2'] },
    { name: 'surge: waits while the new pod is not available', ds: surge, revisions: [v1(surge), v2(surge)], pods: [old(surge, 'n1'), fresh(surge, 'n1', { phase: 'Pending', ready: false }), old(surge, 'n2'), old(surge, 'n3')], writes: [] },
    { name: 'OnDelete leaves old pods alone', ds: onDelete, revisions: [v1(onDelete), v2(onDelete)], pods: nodes.map((n) => old(onDelete, n.metadata.name!)), writes: [] },
  ])('$name', ({ ds, revisions, pods, writes: expected }) => {
    expect(writes(run(ds, nodes, pods, revisions).actions)).toEqual(expected);
  });

  it('creates replacement pods from the update revision', () => {
    const create = run(onDelete, nodes, [old(onDelete, 'n1'), old(onDelete, 'n2')], [v1(onDelete), v2(onDelete)]).actions.find((a) => a.type === 'CreatePod');
    const created = (create as Extract<DaemonSetAction, { type: 'CreatePod' }>).pod;
    expect(created.spec!.containers[0].image).toBe('agent:2');
    expect(created.metadata.labels!['controller-revision-hash']).toBe(hashFor(onDelete, 'agent:2'));
  });

  it('prunes revisions no pod runs beyond revisionHistoryLimit', () => {
    const ds = daemonSet({ image: 'agent:3', revisionHistoryLimit: 0 });
    const history = ['agent:1', 'agent:2', 'agent:3'].map((image, i) => revisionFor(ds, image, i + 1));
    const { actions } = run(ds, [node('n1')], [pod(ds, 'n1', { image: 'agent:2' })], history);
    expect(writes(actions).filter((w) => w.startsWith('DeleteControllerRevision'))).toEqual(['DeleteControllerRevision 1']);
  });
});

describe('reconcileDaemonSet: status', () => {
  it('counts nodes by placement, readiness, availability and revision', () => {
    const ds = daemonSet({ image: 'agent:2', minReadySeconds: 30, onDelete: true, spec: { nodeSelector: { role: 'worker' } } });
    const worker = { labels: { role: 'worker' } };
    const nodes = [node('n1', worker), node('n2', worker), node('n3', worker), node('n4', worker), node('n5')];
    const pods = [
      pod(ds, 'n1', { readySince: 0, image: 'agent:2' }),
      pod(ds, 'n2', { readySince: 90 }),
      pod(ds, 'n3', { phase: 'Pending', ready: false }),
      pod(ds, 'n5'),
    ];
    const result = run(ds, nodes, pods, [revisionFor(ds, 'agent:1', 1), revisionFor(ds, 'agent:2', 2)]);
    expect(result.actions.find((a) => a.type === 'UpdateStatus')).toEqual({
      type: 'UpdateStatus',
      status: {
        currentNumberScheduled: 3, numberMisscheduled: 1, desiredNumberScheduled: 4, numberReady: 2,
        observedGeneration: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 3,
      },
    });
    expect(result.requeueAfterMs).toBe(20001);
  });
});
