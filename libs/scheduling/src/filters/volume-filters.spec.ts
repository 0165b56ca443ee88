import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { findPreemption, preemptionMessage } from '../preemption/find-preemption.js';
import { schedulePod } from '../schedule/schedule-pod.js';
import { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { makeClaim, makeNode, makePod, makeStorageClass, makeVolume, podWithClaims, seededRandom } from '../test-fixtures.js';
import { podContext } from './pod-context.js';
import { runFilters } from './run-filters.js';

const immediateSC = makeStorageClass('immediate-sc', 'Immediate');
const waitSC = makeStorageClass('wait-sc', 'WaitForFirstConsumer', '');
const localSC = makeStorageClass('local', 'WaitForFirstConsumer', 'kubernetes.io/no-provisioner');
const provisionedSC = makeStorageClass('standard', 'WaitForFirstConsumer', 'rancher.io/local-path');
const zonalSC = makeStorageClass('zonal', 'WaitForFirstConsumer', 'rancher.io/local-path', [
  { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['zone-a'] }] },
]);

interface World {
  nodes?: Record<string, Record<string, string>>;
  claims?: PersistentVolumeClaim[];
  volumes?: PersistentVolume[];
  classes?: StorageClass[];
  pods?: Pod[];
}

function snapshotOf(world: World): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  for (const [name, labels] of Object.entries(world.nodes ?? { 'node-a': {} })) snapshot.upsertNode(makeNode(name, { labels }));
  for (const c of world.classes ?? [immediateSC, waitSC, localSC, provisionedSC, zonalSC]) snapshot.volumes.upsertClass(c);
  for (const c of world.claims ?? []) snapshot.volumes.upsertClaim(c);
  for (const v of world.volumes ?? []) snapshot.volumes.upsertVolume(v);
  for (const p of world.pods ?? []) snapshot.upsertPod(p);
  return snapshot;
}

/** The PreFilter's refusal, or each node's filter reasons ([] when it fits). */
function verdicts(world: World, pod: Pod): string | Record<string, string[]> {
  const snapshot = snapshotOf(world);
  const ctx = podContext(snapshot, pod);
  if (ctx.preFilterRejection) return ctx.preFilterRejection.reasons.join(', ');
  return Object.fromEntries(snapshot.nodes().map((node) => [node.name, runFilters(ctx, node)?.reasons ?? []]));
}

const podA = (...claims: string[]) => podWithClaims('pod-a', claims);
const hostname = (node: string) => ({ 'kubernetes.io/hostname': node });
const BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
const NODE_CONFLICT = 'node(s) had volume node affinity conflict';
const RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const threeNodes = { 'node-a': {}, 'node-b': {}, 'node-c': {} };

