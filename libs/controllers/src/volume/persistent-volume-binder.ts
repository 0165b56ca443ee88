/**
 * The PersistentVolume controller's binder (pkg/controller/volume/persistentvolume/pv_controller.go)
 * as decisions: `syncClaim` and `syncVolume` return, in order, the writes and events one sync makes.
 * Binding is the same two-step dance as upstream (the volume's claimRef first, then the claim's
 * volumeName), each step taken on the object as the previous step left it, so a sync interrupted
 * half-way is finished by the next. Dynamic provisioning is left to external provisioners: the
 * claim is annotated with the provisioner and waits (ExternalProvisioning).
 */
import { claimClass, claimHasClass, defaultStorageClass, isVolumeBoundToClaim, type KubeObject, type PersistentVolume, type PersistentVolumeClaim, type Pod, type StorageClass } from '@kubelab/api';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_DYNAMICALLY_PROVISIONED, ANN_PRE_RESIZE_CAPACITY,
  ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimNamesOfPod, hasAnnotation, isPodTerminated, withAnnotation,
} from './volume-annotations.js';
import { findBestMatchForClaim, volumeModeMismatch, volumeUnfitForClaim } from './volume-matching.js';

/** An event the controller records, about a claim or a volume. */
export interface VolumeEvent {
  type: 'RecordEvent';
  object: KubeObject;
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** One step of a binder sync; the shell carries them out in order and stops at the first failure. */
export type VolumeBinderAction =
  | { type: 'UpdateClaim'; claim: PersistentVolumeClaim }
  | { type: 'UpdateClaimStatus'; claim: PersistentVolumeClaim }
  | { type: 'UpdateVolume'; volume: PersistentVolume }
  | { type: 'UpdateVolumeStatus'; volume: PersistentVolume }
  | { type: 'DeleteVolume'; volume: PersistentVolume }
  | { type: 'SyncClaim'; namespace: string; name: string }
  | VolumeEvent;

/** What a claim's sync reads besides the claim. */
export interface ClaimSyncView {
  volumes: readonly PersistentVolume[];
  classes: readonly StorageClass[];
  /** The pods of the claim's namespace: the consumers a delayed claim waits for. */
  pods: readonly Pod[];
}

/** The source of event messages that name a volume plugin's refusal to delete. */
const NO_DELETER = 'no deletable volume plugin matched';

/** Accumulates the steps of one sync and the objects as they leave each step. */
class Plan {
  readonly actions: VolumeBinderAction[] = [];

  event(object: KubeObject, eventType: 'Normal' | 'Warning', reason: string, message: string): void {
    this.actions.push({ type: 'RecordEvent', object, eventType, reason, message });
  }

  /** updateClaimStatus: phase, access modes and (when becoming Bound) capacity from the volume; written only when changed. */
  claimStatus(claim: PersistentVolumeClaim, phase: string, volume?: PersistentVolume): PersistentVolumeClaim {
    const before = claim.status ?? {};
    const status = { ...before, phase };
    if (!volume) {
      delete status.accessModes;
      delete status.capacity;
    } else {
      status.accessModes = volume.spec?.accessModes;
      if (before.phase !== phase) {
        const preResize = volume.metadata.annotations?.[ANN_PRE_RESIZE_CAPACITY];
        if (preResize !== undefined) status.capacity = { ...before.capacity, storage: preResize };
        else if (String(before.capacity?.storage ?? '') !== String(volume.spec?.capacity?.storage ?? '')) status.capacity = volume.spec?.capacity;
      }
    }
    if (JSON.stringify(status) === JSON.stringify(before)) return claim;
    const updated = { ...claim, status };
    this.actions.push({ type: 'UpdateClaimStatus', claim: updated });
    return updated;
  }

  /** updateClaimStatusWithEvent: the event only when the phase changes. */
  claimStatusWithEvent(claim: PersistentVolumeClaim, phase: string, eventType: 'Normal' | 'Warning', reason: string, message: string): void {
    if (claim.status?.phase === phase) return;
    this.event(this.claimStatus(claim, phase), eventType, reason, message);
  }

