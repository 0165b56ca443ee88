/**
 * The registry strategies' PrepareForCreate and PrepareForUpdate of the kinds that need more than
 * the shared metadata handling: the fields a client may not set are overwritten before defaulting
 * and validation, as kube-apiserver's generic registry does.
 */
import { labAdmin } from '../../answered-kinds.js';
import type { KubeObject } from '../../object.js';
import { cloneJson, isPlainObject } from '../../object.js';

/** A CSR records who asked (the requesting user, always the lab's administrator) and starts unapproved. */
function prepareCsrCreate(csr: KubeObject): void {
  if (!isPlainObject(csr.spec)) csr.spec = {};
  csr.spec.username = labAdmin.username;
  csr.spec.groups = [...labAdmin.groups];
  delete csr.spec.uid;
  delete csr.spec.extra;
  csr.status = {};
}

/** Kinds whose status is worked out afresh on create (defaulting gives a pod its Pending status), whatever the client sent. */
const STATUS_DROPPED_ON_CREATE = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PersistentVolumeClaim']);

/** Kinds whose new objects start with an empty status, whatever the client sent. */
const EMPTY_STATUS_ON_CREATE = new Set([
  'ValidatingAdmissionPolicy', 'FlowSchema', 'PriorityLevelConfiguration', 'APIService',
  'HorizontalPodAutoscaler', 'Ingress', 'ReplicationController', 'ResourceQuota',
]);

/** metav1.Time at second precision, as the strategies stamp it. */
const kubeTime = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Returns a new object with its kind's PrepareForCreate applied: a copy when there is one, the object itself otherwise.
 * A PersistentVolume starts Pending with its lastPhaseTransitionTime `now` (PersistentVolumeLastPhaseTransitionTime, GA).
 */
export function prepareForCreate(obj: KubeObject, now: Date): KubeObject {
  if (obj.kind === 'PersistentVolume') return { ...obj, status: { phase: 'Pending', lastPhaseTransitionTime: kubeTime(now) } };
  if (STATUS_DROPPED_ON_CREATE.has(obj.kind)) {
    const { status: _status, ...rest } = obj;
    return rest as KubeObject;
  }
  if (EMPTY_STATUS_ON_CREATE.has(obj.kind)) return { ...obj, status: {} };
  if (obj.kind === 'VolumeAttachment') return { ...obj, status: { attached: false } };
  if (obj.kind !== 'CertificateSigningRequest') return obj;
  const prepared = cloneJson(obj);
  prepareCsrCreate(prepared);
  return prepared;
}

/**
 * Returns an updated object with its kind's PrepareForUpdate applied: a CSR's spec
 * (and status) only change through its subresources, so a write to the object keeps them.
 */
export function prepareForUpdate(next: KubeObject, current: KubeObject): KubeObject {
  if (next.kind !== 'CertificateSigningRequest') return next;
  return { ...next, spec: cloneJson(current.spec), status: cloneJson(current.status) };
}

/**
 * The PersistentVolume status strategy's PrepareForUpdate: a phase change stamps lastPhaseTransitionTime `now` unless the
 * writer set a new one; an unchanged phase keeps the old stamp when the writer sent none. Other kinds pass unchanged.
 */
export function prepareForStatusUpdate(next: KubeObject, current: KubeObject, now: Date): KubeObject {
  if (next.kind !== 'PersistentVolume' || !isPlainObject(next.status)) return next;
  const before = current.status ?? {};
  const stamp = next.status.lastPhaseTransitionTime;
  if (before.phase === next.status.phase) {
    if (stamp !== undefined || before.lastPhaseTransitionTime === undefined) return next;
    return { ...next, status: { ...next.status, lastPhaseTransitionTime: before.lastPhaseTransitionTime } };
  }
  if (stamp !== undefined && stamp !== before.lastPhaseTransitionTime) return next;
  return { ...next, status: { ...next.status, lastPhaseTransitionTime: kubeTime(now) } };
}
