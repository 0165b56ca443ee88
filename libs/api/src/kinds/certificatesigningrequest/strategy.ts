/**
 * The CertificateSigningRequest strategy (pkg/registry/certificates/certificates/strategy.go):
 * a new CSR records who asked and starts unapproved; its spec and status change only through
 * its subresources, and the approval subresource only adds an Approved or Denied condition.
 */
import type { CertificateSigningRequestStatus } from 'kubernetes-types/certificates/v1';
import { validateCertificateSigningRequestApprovalUpdate } from '../../admission/validation/certificate-signing-request.js';
import { labAdmin } from '../../answered-kinds.js';
import { modified } from '../../commands/change.js';
import type { WriteOptions } from '../../commands/command.js';
import { recordManager, sameObject } from '../../commands/meta.js';
import type { Decision } from '../../commands/types.js';
import { cloneJson, isPlainObject, type KubeObject } from '../../object.js';
import { invalid } from '../../status.js';
import type { CertificateSigningRequest } from '../../typed-objects.js';
import { strategy, type KindStrategy, type KindWrite } from '../strategy.js';

/** PrepareForCreate: the requesting user (always the lab's administrator) is recorded, the rest of the user info and the status dropped. */
function prepareCsrCreate(obj: KubeObject): KubeObject {
  const csr = cloneJson(obj);
  const spec: Record<string, unknown> = isPlainObject(csr.spec) ? csr.spec : {};
  spec.username = labAdmin.username;
  spec.groups = [...labAdmin.groups];
  delete spec.uid;
  delete spec.extra;
  return { ...csr, spec, status: {} };
}

/**
 * certificatesigningrequests/approval (`kubectl certificate approve|deny`): only the
 * status conditions change: Approved or Denied may be added (never both), nothing taken
 * back, as the approval strategy and its validation do.
 */
function writeApproval(w: KindWrite, current: KubeObject, body: KubeObject, options: WriteOptions): Decision {
  const t = w.resource;
  const status: Partial<CertificateSigningRequestStatus> = { ...(current as CertificateSigningRequest).status, conditions: (body as CertificateSigningRequest).status?.conditions };
  if (!status.conditions) delete status.conditions;
  const obj: KubeObject = { ...cloneJson(current), status };
  const errors = validateCertificateSigningRequestApprovalUpdate(obj, current);
  if (errors.length > 0) throw invalid(t.kind, t.group, current.metadata.name!, errors);
  recordManager(t, obj, current, options.fieldManager ?? 'unknown', w.ctx.now, 'approval');
  if (sameObject(obj, current)) return { changes: [], reply: { code: 200, body: current }, warnings: [] };
  return { changes: [modified(t, obj, current, `${t.kind}ApprovalUpdated`)], reply: { code: 200, change: 0 }, warnings: [] };
}

/** The CertificateSigningRequest kind's strategy. */
export const certificateSigningRequestStrategy: KindStrategy = strategy({
  generation: false,
  prepareForCreate: prepareCsrCreate,
  prepareForUpdate: (next, current) => ({ ...next, spec: cloneJson(current.spec), status: cloneJson(current.status) }),
  subresourceWriters: { approval: writeApproval },
});