  /** updateVolumePhase: the phase and its message, written only when the phase changes. */
  volumePhase(volume: PersistentVolume, phase: string, message = ''): PersistentVolume {
    if (volume.status?.phase === phase) return volume;
    const status = { ...volume.status, phase };
    if (message) status.message = message;
    else delete status.message;
    const updated = { ...volume, status };
    this.actions.push({ type: 'UpdateVolumeStatus', volume: updated });
    return updated;
  }

  /** updateVolumePhaseWithEvent. */
  volumePhaseWithEvent(volume: PersistentVolume, phase: string, eventType: 'Normal' | 'Warning', reason: string, message: string): void {
    if (volume.status?.phase === phase) return;
    this.event(this.volumePhase(volume, phase, message), eventType, reason, message);
  }
}

/** ref.GetReference of a claim: what a bound volume's claimRef holds. */
function claimReference(claim: PersistentVolumeClaim): Record<string, string> {
  const { namespace, name, uid, resourceVersion } = claim.metadata;
  return { kind: 'PersistentVolumeClaim', namespace: namespace!, name: name!, uid: uid!, apiVersion: 'v1', resourceVersion: resourceVersion ?? '' };
}

/** IsDelayBindingMode: the claim's class binds WaitForFirstConsumer (a missing class does not). */
function isDelayBinding(claim: PersistentVolumeClaim, classes: readonly StorageClass[]): boolean {
  const name = claimClass(claim);
  return name !== '' && classes.find((c) => c.metadata.name === name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** bind: the volume's claimRef, the volume Bound, the claim's volumeName and annotations, the claim Bound. */
function bind(volume: PersistentVolume, claim: PersistentVolumeClaim, plan: Plan): void {
  let current = volume;
  const ref = volume.spec?.claimRef;
  const boundAlready = isVolumeBoundToClaim(volume, claim);
  if (!ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || ref.uid !== claim.metadata.uid) {
    current = { ...current, spec: { ...current.spec, claimRef: claimReference(claim) } };
  }
  if (!boundAlready && !hasAnnotation(current, ANN_BOUND_BY_CONTROLLER)) current = withAnnotation(current, ANN_BOUND_BY_CONTROLLER, 'yes');
  if (current !== volume) plan.actions.push({ type: 'UpdateVolume', volume: current });
  current = plan.volumePhase(current, 'Bound');

  let bound = claim;
  if (claim.spec?.volumeName !== volume.metadata.name) {
    bound = { ...bound, spec: { ...bound.spec, volumeName: volume.metadata.name } };
    if (!hasAnnotation(bound, ANN_BOUND_BY_CONTROLLER)) bound = withAnnotation(bound, ANN_BOUND_BY_CONTROLLER, 'yes');
  }
  if (!hasAnnotation(bound, ANN_BIND_COMPLETED)) bound = withAnnotation(bound, ANN_BIND_COMPLETED, 'yes');
  if (bound !== claim) plan.actions.push({ type: 'UpdateClaim', claim: bound });
  plan.claimStatus(bound, 'Bound', current);
}

/** emitEventForUnboundDelayBindingClaim: which consumer the claim waits for. */
function waitForConsumer(claim: PersistentVolumeClaim, pods: readonly Pod[], plan: Plan): void {
  const waiting = pods
    .filter((p) => p.metadata.namespace === claim.metadata.namespace && claimNamesOfPod(p).includes(claim.metadata.name!))
    .filter((p) => !isPodTerminated(p) && !p.spec?.nodeName)
    .map((p) => p.metadata.name!)
    .sort();
  if (waiting.length === 0) return plan.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
  const message = waiting.length > 1 ? `waiting for pods ${waiting.join(',')} to be scheduled` : `waiting for pod ${waiting[0]} to be scheduled`;
  plan.event(claim, 'Normal', 'WaitForPodScheduled', message);
}

/** provisionClaim: an external provisioner is asked (annotation) and awaited; the lab has no in-tree provisioning plugin. */
function provisionClaim(claim: PersistentVolumeClaim, classes: readonly StorageClass[], plan: Plan): void {
  const name = claimClass(claim);
  const storageClass = classes.find((c) => c.metadata.name === name);
  if (!storageClass) return plan.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${name}" not found`);
  const provisioner: string = storageClass.provisioner ?? '';
  if (provisioner.startsWith('kubernetes.io/')) return plan.event(claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
  let annotated = claim;
  if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== provisioner) {
    annotated = withAnnotation(withAnnotation(claim, ANN_BETA_STORAGE_PROVISIONER, provisioner), ANN_STORAGE_PROVISIONER, provisioner);
    plan.actions.push({ type: 'UpdateClaim', claim: annotated });
  }
  plan.event(annotated, 'Normal', 'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. `
    + 'If volume creation is delayed, please verify that the provisioner is running and correctly registered.');
}

/** syncUnboundClaim: find a volume, else give the claim the default class, wait for a consumer, provision, or report. */
function syncUnboundClaim(claim: PersistentVolumeClaim, view: ClaimSyncView, plan: Plan): void {
  const wanted = claim.spec?.volumeName;
  if (!wanted) {
    const delayBinding = isDelayBinding(claim, view.classes);
    const volume = findBestMatchForClaim(claim, view.volumes, delayBinding);
    if (volume) return bind(volume, claim, plan);
    const byDefault = claimHasClass(claim) ? undefined : defaultStorageClass(view.classes);
    if (byDefault) return void plan.actions.push({ type: 'UpdateClaim', claim: { ...claim, spec: { ...claim.spec, storageClassName: byDefault.metadata.name } } });
    if (delayBinding && !hasAnnotation(claim, ANN_SELECTED_NODE)) waitForConsumer(claim, view.pods, plan);
    else if (claimClass(claim) !== '') return provisionClaim(claim, view.classes, plan);
    else plan.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    plan.claimStatus(claim, 'Pending');
    return;
  }
  const volume = view.volumes.find((v) => v.metadata.name === wanted);
  if (!volume) return void plan.claimStatus(claim, 'Pending');
  if (!volume.spec?.claimRef) {
    const unfit = volumeUnfitForClaim(volume, claim);
    if (!unfit) return bind(volume, claim, plan);
    plan.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${wanted}": ${unfit}`);
    return void plan.claimStatus(claim, 'Pending');
  }
  if (isVolumeBoundToClaim(volume, claim)) return bind(volume, claim, plan);
  plan.event(claim, 'Warning', 'FailedBinding', `volume "${wanted}" already bound to a different claim.`);
  if (!hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) plan.claimStatus(claim, 'Pending');
}

/** syncBoundClaim: a claim bound once stays bound to its volume, or is Lost. */
function syncBoundClaim(claim: PersistentVolumeClaim, view: ClaimSyncView, plan: Plan): void {
  const wanted = claim.spec?.volumeName;
  if (!wanted) return plan.claimStatusWithEvent(claim, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
  const volume = view.volumes.find((v) => v.metadata.name === wanted);
  if (!volume) return plan.claimStatusWithEvent(claim, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  const ref = volume.spec?.claimRef;
  if (!ref || ref.uid === claim.metadata.uid) return bind(volume, claim, plan);
  plan.claimStatusWithEvent(claim, 'Lost', 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

/** syncClaim: the steps one sync of `claim` takes. */
export function syncClaim(claim: PersistentVolumeClaim, view: ClaimSyncView): VolumeBinderAction[] {
  const plan = new Plan();
  if (hasAnnotation(claim, ANN_BIND_COMPLETED)) syncBoundClaim(claim, view, plan);
  else syncUnboundClaim(claim, view, plan);
  return plan.actions;
}

/** What the volume's deleter does with a released Delete volume: nothing for an external one, else delete or fail. */
function reclaimByDeleting(volume: PersistentVolume, plan: Plan): void {
  const provisionedBy: string = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] ?? '';
  if ((provisionedBy !== '' && !provisionedBy.startsWith('kubernetes.io/')) || volume.spec?.csi) return;
  const hostPath: string | undefined = volume.spec?.hostPath?.path;
  let failure = `error getting deleter volume plugin for volume "${volume.metadata.name}": ${NO_DELETER}`;
  if (hostPath !== undefined) {
    if (/\/tmp\/.+/.test(hostPath)) return void plan.actions.push({ type: 'DeleteVolume', volume });
    failure = `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`;
  }
  plan.volumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeFailedDelete', failure);
}

/** reclaimVolume: Retain keeps the volume Released; Delete deletes it (here or by its external provisioner). */
function reclaimVolume(volume: PersistentVolume, plan: Plan): void {
  switch (volume.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
    case 'Recycle':
      return;
    case 'Delete':
      return reclaimByDeleting(volume, plan);
    default:
      return plan.volumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
  }
}

/**
 * syncVolume: the steps one sync of `volume` takes; `claim` is the claim its claimRef names as the
 * caller found it (undefined when there is none; one with another uid counts as none).
 */
export function syncVolume(volume: PersistentVolume, found: PersistentVolumeClaim | undefined): VolumeBinderAction[] {
  const plan = new Plan();
  const ref = volume.spec?.claimRef;
  if (!ref || !ref.uid) {
    plan.volumePhase(volume, 'Available');
    return plan.actions;
  }
  const claim = found?.metadata.uid === ref.uid ? found : undefined;
  if (!claim) {
    const phase = volume.status?.phase;
    const released = phase === 'Released' || phase === 'Failed' ? volume : plan.volumePhase(volume, 'Released');
    reclaimVolume(released, plan);
    return plan.actions;
  }
  if (!claim.spec?.volumeName) {
    if (volumeModeMismatch(claim, volume)) {
      plan.event(volume, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`);
      plan.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${volume.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
      return plan.actions;
    }
    plan.actions.push({ type: 'SyncClaim', namespace: claim.metadata.namespace!, name: claim.metadata.name! });
    return plan.actions;
  }
  if (claim.spec.volumeName === volume.metadata.name) {
    plan.volumePhase(volume, 'Bound');
    return plan.actions;
  }
  if (hasAnnotation(volume, ANN_DYNAMICALLY_PROVISIONED) && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    const phase = volume.status?.phase;
    reclaimVolume(phase === 'Released' || phase === 'Failed' ? volume : plan.volumePhase(volume, 'Released'), plan);
    return plan.actions;
  }
  const unbound = hasAnnotation(volume, ANN_BOUND_BY_CONTROLLER)
    ? unboundByController(volume)
    : { ...volume, spec: { ...volume.spec, claimRef: { ...ref, uid: undefined } } };
  plan.actions.push({ type: 'UpdateVolume', volume: unbound });
  plan.volumePhase(unbound, 'Available');
  return plan.actions;
}

/** unbindVolume of a volume the controller bound: no claimRef, no bound-by-controller annotation. */
function unboundByController(volume: PersistentVolume): PersistentVolume {
  const { [ANN_BOUND_BY_CONTROLLER]: _, ...annotations } = volume.metadata.annotations ?? {};
  const { annotations: _old, ...rest } = volume.metadata;
  const metadata = Object.keys(annotations).length === 0 ? rest : { ...rest, annotations };
  const { claimRef: _ref, ...spec } = volume.spec ?? {};
  return { ...volume, metadata, spec };
}

/** The claim key a volume's claimRef names, for the shell to look the claim up. */
export function claimRefKey(volume: PersistentVolume): string | undefined {
  const ref = volume.spec?.claimRef;
  return ref ? `${ref.namespace}/${ref.name}` : undefined;
}

