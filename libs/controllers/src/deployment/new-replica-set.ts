/**
 * getAllReplicaSetsAndSyncRevision / getNewReplicaSet of sync.go: find the ReplicaSet
 * running the Deployment's current template (bumping its revision when an old one
 * becomes current again, as after `kubectl rollout undo`), or create it.
 */
import { cloneJson, type Deployment, type ReplicaSet } from '@kubelab/api';
import { controllerRefTo } from '../replicaset/owner-refs.js';
import { getCondition, newCondition, REASON, setCondition } from './deployment-conditions.js';
import { progressDeadlineSeconds } from './deployment-status.js';
import { computePodTemplateHash, POD_TEMPLATE_HASH_LABEL, templateWithHash } from './pod-template-hash.js';
import { findNewReplicaSet, specReplicas, sumSpecReplicas } from './replica-set-lists.js';
import { REVISION_ANNOTATION, maxRevision, setNewReplicaSetAnnotations } from './revisions.js';
import { desiredReplicas, isRollingUpdate, maxSurge } from './rollout-params.js';
import type { RolloutPlan } from './rollout-plan.js';

/** The new ReplicaSet (if any) and all the others. */
export interface ReplicaSetsOfDeployment {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/**
 * NewRSNewReplicas: Recreate goes straight to spec.replicas; RollingUpdate grows the new
 * ReplicaSet only as far as replicas + maxSurge allows over all ReplicaSets.
 */
export function newReplicaSetReplicas(deployment: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(deployment);
  if (!isRollingUpdate(deployment)) return desired;
  const maxTotal = desired + maxSurge(deployment);
  const current = sumSpecReplicas(allRSs);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, desired - specReplicas(newRS));
}

function setDeploymentRevision(plan: RolloutPlan, revision: string): void {
  const annotations = (plan.deployment.metadata.annotations ??= {});
  annotations[REVISION_ANNOTATION] = revision;
}

function setProgressing(plan: RolloutPlan, reason: string, message: string): void {
  plan.conditions = setCondition(plan.conditions, newCondition('Progressing', 'True', reason, message, plan.clock.now));
}

function syncExisting(plan: RolloutPlan, existing: ReplicaSet, newRevision: number): ReplicaSet {
  const d = plan.deployment;
  const annotationsChanged = setNewReplicaSetAnnotations(d, existing, newRevision, true);
  const minReadySeconds = d.spec?.minReadySeconds ?? 0;
  if (annotationsChanged || (existing.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
    existing.spec!.minReadySeconds = minReadySeconds;
    plan.update(existing);
  }
  setDeploymentRevision(plan, existing.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  if (progressDeadlineSeconds(d) !== undefined && !getCondition(plan.conditions, 'Progressing')) {
    setProgressing(plan, REASON.foundNewReplicaSet, `Found new replica set "${existing.metadata.name}"`);
  }
  return existing;
}

/** The ReplicaSet a Deployment creates for its current template, sized by newReplicaSetReplicas. */
function replicaSetFor(plan: RolloutPlan, hash: string, oldRSs: readonly ReplicaSet[], newRevision: number): ReplicaSet {
  const d = plan.deployment;
  const template = templateWithHash(d, hash);
  const selector = cloneJson(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata?.labels },
      ownerReferences: [controllerRefTo(d)],
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  rs.spec!.replicas = newReplicaSetReplicas(d, [...oldRSs, rs], rs);
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  return rs;
}

/**
 * Creates the new ReplicaSet. A name already taken by a ReplicaSet with another
 * template is a hash collision: status.collisionCount goes up and nothing is created
 * (the next sync hashes differently).
 */
function createNew(plan: RolloutPlan, namespaceReplicaSets: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRevision: number): ReplicaSet | undefined {
  const d = plan.deployment;
  const hash = computePodTemplateHash(d.spec?.template, d.status?.collisionCount);
  const name = `${d.metadata.name}-${hash}`;
  if (namespaceReplicaSets.some((rs) => rs.metadata.name === name)) {
    plan.status.collisionCount = Number(plan.status.collisionCount ?? 0) + 1;
    return undefined;
  }
  const rs = replicaSetFor(plan, hash, oldRSs, newRevision);
  plan.create(rs);
  const replicas = specReplicas(rs);
  if (replicas > 0) plan.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
  setDeploymentRevision(plan, String(newRevision));
  if (progressDeadlineSeconds(d) !== undefined) setProgressing(plan, REASON.newReplicaSetCreated, `Created new replica set "${name}"`);
  return rs;
}

/**
 * Splits the Deployment's (working copies of) ReplicaSets into new and old, syncing the
 * new one's revision and the Deployment's; with `create`, makes a missing new one.
 */
export function replicaSetsOfDeployment(
  plan: RolloutPlan,
  owned: readonly ReplicaSet[],
  namespaceReplicaSets: readonly ReplicaSet[],
  create: boolean,
): ReplicaSetsOfDeployment {
  const existing = findNewReplicaSet(plan.deployment, owned);
  const oldRSs = owned.filter((rs) => rs !== existing);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) return { newRS: syncExisting(plan, existing, newRevision), oldRSs };
  return { newRS: create ? createNew(plan, namespaceReplicaSets, oldRSs, newRevision) : undefined, oldRSs };
}
