/**
 * The DaemonSet controller (pkg/controller/daemon, syncDaemonSet) as one pure,
 * level-triggered decision: claim pods, settle the revision, put one pod on every
 * eligible node and take them off the others, roll the update when nothing else was
 * to do (Kubernetes' expectations), report status and prune revision history.
 */
import { labelSelectorFromObject, type DaemonSet, type ControllerRevision, type LabelRequirement, type Node, type Pod } from '@kubelab/api';
import { claimObjects } from '../replicaset/claim-objects.js';
import { semanticEqual } from '../replicaset/semantic-equal.js';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import { hashOf, ownedRevisions } from '../revisions/controller-revision.js';
import { revisionsToPrune } from '../revisions/prune-revisions.js';
import { resolveUpdateRevision } from '../revisions/resolve-revision.js';
import { pruneActions, updateRevisionActions } from '../revisions/revision-actions.js';
import type { DaemonSetAction, DaemonSetReconcileResult } from './daemonset-actions.js';
import { daemonSetStatus } from './daemonset-status.js';
import { DAEMON_REVISION_HASH_LABEL, daemonPodHash } from './daemon-pod.js';
import { daemonView } from './daemon-nodes.js';
import { isRollingUpdate } from './daemon-rollout-params.js';
import { manageDaemonPods } from './manage-daemon-pods.js';
import { rollDaemonPods } from './roll-daemon-pods.js';

const REVISION_KIND = { hashLabel: DAEMON_REVISION_HASH_LABEL };

function selectorOf(ds: DaemonSet): LabelRequirement[] | undefined {
  try {
    return ds.spec?.selector ? labelSelectorFromObject(ds.spec.selector) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One sync of `ds` given every node, and every pod and ControllerRevision of its
 * namespace. A DaemonSet being deleted only reports status. Requeues when a ready pod
 * will become available (minReadySeconds).
 */
export function reconcileDaemonSet(
  ds: DaemonSet,
  nodes: readonly Node[],
  pods: readonly Pod[],
  revisions: readonly ControllerRevision[],
  clock: WorkloadClock,
): DaemonSetReconcileResult {
  const selector = selectorOf(ds);
  if (!selector) return { actions: [] };
  const claim = claimObjects(ds, selector, pods);
  const actions: DaemonSetAction[] = [
    ...claim.adopted.map((pod): DaemonSetAction => ({ type: 'AdoptPod', pod })),
    ...claim.released.map((pod): DaemonSetAction => ({ type: 'ReleasePod', pod })),
  ];
  const owned = [...claim.owned, ...claim.adopted];
  const history = ownedRevisions(ds, revisions);
  const decision = resolveUpdateRevision(ds, ds.spec?.template, history, revisions, Number(ds.status?.collisionCount ?? 0), REVISION_KIND);
  actions.push(...updateRevisionActions(decision));
  const view = daemonView(ds, nodes, owned, hashOf(decision.revision, REVISION_KIND), clock);
  if (!ds.metadata.deletionTimestamp) {
    const managed = manageDaemonPods(view);
    actions.push(...managed);
    if (managed.length === 0 && isRollingUpdate(ds)) actions.push(...rollDaemonPods(view));
  }
  const { status, nextAvailableInMs } = daemonSetStatus(view, decision.collisionCount);
  if (!semanticEqual(status, ds.status ?? {})) actions.push({ type: 'UpdateStatus', status });
  const liveHashes = new Set([...owned.map(daemonPodHash), view.hash]);
  const live = new Set(history.filter((r) => liveHashes.has(hashOf(r, REVISION_KIND))).map((r) => r.metadata.name ?? ''));
  actions.push(...pruneActions(revisionsToPrune(history, live, ds.spec?.revisionHistoryLimit)));
  return nextAvailableInMs === undefined ? { actions } : { actions, requeueAfterMs: nextAvailableInMs };
}
