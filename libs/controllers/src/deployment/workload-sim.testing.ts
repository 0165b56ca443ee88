/**
 * A tiny simulated cluster for the Deployment specs: it carries out the decisions of
 * reconcileDeployment and reconcileReplicaSet on in-memory objects and plays a kubelet
 * that starts pods (ready one tick after creation) and finishes terminating ones.
 */
import { cloneJson, type Deployment, type Pod, type ReplicaSet } from '@kubelab/api';
import type { ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { reconcileReplicaSet } from '../replicaset/reconcile-replicaset.js';
import type { DeploymentAction } from './deployment-actions.js';
import { reconcileDeployment } from './reconcile-deployment.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The Deployment the scenarios start from: 4 replicas, maxSurge 0, maxUnavailable 1. */
export function webDeployment(spec: Record<string, any> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'dep-uid', generation: 1, creationTimestamp: iso(T0) },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.0' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...spec,
    },
  };
}

/** kubectl's rollout_status.go message for the Deployment as it stands. */
export function rolloutStatusMessage(d: Deployment): string {
  const s = d.status ?? {};
  const [updated, replicas, available] = [s.updatedReplicas ?? 0, s.replicas ?? 0, s.availableReplicas ?? 0];
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return 'Waiting for deployment spec update to be observed...';
  const progressing = (s.conditions ?? []).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return `error: deployment "${d.metadata.name}" exceeded its progress deadline`;
  const name = d.metadata.name;
  const desired = d.spec!.replicas!;
  if (updated < desired) return `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${desired} new replicas have been updated...`;
  if (replicas > updated) return `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`;
  if (available < updated) return `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`;
  return `deployment "${name}" successfully rolled out`;
}

export class WorkloadSim {
  now = T0;
  deployment: Deployment;
  replicaSets: ReplicaSet[] = [];
  pods: Pod[] = [];
  events: string[] = [];
  lastRequeueMs: number | undefined;
  /** Images whose pods never become ready. */
  brokenImages = new Set<string>();
  private seq = 0;

  constructor(deployment: Deployment, readonly timeScale = 1) {
    this.deployment = cloneJson(deployment);
  }

  clock() {
    return { now: new Date(this.now), timeScale: this.timeScale };
  }

  advance(wallMs: number): void {
    this.now += wallMs;
  }

  /** A user edit of the Deployment (generation bumps when the spec changes). */
  edit(change: (d: Deployment) => void): void {
    const before = JSON.stringify(this.deployment.spec);
    change(this.deployment);
    if (JSON.stringify(this.deployment.spec) !== before) this.deployment.metadata.generation = (this.deployment.metadata.generation ?? 0) + 1;
  }

  syncDeployment(): DeploymentAction[] {
    const { actions, requeueAfterMs } = reconcileDeployment(this.deployment, this.replicaSets, this.pods, this.clock());
    this.lastRequeueMs = requeueAfterMs;
    for (const action of actions) this.applyDeploymentAction(action);
    return actions;
  }

  syncReplicaSets(): number {
    let count = 0;
    for (const rs of [...this.replicaSets]) {
      const { actions } = reconcileReplicaSet(rs, this.pods, this.clock());
      count += actions.length;
      for (const action of actions) {
        if (action.type === 'CreatePods') for (let i = 0; i < action.count; i++) this.createPod(action.pod);
        if (action.type === 'DeletePods') for (const pod of action.pods) this.podNamed(pod.metadata.name!).metadata.deletionTimestamp = iso(this.now);
        if (action.type === 'UpdateStatus') rs.status = cloneJson(action.status);
        if (action.type === 'AdoptPod' || action.type === 'ReleasePod') this.replacePod(action.pod);
      }
    }
    return count;
  }

  /** Starts pods created before this tick (unless their image is broken); removes terminating ones. */
  kubelet(): void {
    this.pods = this.pods.filter((pod) => !pod.metadata.deletionTimestamp);
    for (const pod of this.pods) {
      const spec = pod.spec!;
      const image = spec.containers[0].image!;
      if (pod.status!.phase !== 'Pending' || this.brokenImages.has(image) || pod.metadata.creationTimestamp === iso(this.now)) continue;
      spec.nodeName = 'node-1';
      pod.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(this.now) }] };
    }
  }

  /** One round: the Deployment, the ReplicaSets, the kubelet, then one wall second. */
  tick(): void {
    this.syncDeployment();
    this.syncReplicaSets();
    this.kubelet();
    this.advance(1000);
  }

  /** Ticks until the rollout status reads done (or `max` rounds), calling `check` after each controller pass. */
  settle(check: () => void = () => undefined, max = 50): void {
    for (let i = 0; i < max; i++) {
      this.syncDeployment();
      check();
      this.syncReplicaSets();
      check();
      this.kubelet();
      check();
      this.advance(1000);
      if (rolloutStatusMessage(this.deployment).includes('successfully rolled out') && this.syncDeployment().length === 0 && this.syncReplicaSets() === 0) return;
    }
  }

  /** Active pods that are Ready: what a Service would route to. */
  availablePods(): number {
    return this.pods.filter((p) => !p.metadata.deletionTimestamp && p.status!.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  }

  rsByRevision(revision: string): ReplicaSet | undefined {
    return this.replicaSets.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision);
  }

  private applyDeploymentAction(action: DeploymentAction): void {
    switch (action.type) {
      case 'CreateReplicaSet':
        this.replicaSets.push({ ...cloneJson(action.replicaSet), metadata: { ...cloneJson(action.replicaSet.metadata), uid: `rs-${++this.seq}`, generation: 1, creationTimestamp: iso(this.now) }, status: {} as ReplicaSetStatus });
        return;
      case 'UpdateReplicaSet':
      case 'AdoptReplicaSet':
      case 'ReleaseReplicaSet': {
        const i = this.replicaSets.findIndex((rs) => rs.metadata.name === action.replicaSet.metadata.name);
        const current = this.replicaSets[i];
        const next = { ...cloneJson(action.replicaSet), status: current.status };
        if (JSON.stringify(next.spec) !== JSON.stringify(current.spec)) next.metadata.generation = (current.metadata.generation ?? 0) + 1;
        this.replicaSets[i] = next;
        return;
      }
      case 'DeleteReplicaSet':
        this.replicaSets = this.replicaSets.filter((rs) => rs.metadata.name !== action.replicaSet.metadata.name);
        this.pods = this.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid !== action.replicaSet.metadata.uid);
        return;
      case 'UpdateStatus':
        this.deployment.status = cloneJson(action.status);
        return;
      case 'UpdateAnnotations':
        this.deployment.metadata.annotations = { ...this.deployment.metadata.annotations, ...action.annotations };
        return;
      case 'RecordEvent':
        this.events.push(`${action.eventType} ${action.reason} ${action.message}`);
    }
  }

  private createPod(template: Pod): void {
    const pod = cloneJson(template);
    const n = ++this.seq;
    pod.metadata = { ...pod.metadata, name: `${pod.metadata.generateName}p${n}`, uid: `pod-${n}`, creationTimestamp: iso(this.now) };
    pod.status = { phase: 'Pending' };
    this.pods.push(pod);
  }

  private podNamed(name: string): Pod {
    return this.pods.find((p) => p.metadata.name === name)!;
  }

  private replacePod(pod: Pod): void {
    this.pods = this.pods.map((p) => (p.metadata.name === pod.metadata.name ? cloneJson(pod) : p));
  }
}
