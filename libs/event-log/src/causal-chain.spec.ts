import { describe, expect, it } from 'vitest';
import { causalChain, chaosRoots, newestIncarnation, storySeeds } from './causal-chain.js';
import type { LogEntry } from './log-entry.js';

const e = (seq: number, type: string, name: string, actor: string, cause: number | null, over: Partial<LogEntry> = {}): LogEntry => ({
  seq, time: '2026-11-22T00:00:00.000Z', type, kind: type.startsWith('Event') ? 'Event' : 'Pod', namespace: 'default', name, uid: `uid-${name}`, actor, cause, object: {}, ...over,
});
const kubeEvent = (seq: number, actor: string, cause: number | null, involved: string, message: string, uid = `uid-${involved}`) =>
  e(seq, 'EventCreated', `${involved}.abc${seq}`, actor, cause, { object: { involvedObject: { kind: involved.includes('-') ? 'Pod' : 'ReplicaSet', name: involved, uid }, message } });

// A user deletes web-old; the ReplicaSet creates web-new; the scheduler binds it; the kubelet starts it.
const deleteOld = e(42, 'PodDeletionRequested', 'web-old', 'user:kubectl delete', null);
const created = e(43, 'PodCreated', 'web-new', 'replicaset-controller', 42);
const bound = e(46, 'PodBound', 'web-new', 'default-scheduler', 43);
const started = e(56, 'PodStatusReported', 'web-new', 'kubelet/node-1', null);
const successfulCreate = kubeEvent(47, 'replicaset-controller', 42, 'web', 'Created pod: web-new');
const otherCreate = kubeEvent(48, 'replicaset-controller', 42, 'web', 'Created pod: web-other');
const scheduled = kubeEvent(50, 'default-scheduler', 43, 'web-new', 'Successfully assigned default/web-new to node-1');
const pulledOld = kubeEvent(30, 'kubelet/node-2', null, 'web-old', 'Pulled');
const earlierLife = e(10, 'PodCreated', 'web-new', 'user:kubectl create', null, { uid: 'uid-first' });

describe('newestIncarnation', () => {
  it('keeps the entries of the last uid under that name', () => {
    expect(newestIncarnation([earlierLife, e(11, 'PodDeleted', 'web-new', 'x', null, { uid: 'uid-first' }), created, bound])).toEqual([created, bound]);
    expect(newestIncarnation([])).toEqual([]);
  });
});

describe('storySeeds', () => {
  it('takes the own entries, Events about the object and the maker\'s Events naming it', () => {
    const seeds = storySeeds([earlierLife, created, bound, started], [pulledOld, successfulCreate, otherCreate, scheduled]);
    expect(seeds.map((s) => s.seq)).toEqual([43, 46, 56, 47, 50]);
  });

  it('leaves out audit entries about the object: a refusal or a dropped connection changed nothing of it', () => {
    const refused = e(57, 'Refused', 'web-new', 'user:kubectl delete', null, { uid: '' });
    const dropped = e(58, 'ConnectionDropped', 'web-new', 'kubelet/node-1', null);
    expect(storySeeds([created, bound, refused, dropped], []).map((s) => s.seq)).toEqual([43, 46]);
  });

  it('ignores an Event about an earlier object of the same name', () => {
    const stale = kubeEvent(12, 'default-scheduler', 10, 'web-new', 'Successfully assigned', 'uid-first');
    expect(storySeeds([created], [stale]).map((s) => s.seq)).toEqual([43]);
  });

  it("takes an HPA's rescale of the object, by the target its decision names", () => {
    const scaled = e(70, 'DeploymentScaled', 'web', 'horizontal-pod-autoscaler', 65, { kind: 'Deployment' });
    const decision = (name: string) => ({ 'kubelab.dev/rescale-decision': JSON.stringify({ target: { kind: 'Deployment', name }, currentReplicas: 1, desiredReplicas: 4, metrics: [] }) });
    const rescale = (seq: number, name: string) => e(seq, 'EventCreated', `hpa.${seq}`, 'horizontal-pod-autoscaler', 65, {
      object: { metadata: { annotations: decision(name) }, involvedObject: { kind: 'HorizontalPodAutoscaler', name: 'hpa' }, message: 'New size: 4; reason: cpu resource utilization (percentage of request) above target' },
    });
    expect(storySeeds([scaled], [rescale(71, 'web'), rescale(72, 'api')]).map((s) => s.seq)).toEqual([70, 71]);
  });

  it('has no story for an object the log never saw', () => {
    expect(storySeeds([], [scheduled])).toEqual([]);
  });
});

describe('causalChain', () => {
  const known = new Map([deleteOld, created, bound, started, successfulCreate, scheduled].map((x) => [x.seq, x]));

  it('walks cause links back to the root and lists the chain oldest first', () => {
    const { chain, missing } = causalChain([started, bound, scheduled], known);
    expect(chain.map((x) => `${x.seq} ${x.type} ${x.actor}`)).toEqual([
      '42 PodDeletionRequested user:kubectl delete',
      '43 PodCreated replicaset-controller',
      '46 PodBound default-scheduler',
      '50 EventCreated default-scheduler',
      '56 PodStatusReported kubelet/node-1',
    ]);
    expect(missing).toEqual([]);
  });

  it('reports the causes it does not know yet, once each', () => {
    expect(causalChain([bound, scheduled], new Map()).missing).toEqual([43]);
    const rest = causalChain([bound, scheduled], new Map([[43, created]]));
    expect(rest.missing).toEqual([42]);
    expect(rest.chain.map((x) => x.seq)).toEqual([43, 46, 50]);
  });

  it('stops on a cause loop instead of walking forever', () => {
    const a = e(5, 'PodUpdated', 'a', 'x', 6);
    const b = e(6, 'PodUpdated', 'a', 'y', 5);
    expect(causalChain([a], new Map([[5, a], [6, b]])).chain.map((x) => x.seq)).toEqual([5, 6]);
  });
});

describe('chaosRoots', () => {
  const nodeEntry = (seq: number, type: string) => e(seq, type, 'node-2', 'node-lifecycle-controller', null, { kind: 'Node', namespace: '' });
  const drill = (seq: number, kind: string, name: string, namespace?: string) =>
    e(seq, 'EventCreated', `${name}.${seq}`, 'chaos', null, { object: { involvedObject: { kind, name, ...(namespace ? { namespace } : {}) }, reason: 'ChaosKillAgent' } });

  it('adds a drill on a node of the chain that came before the node\'s last entry there', () => {
    const chain = [nodeEntry(20, 'NodeStatusUpdated'), nodeEntry(21, 'NodeUpdated'), e(22, 'PodDeletionRequested', 'web-old', 'node-lifecycle-controller', 21)];
    const kill = drill(15, 'Node', 'node-2');
    const later = drill(30, 'Node', 'node-2');
    const elsewhere = drill(16, 'Node', 'node-3');
    expect(chaosRoots(chain, [kill, later, elsewhere])).toEqual([kill]);
  });

  it('matches a namespaced object by its namespace and ignores Events from other actors', () => {
    const chain = [e(40, 'PodStatusReported', 'web-1', 'kubelet/node-1', null)];
    const crash = drill(39, 'Pod', 'web-1', 'default');
    const otherNamespace = drill(38, 'Pod', 'web-1', 'shop');
    const notChaos = { ...drill(37, 'Pod', 'web-1', 'default'), actor: 'user:curl' };
    expect(chaosRoots(chain, [crash, otherNamespace, notChaos])).toEqual([crash]);
  });
});
