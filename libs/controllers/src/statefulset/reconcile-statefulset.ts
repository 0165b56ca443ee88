/**
 * The StatefulSet controller (pkg/controller/statefulset, syncStatefulSet →
 * updateStatefulSet) as one pure, level-triggered decision: claim the pods named
 * after the set, settle the update revision, scale ordinal by ordinal, roll the
 * update down to the partition, report status and prune revision history.
 */
import { labelSelectorFromObject, type ControllerRevision, type LabelRequirement, type PersistentVolumeClaim, type Pod, type StatefulSet } from '@kubelab/api';
import { claimObjects } from '../replicaset/claim-objects.js';
import { semanticEqual } from '../replicaset/semantic-equal.js';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import { HISTORY_HASH_LABEL, ownedRevisions, templateOf, type Revision } from '../revisions/controller-revision.js';
import { revisionsToPrune } from '../revisions/prune-revisions.js';
import { resolveUpdateRevision } from '../revisions/resolve-revision.js';
import { pruneActions, updateRevisionActions } from '../revisions/revision-actions.js';
import { rollStatefulPods } from './roll-stateful-pods.js';
import { scaleStatefulPods } from './scale-stateful-pods.js';
import { isMemberOf, ordinalOf, podRevision, startOrdinal } from './stateful-pod-identity.js';
import type { StatefulPass, StatefulRevision } from './stateful-pass.js';
import type { StatefulSetAction, StatefulSetReconcileResult } from './statefulset-actions.js';
import { statefulSetStatus } from './statefulset-status.js';

const REVISION_KIND = { hashLabel: HISTORY_HASH_LABEL };

function selectorOf(set: StatefulSet): LabelRequirement[] | undefined {
  try {
    return set.spec?.selector ? labelSelectorFromObject(set.spec.selector) : undefined;
  } catch {
    return undefined;
  }
}

/** The pass over `pods`: slot per ordinal in [start, start+replicas), the rest condemned (highest first). */
function newPass(
  set: StatefulSet, pods: readonly Pod[], claims: readonly PersistentVolumeClaim[], current: StatefulRevision, update: StatefulRevision, clock: WorkloadClock,
): StatefulPass {
  const start = startOrdinal(set);
  const replicas: (Pod | undefined)[] = new Array(Number(set.spec?.replicas ?? 1)).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    const index = (ordinalOf(pod) ?? -1) - start;
    if (index >= 0 && index < replicas.length) replicas[index] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => (ordinalOf(b) ?? 0) - (ordinalOf(a) ?? 0));
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const claimsByName = new Map(claims.map((claim) => [claim.metadata.name!, claim] as const));
  return { set, current, update, clock, monotonic, replicas, condemned, claims: claimsByName, actions: [] };
}

function revisionOf(revision: Revision): StatefulRevision {
  return { name: revision.metadata.name ?? '', template: templateOf(revision) };
}

/**
 * One sync of `set` given every pod, ControllerRevision and PersistentVolumeClaim of its
 * namespace. A set being deleted only reports status. Requeues when a ready pod will
 * become available (minReadySeconds); `waitingFor` says what holds the set back.
 */
export function reconcileStatefulSet(
  set: StatefulSet,
  pods: readonly Pod[],
  revisions: readonly ControllerRevision[],
  clock: WorkloadClock,
  claims: readonly PersistentVolumeClaim[] = [],
): StatefulSetReconcileResult {
  const selector = selectorOf(set);
  if (!selector) return { actions: [] };
  const claim = claimObjects(set, selector, pods.filter((pod) => isMemberOf(set, pod)));
  const actions: StatefulSetAction[] = [
    ...claim.adopted.map((pod): StatefulSetAction => ({ type: 'AdoptPod', pod })),
    ...claim.released.map((pod): StatefulSetAction => ({ type: 'ReleasePod', pod })),
  ];
  const owned = [...claim.owned, ...claim.adopted];
  const history = ownedRevisions(set, revisions);
  const decision = resolveUpdateRevision(set, set.spec?.template, history, revisions, Number(set.status?.collisionCount ?? 0), REVISION_KIND);
  actions.push(...updateRevisionActions(decision));
  const update = { name: decision.revision.metadata.name ?? '', template: set.spec?.template ?? {} };
  const currentRevision = history.find((r) => r.metadata.name === set.status?.currentRevision);
  const current = currentRevision ? revisionOf(currentRevision) : update;
  const pass = newPass(set, owned, claims, current, update, clock);
  if (!set.metadata.deletionTimestamp && !scaleStatefulPods(pass)) rollStatefulPods(pass);
  actions.push(...pass.actions);
  const { status, nextAvailableInMs } = statefulSetStatus(set, owned, { current: current.name, update: update.name, collisionCount: decision.collisionCount }, clock);
  if (!semanticEqual(status, set.status ?? {})) actions.push({ type: 'UpdateStatus', status });
  const live = new Set([...owned.map(podRevision), current.name, update.name]);
  actions.push(...pruneActions(revisionsToPrune(history, live, set.spec?.revisionHistoryLimit)));
  const result: StatefulSetReconcileResult = { actions };
  if (pass.waitingFor) result.waitingFor = pass.waitingFor;
  if (pass.heldBy) result.heldBy = pass.heldBy;
  if (nextAvailableInMs !== undefined) result.requeueAfterMs = nextAvailableInMs;
  return result;
}
