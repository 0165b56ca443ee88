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

/** Kinds whose new objects start with an empty status, whatever the client sent. */
const EMPTY_STATUS_ON_CREATE = new Set(['ValidatingAdmissionPolicy', 'FlowSchema', 'PriorityLevelConfiguration', 'APIService']);

/** Returns a new object with its kind's PrepareForCreate applied: a copy when there is one, the object itself otherwise. */
export function prepareForCreate(obj: KubeObject): KubeObject {
  if (obj.kind !== 'CertificateSigningRequest' && obj.kind !== 'VolumeAttachment' && !EMPTY_STATUS_ON_CREATE.has(obj.kind)) return obj;
  const prepared = cloneJson(obj);
  if (prepared.kind === 'CertificateSigningRequest') prepareCsrCreate(prepared);
  else if (prepared.kind === 'VolumeAttachment') prepared.status = { attached: false };
  else if (EMPTY_STATUS_ON_CREATE.has(prepared.kind)) prepared.status = {};
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