describe('VolumeRestrictions and VolumeBinding PreFilter and Filter (volume_binding_test.go, binder_test.go)', () => {
  it.each<[string, World, Pod, string | Record<string, string[]>]>([
    ['pod has no pvcs', {}, makePod('pod-a'), { 'node-a': [] }],
    ['all bound', {
      claims: [makeClaim('pvc-a', { className: 'wait-sc', volumeName: 'pv-a', bindCompleted: true })],
      volumes: [makeVolume('pv-a', { className: 'wait-sc', claimRef: { name: 'pvc-a', uid: 'uid-pvc-a' }, phase: 'Bound' })],
    }, podA('pvc-a'), { 'node-a': [] }],
    ['PVC does not exist', {}, podA('pvc-a'), 'persistentvolumeclaim "pvc-a" not found'],
    ['part of PVCs do not exist', {
      claims: [makeClaim('pvc-a', { className: 'wait-sc', volumeName: 'pv-a', bindCompleted: true })],
    }, podA('pvc-a', 'pvc-b'), 'persistentvolumeclaim "pvc-b" not found'],
    ['immediate claims not bound', { claims: [makeClaim('pvc-a', { className: 'immediate-sc' })] }, podA('pvc-a'), 'pod has unbound immediate PersistentVolumeClaims'],
    ['a claim without a class binds immediately', { claims: [makeClaim('pvc-a', { className: '' })] }, podA('pvc-a'), 'pod has unbound immediate PersistentVolumeClaims'],
    ['a claim of a class that does not exist binds immediately', { claims: [makeClaim('pvc-a', { className: 'gone' })] }, podA('pvc-a'), 'pod has unbound immediate PersistentVolumeClaims'],
    ['a prebound claim not yet bound counts as immediate', {
      claims: [makeClaim('pvc-a', { className: 'wait-sc', volumeName: 'pv-a' })], volumes: [makeVolume('pv-a', { className: 'wait-sc' })],
    }, podA('pvc-a'), 'pod has unbound immediate PersistentVolumeClaims'],
    ['pvc being deleted', { claims: [makeClaim('pvc-a', { className: 'wait-sc', deleting: true })] }, podA('pvc-a'), 'persistentvolumeclaim "pvc-a" is being deleted'],
    ['pv not found claim lost', {
      claims: [makeClaim('pvc-a', { className: 'wait-sc', volumeName: 'pv-a', bindCompleted: true, phase: 'Lost' })],
    }, podA('pvc-a'), 'persistentvolumeclaim "pvc-a" bound to non-existent persistentvolume "pv-a"'],
    ['unbound claims no matches (a class without a provisioner)', { claims: [makeClaim('pvc-a', { className: 'wait-sc' })] }, podA('pvc-a'), { 'node-a': [BIND_CONFLICT] }],
    ['bound and unbound unsatisfied', {
      nodes: { 'node-a': { foo: 'barbar' } },
      claims: [makeClaim('pvc-a', { className: 'wait-sc', volumeName: 'pv-a', bindCompleted: true }), makeClaim('pvc-b', { className: 'wait-sc' })],
      volumes: [makeVolume('pv-a', { className: 'wait-sc', nodeLabels: { foo: 'bar' }, claimRef: { name: 'pvc-a', uid: 'uid-pvc-a' } })],
    }, podA('pvc-a', 'pvc-b'), { 'node-a': [NODE_CONFLICT, BIND_CONFLICT] }],
    ['pv not found', {
      claims: [makeClaim('pvc-a', { className: 'wait-sc', volumeName: 'pv-a', bindCompleted: true })],
    }, podA('pvc-a'), { 'node-a': ['node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'] }],
    ['local volumes: only the nodes that have one', {
      nodes: { 'node-a': hostname('node-a'), 'node-b': hostname('node-b'), 'node-c': hostname('node-c') },
      claims: [makeClaim('pvc-a', { className: 'local', storage: '50Gi' })],
      volumes: [
        makeVolume('pv-a-0', { className: 'local', capacity: '200Gi', nodeLabels: hostname('node-a') }),
        makeVolume('pv-b-0', { className: 'local', capacity: '100Gi', nodeLabels: hostname('node-b') }),
        makeVolume('pv-c-0', { className: 'local', capacity: '10Gi', nodeLabels: hostname('node-c') }),
      ],
    }, podA('pvc-a'), { 'node-a': [], 'node-b': [], 'node-c': [BIND_CONFLICT] }],
    ['a volume of another class, mode, access, phase, or promised to another claim does not match', {
      claims: [makeClaim('pvc-a', { className: 'local', accessModes: ['ReadWriteOnce'] })],
      volumes: [
        makeVolume('other-class', { className: 'wait-sc' }),
        makeVolume('read-only-many', { className: 'local', accessModes: ['ReadOnlyMany'] }),
        makeVolume('released', { className: 'local', phase: 'Released' }),
        makeVolume('promised', { className: 'local', claimRef: { name: 'pvc-z' } }),
        makeVolume('block', { className: 'local', volumeMode: 'Block' }),
      ],
    }, podA('pvc-a'), { 'node-a': [BIND_CONFLICT] }],
    ['a volume promised to the claim is taken only where the node reaches it', {
      nodes: { 'node-a': hostname('node-a'), 'node-b': hostname('node-b') },
      claims: [makeClaim('pvc-a', { className: 'local' })],
      volumes: [makeVolume('pv-b', { className: 'local', phase: 'Pending', nodeLabels: hostname('node-b'), claimRef: { name: 'pvc-a' } })],
    }, podA('pvc-a'), { 'node-a': [BIND_CONFLICT], 'node-b': [] }],
    ['dynamic provisioning fits every node', { nodes: threeNodes, claims: [makeClaim('pvc-a', { className: 'standard' })] }, podA('pvc-a'),
      { 'node-a': [], 'node-b': [], 'node-c': [] }],
    ['allowedTopologies restrict provisioning', {
      nodes: { 'node-a': { 'topology.kubernetes.io/zone': 'zone-a' }, 'node-b': { 'topology.kubernetes.io/zone': 'zone-b' }, 'node-c': {} },
      claims: [makeClaim('pvc-a', { className: 'zonal' })],
    }, podA('pvc-a'), { 'node-a': [], 'node-b': [BIND_CONFLICT], 'node-c': [BIND_CONFLICT] }],
    ['a claim with a selected node goes only there', { nodes: threeNodes, claims: [makeClaim('pvc-a', { className: 'standard', selectedNode: 'node-b' })] }, podA('pvc-a'),
      { 'node-a': [BIND_CONFLICT], 'node-b': [], 'node-c': [BIND_CONFLICT] }],
    ['an ephemeral volume waits for its claim', {}, makePod('pod-a', { spec: { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] } }),
      'waiting for ephemeral volume controller to create the persistentvolumeclaim "pod-a-scratch"'],
    ['an ephemeral volume\'s claim must belong to the pod', { claims: [makeClaim('pod-a-scratch', { className: 'standard', ownerUid: 'someone-else' })] },
      makePod('pod-a', { spec: { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] } }),
      'PVC default/pod-a-scratch was not created for pod default/pod-a (pod is not owner)'],
    ['an ephemeral volume\'s own claim is provisioned', { claims: [makeClaim('pod-a-scratch', { className: 'standard', ownerUid: 'uid-pod-a' })] },
      makePod('pod-a', { spec: { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] } }), { 'node-a': [] }],
    ['a ReadWriteOncePod claim in use refuses every node', {
      nodes: { 'node-a': {}, 'node-b': {} },
      claims: [makeClaim('pvc-a', { className: 'standard', accessModes: ['ReadWriteOncePod'], volumeName: 'pv-a', bindCompleted: true })],
      volumes: [makeVolume('pv-a', { className: 'standard', claimRef: { name: 'pvc-a', uid: 'uid-pvc-a' } })],
      pods: [podWithClaims('user', ['pvc-a'], { nodeName: 'node-a' })],
    }, podA('pvc-a'), { 'node-a': [RWOP_CONFLICT], 'node-b': [RWOP_CONFLICT] }],
    ['a ReadWriteOncePod claim no pod uses is free', {
      claims: [makeClaim('pvc-a', { className: 'standard', accessModes: ['ReadWriteOncePod'], volumeName: 'pv-a', bindCompleted: true })],
      volumes: [makeVolume('pv-a', { className: 'standard', claimRef: { name: 'pvc-a', uid: 'uid-pvc-a' } })],
      pods: [podWithClaims('other', ['pvc-z'], { nodeName: 'node-a' })],
    }, podA('pvc-a'), { 'node-a': [] }],
    ['a GCE PD mounted read-write on a node keeps another pod mounting it off that node', {
      nodes: { 'node-a': {}, 'node-b': {} },
      pods: [makePod('user', { nodeName: 'node-a', spec: { volumes: [{ name: 'd', gcePersistentDisk: { pdName: 'disk-1' } }] } })],
    }, makePod('pod-a', { spec: { volumes: [{ name: 'd', gcePersistentDisk: { pdName: 'disk-1' } }] } }), { 'node-a': ['node(s) had no available disk'], 'node-b': [] }],
    ['a GCE PD mounted read-only by both may share the node', {
      pods: [makePod('user', { nodeName: 'node-a', spec: { volumes: [{ name: 'd', gcePersistentDisk: { pdName: 'disk-1', readOnly: true } }] } })],
    }, makePod('pod-a', { spec: { volumes: [{ name: 'd', gcePersistentDisk: { pdName: 'disk-1', readOnly: true } }] } }), { 'node-a': [] }],
    ['the same AWS EBS volume never shares a node', {
      pods: [makePod('user', { nodeName: 'node-a', spec: { volumes: [{ name: 'd', awsElasticBlockStore: { volumeID: 'vol-1', readOnly: true } }] } })],
    }, makePod('pod-a', { spec: { volumes: [{ name: 'd', awsElasticBlockStore: { volumeID: 'vol-1', readOnly: true } }] } }), { 'node-a': ['node(s) had no available disk'] }],
  ])('%s', (_name, world, pod, expected) => {
    expect(verdicts(world, pod)).toEqual(expected);
  });
});

