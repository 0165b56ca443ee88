/**
 * VolumeBinding's PreBind wait (BindPodVolumes' checkBindings): after the scheduler wrote
 * the volumes' claimRefs and the claims' selected node, the PV controller and the
 * provisioners finish the job. Judged on the API's objects (never the assumed ones): done
 * once every claim is bound for good; still waiting while the informers lag behind the
 * writes or the binder has not finished; failed, and the pod scheduled again, when the
 * pod or node went away, a volume lost its claimRef or no longer suits the node, or a
 * provisioner gave up (it removes the selected node).
 */
import type { KubeObject, Node, PersistentVolume, PersistentVolumeClaim, Pod } from '@kubelab/api';
import type { ReservedVolumes } from './assume-pod-volumes.js';
import type { StaticBinding } from './find-pod-volumes.js';
import { isClaimFullyBound, SELECTED_NODE_ANNOTATION, volumeNodeAffinityMatches } from './pv-helpers.js';
import type { VolumeSnapshot } from './volume-snapshot.js';

/** What the wait sees now. */
export type BindingProgress = { type: 'Bound' } | { type: 'Waiting' } | { type: 'Failed'; error: string };

/** The world the check reads: the pod and its node as the informers hold them, and the storage objects. */
export interface BindingWorld {
  pod: Pod | undefined;
  node: Node | undefined;
  volumes: VolumeSnapshot;
}

const versionOf = (o: KubeObject): number => Number(o.metadata.resourceVersion) || 0;
const waiting: BindingProgress = { type: 'Waiting' };
const failed = (error: string): BindingProgress => ({ type: 'Failed', error });

function affinityError(volume: PersistentVolume, node: Node): string | undefined {
  if (volumeNodeAffinityMatches(volume, node.metadata.labels ?? {})) return undefined;
  return `pv "${volume.metadata.name}" node affinity doesn't match node "${node.metadata.name}": no matching NodeSelectorTerms`;
}

function checkStaticBinding(world: BindingWorld, written: StaticBinding, node: Node): BindingProgress | undefined {
  const volume = world.volumes.apiVolume(written.volume.metadata.name!);
  if (!volume) return failed(`failed to check binding: could not find v1.PersistentVolume "${written.volume.metadata.name}"`);
  const { namespace, name } = written.claim.metadata;
  const claim = world.volumes.apiClaim(namespace!, name!);
  if (!claim) return failed(`failed to check binding: could not find v1.PersistentVolumeClaim "${namespace}/${name}"`);
  if (versionOf(written.volume) > versionOf(volume)) return waiting;
  const mismatch = affinityError(volume, node);
  if (mismatch) return failed(mismatch);
  if (!volume.spec?.claimRef?.uid) return failed(`ClaimRef got reset for pv "${volume.metadata.name}"`);
  return isClaimFullyBound(claim) ? undefined : waiting;
}

function checkProvision(world: BindingWorld, written: PersistentVolumeClaim, node: Node): BindingProgress | undefined {
  const { namespace, name } = written.metadata;
  const claim = world.volumes.apiClaim(namespace!, name!);
  if (!claim) return failed(`failed to check provisioning pvc: could not find v1.PersistentVolumeClaim "${namespace}/${name}"`);
  if (versionOf(written) > versionOf(claim)) return waiting;
  if (!claim.metadata.annotations) return failed(`selectedNode annotation reset for PVC "${name}"`);
  if (claim.metadata.annotations[SELECTED_NODE_ANNOTATION] !== node.metadata.name) return failed(`provisioning failed for PVC "${name}"`);
  if (claim.spec?.volumeName) {
    const volume = world.volumes.apiVolume(claim.spec.volumeName);
    if (!volume) return waiting;
    const mismatch = affinityError(volume, node);
    if (mismatch) return failed(mismatch);
  }
  return isClaimFullyBound(claim) ? undefined : waiting;
}

/** Where the binding of `reserved` stands for the pod placed on `nodeName`. */
export function checkBindings(world: BindingWorld, pod: Pod, nodeName: string, reserved: ReservedVolumes): BindingProgress {
  const { node } = world;
  if (!node) return failed(`failed to get node "${nodeName}": node "${nodeName}" not found`);
  if (!world.pod) return failed(`pod does not exist any more: pod "${pod.metadata.name}" not found`);
  for (const binding of reserved.staticBindings) {
    const progress = checkStaticBinding(world, binding, node);
    if (progress) return progress;
  }
  for (const claim of reserved.dynamicProvisions) {
    const progress = checkProvision(world, claim, node);
    if (progress) return progress;
  }
  return { type: 'Bound' };
}

/** The FailedScheduling text of a VolumeBinding PreBind failure (a write refused, or the wait's error). */
export function preBindFailure(error: string): string {
  return `running PreBind plugin "VolumeBinding": ${error}`;
}

/** BindPodVolumes' wrapping of what ended the wait (an error above, or the bind timeout's "context deadline exceeded"). */
export function bindingVolumesError(error: string): string {
  return `binding volumes: ${error}`;
}

/** What the wait reports when the bind timeout passes. */
export const BIND_TIMEOUT_ERROR = 'context deadline exceeded';
