/**
 * The working state of one Deployment sync. Kubernetes' controller writes as it goes and
 * keeps using the objects the server returned; here every write edits a working copy
 * and is remembered, so each ReplicaSet ends up in exactly one action (no write of an
 * object this same sync already changed, which would conflict on resourceVersion).
 */
import { cloneJson, type Deployment, type ReplicaSet } from '@kubelab/api';
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import { semanticEqual } from '../replicaset/semantic-equal.js';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import type { DeploymentAction } from './deployment-actions.js';
import type { DeploymentCondition } from './deployment-conditions.js';
import { REVISION_ANNOTATION, setReplicasAnnotations, replicasAnnotationsNeedUpdate } from './revisions.js';
import { specReplicas } from './replica-set-lists.js';

/** A Deployment sync in progress: the Deployment's working status and the writes decided so far. */
export class RolloutPlan {
  /** The Deployment with the working status (conditions, counts) and revision annotation. */
  readonly deployment: Deployment;
  private created: ReplicaSet | undefined;
  private readonly updated = new Map<string, ReplicaSet>();
  private readonly deleted: ReplicaSet[] = [];
  private readonly events: DeploymentAction[] = [];
  requeueAfterMs: number | undefined;

  constructor(private readonly original: Deployment, readonly clock: WorkloadClock) {
    this.deployment = cloneJson(original);
  }

  /** The working status, as deploymentutil's functions read and write d.Status. */
  get status(): DeploymentStatus {
    return (this.deployment.status ??= {});
  }

  set status(status: DeploymentStatus) {
    this.deployment.status = status;
  }

  get conditions(): DeploymentCondition[] {
    return this.status.conditions ?? [];
  }

  set conditions(conditions: DeploymentCondition[]) {
    if (conditions.length > 0) this.status.conditions = conditions;
    else delete this.status.conditions;
  }

  /** Records the creation of `rs` (a working copy later edits keep changing). */
  create(rs: ReplicaSet): void {
    this.created = rs;
  }

  /** Marks a working copy as changed, to be written once at the end. */
  update(rs: ReplicaSet): void {
    if (rs !== this.created) this.updated.set(rs.metadata.name ?? '', rs);
  }

  delete(rs: ReplicaSet): void {
    this.deleted.push(rs);
  }

  event(eventType: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.push({ type: 'RecordEvent', eventType, reason, message });
  }

  /**
   * scaleReplicaSet: sets spec.replicas and the replicas annotations, recording
   * ScalingReplicaSet when the size changed. True when it scaled.
   */
  scale(rs: ReplicaSet, newScale: number): boolean {
    const oldScale = specReplicas(rs);
    const sizeChanges = oldScale !== newScale;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, this.deployment)) return false;
    rs.spec!.replicas = newScale;
    setReplicasAnnotations(rs, this.deployment);
    this.update(rs);
    if (!sizeChanges) return false;
    const direction = oldScale < newScale ? 'up' : 'down';
    this.event('Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    return true;
  }

  /** scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
  scaleIfNeeded(rs: ReplicaSet, newScale: number): boolean {
    return specReplicas(rs) !== newScale && this.scale(rs, newScale);
  }

  /**
   * The decision: ReplicaSet writes, their events, the status, and last the revision
   * annotation (written on top of the status write, so neither goes stale).
   */
  actions(): DeploymentAction[] {
    const actions: DeploymentAction[] = [];
    if (this.created) actions.push({ type: 'CreateReplicaSet', replicaSet: this.created });
    for (const rs of this.updated.values()) {
      if (!this.deleted.includes(rs)) actions.push({ type: 'UpdateReplicaSet', replicaSet: rs });
    }
    for (const rs of this.deleted) actions.push({ type: 'DeleteReplicaSet', replicaSet: rs });
    actions.push(...this.events);
    if (!semanticEqual(this.status, this.original.status ?? {})) actions.push({ type: 'UpdateStatus', status: this.status });
    const revision = this.deployment.metadata.annotations?.[REVISION_ANNOTATION];
    if (revision !== undefined && revision !== this.original.metadata.annotations?.[REVISION_ANNOTATION]) {
      actions.push({ type: 'UpdateAnnotations', annotations: { [REVISION_ANNOTATION]: revision } });
    }
    return actions;
  }
}
