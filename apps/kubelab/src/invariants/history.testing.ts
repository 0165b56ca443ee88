/**
 * Builds event-log histories for the invariant tests, entry by entry, in the shape the
 * api-server logs them (seq, time, past-tense type, actor, cause, the object as the event
 * left it with resourceVersion = seq), so a test reads like the log it stands for.
 */
import type { Deployment, Job, KubeObject, Node, Pod } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import type { ContainerStatus } from 'kubernetes-types/core/v1';

/** The kinds the histories change, typed: `update('Pod', …)` hands its change a Pod. */
interface Kinds {
  Pod: Pod;
  Node: Node;
  Deployment: Deployment;
  Job: Job;
}
/** The object type of a kind: its typed kind when the histories know it, else a KubeObject. */
type KindOf<K extends string> = K extends keyof Kinds ? Kinds[K] : KubeObject;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class History {
  readonly entries: LogEntry[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private seq = 0;
  private uids = 0;
  private clock: number;

  constructor(start = '2026-11-23T10:00:00.000Z') {
    this.clock = Date.parse(start);
  }

  /** Lab time passes. */
  tick(seconds: number): this {
    this.clock += seconds * 1000;
    return this;
  }

  /** The log loses the next `count` seqs (a gap). */
  skip(count = 1): this {
    this.seq += count;
    return this;
  }

  get last(): LogEntry {
    return this.entries[this.entries.length - 1];
  }

  object<K extends string>(kind: K, namespace: string, name: string): KindOf<K> {
    const o = this.objects.get(`${kind}/${namespace}/${name}`);
    if (!o) throw new Error(`no ${kind} ${namespace}/${name} in the history`);
    return o as KindOf<K>;
  }

  uid(kind: string, namespace: string, name: string): string {
    return this.object(kind, namespace, name).metadata.uid!;
  }

  /** Logs one entry for `object` (stamped with seq as resourceVersion unless `keepVersion`); returns its seq. */
  log(type: string, object: KubeObject, actor: string, options: { cause?: number; keepVersion?: boolean } = {}): number {
    const seq = ++this.seq;
    this.clock += 5;
    const logged = clone(object);
    if (!options.keepVersion) logged.metadata.resourceVersion = String(seq);
    const { kind, metadata } = logged;
    const namespace = metadata.namespace ?? '';
    const key = `${kind}/${namespace}/${metadata.name}`;
    if (type.endsWith('Deleted')) this.objects.delete(key);
    else this.objects.set(key, logged);
    this.entries.push({
      seq, time: new Date(this.clock).toISOString(), type, kind: kind!, namespace, name: metadata.name!, uid: metadata.uid!, actor,
      cause: options.cause ?? null, object: logged,
    });
    return seq;
  }

  /** Logs an audit entry (Refused, ConnectionDropped) about an object that may not exist; it changes none. */
  audit(type: string, kind: string, namespace: string, name: string, data: Record<string, unknown>): number {
    const seq = ++this.seq;
    this.clock += 5;
    this.entries.push({ seq, time: new Date(this.clock).toISOString(), type, kind, namespace, name, uid: '', actor: 'user:kubectl create', cause: null, object: data });
    return seq;
  }

  create(object: KubeObject, actor: string, cause?: number): number {
    const created = clone(object);
    created.metadata.uid ??= `00000000-0000-4000-8000-${String(++this.uids).padStart(12, '0')}`;
    created.metadata.creationTimestamp = new Date(this.clock).toISOString().replace(/\.\d+Z$/, 'Z');
    return this.log(`${created.kind}Created`, created, actor, { cause });
  }

  /** Changes the object as it stands and logs it under `type` (PodBound, DeploymentStatusUpdated …). */
  update<K extends string>(kind: K, namespace: string, name: string, type: string, actor: string, change: (o: KindOf<K>) => void, cause?: number): number {
    const next = clone(this.object(kind, namespace, name));
    change(next);
    return this.log(type, next, actor, { cause });
  }

  remove(kind: string, namespace: string, name: string, actor: string, cause?: number): number {
    return this.log(`${kind}Deleted`, this.object(kind, namespace, name), actor, { cause });
  }

  // Kubernetes shapes.

  node(name: string): number {
    return this.create({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, `kubelet/${name}`);
  }

  deployment(name: string, replicas: number): number {
    return this.create({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default', generation: 1, labels: { app: name } },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      status: {},
    }, 'user:kubectl create');
  }

  /** The deployment controller's status write: every replica updated, `available` of them available. */
  deploymentStatus(name: string, available: number, cause?: number): number {
    return this.update('Deployment', 'default', name, 'DeploymentStatusUpdated', 'deployment-controller', (d) => {
      const replicas = d.spec!.replicas;
      d.status = { observedGeneration: d.metadata.generation, replicas, updatedReplicas: replicas, readyReplicas: available, availableReplicas: available };
    }, cause);
  }

  scale(name: string, replicas: number): number {
    return this.update('Deployment', 'default', name, 'DeploymentScaled', 'user:kubectl scale', (d) => {
      d.spec!.replicas = replicas;
      d.metadata.generation = (d.metadata.generation ?? 0) + 1;
    });
  }

  /** A pod as its controller creates it, unbound and Pending. */
  pod(name: string, owner: { kind: string; name: string }, actor: string, cause?: number): number {
    const ownerUid = this.uid(owner.kind, 'default', owner.name);
    return this.create({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name, namespace: 'default', ownerReferences: [{ apiVersion: owner.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: owner.kind, name: owner.name, uid: ownerUid, controller: true, blockOwnerDeletion: true }] },
      spec: { containers: [{ name: 'c', image: 'nginx' }], restartPolicy: owner.kind === 'Job' ? 'Never' : 'Always', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    }, actor, cause);
  }

  bind(name: string, node: string, cause?: number): number {
    return this.update('Pod', 'default', name, 'PodBound', 'default-scheduler', (p) => {
      p.spec!.nodeName = node;
      p.status!.conditions = [{ type: 'PodScheduled', status: 'True' }];
    }, cause);
  }

  /** The pod's kubelet reports a phase (Running: its container runs; Succeeded: it exited 0). */
  report(name: string, phase: 'Running' | 'Succeeded' | 'Failed', cause?: number): number {
    const node = this.object('Pod', 'default', name).spec!.nodeName;
    return this.update('Pod', 'default', name, 'PodStatusReported', `kubelet/${node}`, (p) => {
      p.status!.phase = phase;
      // The fields the invariants read; a kubelet's report has more.
      p.status!.containerStatuses = [{ name: 'c', ready: phase === 'Running', state: phase === 'Running' ? { running: { startedAt: '2026-11-23T10:00:00Z' } } : { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1 } } }] as ContainerStatus[];
    }, cause);
  }

  /** `kubectl delete pod`: graceful, the kubelet stops the containers and confirms with its own delete. */
  deletePodGracefully(name: string): { requested: number; confirmed: number } {
    const requested = this.update('Pod', 'default', name, 'PodDeletionRequested', 'user:kubectl delete', (p) => {
      p.metadata.deletionTimestamp = '2026-11-23T10:30:00Z';
      p.metadata.deletionGracePeriodSeconds = 30;
    });
    const node = this.object('Pod', 'default', name).spec!.nodeName;
    this.report(name, 'Succeeded', requested);
    return { requested, confirmed: this.remove('Pod', 'default', name, `kubelet/${node}`, requested) };
  }

  /** `kubectl delete pod --force --grace-period=0`: gone from the log at once, no kubelet involved. */
  forceDeletePod(name: string): number {
    return this.remove('Pod', 'default', name, 'user:kubectl delete');
  }

  statefulSet(name: string, replicas: number): number {
    return this.create({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default', generation: 1 },
      spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      status: { replicas: 0 },
    }, 'user:kubectl apply');
  }

  job(name: string, completions: number): number {
    return this.create({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default', generation: 1 },
      spec: { completions, parallelism: 1, completionMode: 'NonIndexed', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
      status: {},
    }, 'user:kubectl apply');
  }

  jobSucceeded(name: string, succeeded: number, cause?: number): number {
    return this.update('Job', 'default', name, 'JobStatusUpdated', 'job-controller', (j) => {
      j.status = { ...j.status, active: 0, succeeded, failed: 0 };
    }, cause);
  }
}

/**
 * A small, healthy history: two nodes; a Deployment rolled out and left alone for 90 s;
 * a StatefulSet whose web-0 is deleted gracefully and whose web-1 is force-deleted, both
 * replaced; a Job with two completions done.
 */
export function healthyHistory(): History {
  const h = new History();
  h.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }, 'api-server');
  h.node('node-1');
  h.node('node-2');

  const created = h.deployment('app', 2);
  h.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'app-5d8f9', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', uid: h.uid('Deployment', 'default', 'app'), controller: true }] }, spec: { replicas: 2 } }, 'deployment-controller', created);
  for (const [pod, node] of [['app-5d8f9-x7k2p', 'node-1'], ['app-5d8f9-q4m8z', 'node-2']]) {
    h.pod(pod, { kind: 'ReplicaSet', name: 'app-5d8f9' }, 'replicaset-controller');
    h.bind(pod, node);
    h.tick(1).report(pod, 'Running');
  }
  h.deploymentStatus('app', 2);

  h.statefulSet('web', 2);
  for (const [pod, node] of [['web-0', 'node-1'], ['web-1', 'node-2']]) {
    h.pod(pod, { kind: 'StatefulSet', name: 'web' }, 'statefulset-controller');
    h.bind(pod, node);
    h.tick(1).report(pod, 'Running');
  }
  h.tick(10).deletePodGracefully('web-0');
  h.pod('web-0', { kind: 'StatefulSet', name: 'web' }, 'statefulset-controller');
  h.bind('web-0', 'node-2');
  h.tick(1).report('web-0', 'Running');
  h.tick(10).forceDeletePod('web-1');
  h.pod('web-1', { kind: 'StatefulSet', name: 'web' }, 'statefulset-controller');
  h.bind('web-1', 'node-1');
  h.tick(1).report('web-1', 'Running');

  h.job('pi', 2);
  for (const [pod, node] of [['pi-bvkrm', 'node-1'], ['pi-mks97', 'node-2']]) {
    h.pod(pod, { kind: 'Job', name: 'pi' }, 'job-controller');
    h.bind(pod, node);
    h.tick(1).report(pod, 'Running');
    h.tick(1).report(pod, 'Succeeded');
  }
  h.jobSucceeded('pi', 2);

  h.tick(90).update('Node', '', 'node-1', 'NodeStatusReported', 'kubelet/node-1', (n) => {
    n.status!.conditions = [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-11-23T10:02:00Z' }];
  });
  return h;
}
