/**
 * The pod strategy (pkg/registry/core/pod/strategy.go) and what its storage adds: status is
 * reported by the kubelet and worked out afresh on create, the fields of features a default 1.32
 * api-server has off dropped on create and update, no generation, a SchedulingGated
 * condition for a gated pod, graceful deletion on a node, the binding, eviction and
 * ephemeralcontainers subresources, and the admission plugins that judge pods.
 */
import { keepPodPriority } from '../../admission/priority/pod-priority.js';
import type { DeleteOptions } from '../../commands/command.js';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { dropStatus, strategy, type KindStrategy } from '../strategy.js';
import { checkPodLimits, mutatePodOnCreate, podSecurityOfPod } from './admission.js';
import { bindPod } from './bind.js';
import { dropDisabledFields } from './disabled-fields.js';
import { writeEphemeralContainers } from './ephemeral-containers.js';
import { evictPod } from './evict.js';
import { withSchedulingGatedCondition } from './scheduling-gated.js';

/** Pods that never reached a node, or that already ended, have nothing to stop; the others get the grace asked for, or their own. */
function podGracePeriod(obj: KubeObject, options: DeleteOptions): number {
  const pod = obj as Pod;
  if (!pod.spec?.nodeName) return 0;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
  const requested = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, requested);
}

/** The Pod kind's strategy. */
export const podStrategy: KindStrategy = strategy({
  generation: false,
  statusReported: true,
  prepareForCreate: (pod) => dropDisabledFields(dropStatus(pod), undefined),
  prepareForUpdate: dropDisabledFields,
  mutateOnCreate: mutatePodOnCreate,
  mutateOnUpdate: keepPodPriority,
  checkCreate: checkPodLimits,
  podSecurity: podSecurityOfPod,
  completeCreate: withSchedulingGatedCondition,
  // A deleted pod leaves the store when its kubelet confirms it stopped (a delete with grace 0), not when its finalizers go.
  removedWhenFinalized: (pod) => pod.metadata.deletionGracePeriodSeconds === 0,
  gracePeriod: podGracePeriod,
  propagationFinalizers: false,
  subresourceWriters: { ephemeralcontainers: writeEphemeralContainers },
  bind: bindPod,
  evict: evictPod,
});