describe('schedulePod with volumes', () => {
  const decide = (world: World, pod: Pod) => schedulePod(snapshotOf(world), pod, { random: seededRandom(1) });

  it('words a PreFilter refusal once for all nodes, and preemption finds no node worth trying', () => {
    const snapshot = snapshotOf({ nodes: threeNodes });
    const pod = podWithClaims('needs-data', ['data']);
    const decision = schedulePod(snapshot, pod, { random: seededRandom(1) });
    expect(decision).toMatchObject({
      type: 'Unschedulable',
      message: '0/3 nodes are available: persistentvolumeclaim "data" not found.',
      explanation: { nodesEvaluated: 0, preFilterRejection: { plugin: 'VolumeRestrictions', reason: 'persistentvolumeclaim "data" not found' } },
    });
    if (decision.type !== 'Unschedulable') return;
    expect(preemptionMessage(decision.message, findPreemption(snapshot, pod))).toBe(
      // FitError's separator ends the preemption part with a second period, as on a real cluster.
      '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
  });

  it('counts a node\'s volume reasons each in the FitError', () => {
    const world = {
      nodes: { 'node-a': hostname('node-a'), 'node-b': hostname('node-b'), 'node-c': hostname('node-c') },
      claims: [makeClaim('data', { className: 'local' })],
      volumes: [makeVolume('pv-2', { className: 'local', nodeLabels: hostname('node-b') })],
    };
    const elsewhere = { ...world, volumes: [makeVolume('pv-2', { className: 'local', nodeLabels: hostname('node-x') })] };
    expect(decide(elsewhere, podWithClaims('p', ['data']))).toMatchObject({
      message: "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind.",
    });
    expect(decide(world, podWithClaims('p', ['data']))).toMatchObject({
      type: 'Bind', nodeName: 'node-b',
      volumes: { staticBindings: [{ volume: { metadata: { name: 'pv-2' } }, claim: { metadata: { name: 'data' } } }], dynamicProvisions: [] },
    });
  });

  it('binds each claim to the smallest volume that fits, smallest claim first', () => {
    const world = {
      claims: [makeClaim('big', { className: 'local', storage: '40Gi' }), makeClaim('small', { className: 'local', storage: '5Gi' })],
      volumes: [
        makeVolume('pv-10', { className: 'local', capacity: '10Gi' }),
        makeVolume('pv-50', { className: 'local', capacity: '50Gi' }),
        makeVolume('pv-100', { className: 'local', capacity: '100Gi' }),
        makeVolume('pv-1', { className: 'local', capacity: '1Gi' }),
      ],
    };
    const decision = decide(world, podWithClaims('p', ['big', 'small']));
    expect(decision.type === 'Bind' && decision.volumes!.staticBindings.map((b) => `${b.claim.metadata.name}=${b.volume.metadata.name}`)).toEqual(['small=pv-10', 'big=pv-50']);
  });

  it('provisions what no static volume serves, on the chosen node', () => {
    const world = {
      claims: [makeClaim('static', { className: 'local' }), makeClaim('dynamic', { className: 'standard' })],
      volumes: [makeVolume('pv-1', { className: 'local' })],
    };
    const decision = decide(world, podWithClaims('p', ['static', 'dynamic']));
    expect(decision).toMatchObject({ type: 'Bind', volumes: { staticBindings: [{ volume: { metadata: { name: 'pv-1' } } }], dynamicProvisions: [{ metadata: { name: 'dynamic' } }] } });
  });

  it('plans nothing for a pod whose claims are all bound', () => {
    const world = {
      claims: [makeClaim('data', { className: 'standard', volumeName: 'pv-1', bindCompleted: true })],
      volumes: [makeVolume('pv-1', { className: 'standard', claimRef: { name: 'data', uid: 'uid-data' }, phase: 'Bound' })],
    };
    expect(decide(world, podWithClaims('p', ['data']))).toMatchObject({ type: 'Bind', volumes: { staticBindings: [], dynamicProvisions: [] } });
  });

  it('lets a higher-priority pod preempt the user of a ReadWriteOncePod claim, on that pod\'s node only', () => {
    const snapshot = snapshotOf({
      nodes: { 'node-a': {}, 'node-b': {} },
      claims: [makeClaim('pvc-a', { className: 'standard', accessModes: ['ReadWriteOncePod'], volumeName: 'pv-a', bindCompleted: true })],
      volumes: [makeVolume('pv-a', { className: 'standard', claimRef: { name: 'pvc-a', uid: 'uid-pvc-a' } })],
      pods: [podWithClaims('user', ['pvc-a'], { nodeName: 'node-b', priority: 0 })],
    });
    const pod = podWithClaims('important', ['pvc-a'], { priority: 1000 });
    const decision = schedulePod(snapshot, pod, { random: seededRandom(1) });
    expect(decision).toMatchObject({ type: 'Unschedulable', message: `0/2 nodes are available: 2 ${RWOP_CONFLICT}.` });
    expect(findPreemption(snapshot, pod)).toMatchObject({ nodeName: 'node-b', victims: [{ metadata: { name: 'user' } }] });
  });
});
