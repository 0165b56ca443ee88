/**
 * certificates.k8s.io/v1 CertificateSigningRequest validation (ValidateCertificateSigningRequestCreate
 * / ...Update): a signed PKCS#10 request, known and distinct usages, a `domain/path` signer,
 * at least ten minutes of validity, consistent conditions, and on update no Approved, Denied or
 * Failed condition removed, no Approved or Denied one added and no certificate set outside their
 * subresources.
 * Problems already stored in the old object are tolerated, as kube does for compatibility.
 */
import type { CertificateSigningRequestCondition, CertificateSigningRequestSpec } from 'kubernetes-types/certificates/v1';
import type { KubeObject } from '../../object.js';
import type { CertificateSigningRequest } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { duplicate, forbiddenField, invalidRendered, invalidValue, notSupported, required, tooLong } from '../../field-errors.js';
import { certificateChainError, csrRequestError, goBytes } from './csr-request.js';
import { child, index } from './field-path.js';
import { listOf } from './fields.js';
import { isDNS1123Label, isDNS1123Subdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

/** CSR names are not validated at all (ValidateCertificateRequestName). */
const META: MetaRules = { namespaced: false, name: () => [], kubeFinalizers: true };
const LEGACY_SIGNER = 'kubernetes.io/legacy-unknown';
const MIN_EXPIRATION_SECONDS = 600;
const DNS1123_SUBDOMAIN_MAX = 253;
const MAX_SIGNER_NAME = DNS1123_SUBDOMAIN_MAX + (DNS1123_SUBDOMAIN_MAX + 63 + 1) + 1;
const USAGES = [
  'signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign',
  'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection', 's/mime',
  'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc',
].sort();
const TRUE_ONLY_CONDITIONS = new Set(['Approved', 'Denied', 'Failed']);
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];

/** What an update may carry over from the stored object without being refused again. */
interface Tolerations {
  legacySigner: boolean;
  unknownUsages: boolean;
  duplicateUsages: boolean;
  duplicateConditionTypes: boolean;
  emptyConditionType: boolean;
  approvedAndDenied: boolean;
  arbitraryCertificate: boolean;
}

const usagesOf = (csr: CertificateSigningRequest | undefined): string[] => listOf(csr?.spec?.usages).map(String);
const conditionsOf = (csr: CertificateSigningRequest | undefined): CertificateSigningRequestCondition[] => listOf(csr?.status?.conditions);
const bytesOf = (value: unknown): Buffer | undefined => (typeof value === 'string' ? Buffer.from(value, 'base64') : undefined);

function tolerations(csr: CertificateSigningRequest, old: CertificateSigningRequest | undefined): Tolerations {
  const oldTypes = conditionsOf(old).map((c) => String(c?.type ?? ''));
  const certificate = bytesOf(csr.status?.certificate) ?? Buffer.alloc(0);
  const oldCertificate = bytesOf(old?.status?.certificate) ?? Buffer.alloc(0);
  return {
    legacySigner: old?.spec?.signerName === LEGACY_SIGNER,
    unknownUsages: usagesOf(old).some((usage) => !USAGES.includes(usage)),
    duplicateUsages: new Set(usagesOf(old)).size < usagesOf(old).length,
    duplicateConditionTypes: new Set(oldTypes).size < oldTypes.length,
    emptyConditionType: oldTypes.includes(''),
    approvedAndDenied: oldTypes.includes('Approved') && oldTypes.includes('Denied'),
    arbitraryCertificate: old !== undefined && (certificate.equals(oldCertificate) || certificateChainError(oldCertificate) !== undefined),
  };
}

/** ValidateSignerName: `example.com/signer-name`, a domain of DNS labels and a path of DNS subdomains. */
export function validateSignerName(path: string, signerName: string): FieldError[] {
  if (!signerName) return [required(path)];
  const segments = signerName.split('/');
  if (segments.length !== 2) return [invalidValue(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const [domain, signerPath] = segments;
  const errors: FieldError[] = [];
  if (domain.length > DNS1123_SUBDOMAIN_MAX) errors.push(tooLong(path, DNS1123_SUBDOMAIN_MAX));
  const domainLabels = domain.split('.');
  const badDomainLabel = domainLabels.find((label) => isDNS1123Label(label).length > 0);
  if (badDomainLabel !== undefined) {
    errors.push(...isDNS1123Label(badDomainLabel).map((message) => invalidValue(path, domain, `validating label ${JSON.stringify(badDomainLabel)}: ${message}`)));
  }
  if (domainLabels.length < 2) errors.push(invalidValue(path, domain, 'should be a domain with at least two segments separated by dots'));
  const badPathLabel = signerPath.split('.').find((label) => isDNS1123Subdomain(label).length > 0);
  if (badPathLabel !== undefined) {
    errors.push(...isDNS1123Subdomain(badPathLabel).map((message) => invalidValue(path, signerPath, `validating label ${JSON.stringify(badPathLabel)}: ${message}`)));
  }
  if (signerName.length > MAX_SIGNER_NAME) errors.push(tooLong(path, MAX_SIGNER_NAME));
  return errors;
}

function validateUsages(usages: string[], allow: Tolerations): FieldError[] {
  const path = 'spec.usages';
  const errors: FieldError[] = usages.length === 0 ? [required(path)] : [];
  if (!allow.unknownUsages) usages.forEach((usage, i) => !USAGES.includes(usage) && errors.push(notSupported(index(path, i), usage, USAGES)));
  if (!allow.duplicateUsages) usages.forEach((usage, i) => usages.indexOf(usage) < i && errors.push(duplicate(index(path, i), usage)));
  return errors;
}

function validateConditions(conditions: CertificateSigningRequestCondition[], allow: Tolerations): FieldError[] {
  const path = 'status.conditions';
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let approved = false;
  let denied = false;
  conditions.forEach((condition, i) => {
    const type = String(condition?.type ?? '');
    const status = String(condition?.status ?? '');
    if (!allow.emptyConditionType && !type) errors.push(required(child(index(path, i), 'type')));
    const allowed = TRUE_ONLY_CONDITIONS.has(type) ? ['True'] : CONDITION_STATUSES;
    if (!status) errors.push(required(child(index(path, i), 'status')));
    else if (!allowed.includes(status)) errors.push(notSupported(child(index(path, i), 'status'), status, allowed));
    if (!allow.approvedAndDenied && (type === 'Approved' || type === 'Denied')) {
      if ((type === 'Approved' && denied) || (type === 'Denied' && approved)) {
        errors.push(invalidValue(child(index(path, i), 'type'), type, 'Approved and Denied conditions are mutually exclusive'));
      }
      if (type === 'Approved') approved = true;
      else denied = true;
    }
    if (!allow.duplicateConditionTypes && seen.has(type)) errors.push(duplicate(child(index(path, i), 'type'), type));
    seen.add(type);
  });
  return errors;
}

function validateCsr(csr: CertificateSigningRequest, allow: Tolerations): FieldError[] {
  const spec: Partial<CertificateSigningRequestSpec> = csr.spec ?? {};
  const errors = validateObjectMeta(csr.metadata, META);
  const request = bytesOf(spec.request);
  const requestError = csrRequestError(request ?? Buffer.alloc(0));
  if (requestError) errors.push(invalidRendered('spec.request', goBytes(request), requestError));
  errors.push(...validateUsages(usagesOf(csr), allow));
  const signerName = String(spec.signerName ?? '');
  if (!allow.legacySigner && signerName === LEGACY_SIGNER) errors.push(invalidValue('spec.signerName', signerName, 'the legacy signerName is not allowed via this API version'));
  else errors.push(...validateSignerName('spec.signerName', signerName));
  if (typeof spec.expirationSeconds === 'number' && spec.expirationSeconds < MIN_EXPIRATION_SECONDS) {
    errors.push(invalidValue('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  errors.push(...validateConditions(conditionsOf(csr), allow));
  const certificateError = allow.arbitraryCertificate ? undefined : certificateChainError(bytesOf(csr.status?.certificate) ?? Buffer.alloc(0));
  if (certificateError) errors.push(invalidValue('status.certificate', '<certificate data>', certificateError));
  return errors;
}

/** Checks a CertificateSigningRequest being created. */
export function validateCertificateSigningRequestCreate(csr: CertificateSigningRequest): FieldError[] {
  return validateCsr(csr, tolerations(csr, undefined));
}

const ofType = (csr: CertificateSigningRequest, type: string) => conditionsOf(csr).filter((condition) => condition?.type === type);

/** The update rules both endpoints share: no condition of these types taken back, no certificate set. */
function conditionsKept(csr: CertificateSigningRequest, old: CertificateSigningRequest, addable: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const type of ['Approved', 'Denied', 'Failed']) {
    if (ofType(csr, type).length < ofType(old, type).length) errors.push(forbiddenField('status.conditions', `updates may not remove a condition of type ${JSON.stringify(type)}`));
  }
  for (const type of ['Approved', 'Denied'].filter((t) => !addable.includes(t))) {
    if (ofType(csr, type).length > ofType(old, type).length) errors.push(forbiddenField('status.conditions', `updates may not add a condition of type ${JSON.stringify(type)}`));
  }
  if (!(bytesOf(csr.status?.certificate) ?? Buffer.alloc(0)).equals(bytesOf(old.status?.certificate) ?? Buffer.alloc(0))) {
    errors.push(forbiddenField('status.certificate', 'updates may not set certificate content'));
  }
  return errors;
}

/** Checks a CertificateSigningRequest update through the main resource (approval and certificate belong to subresources). */
export function validateCertificateSigningRequestUpdate(csr: CertificateSigningRequest, old: CertificateSigningRequest): FieldError[] {
  return [...validateCsr(csr, tolerations(csr, old)), ...conditionsKept(csr, old, []), ...validateObjectMetaUpdate(csr.metadata, old.metadata, META)];
}

/** Checks a write to certificatesigningrequests/approval (the decider hands it the CSRs it read): Approved or Denied may be added, nothing taken back. */
export function validateCertificateSigningRequestApprovalUpdate(written: KubeObject, stored: KubeObject): FieldError[] {
  const [csr, old] = [written as CertificateSigningRequest, stored as CertificateSigningRequest];
  return [...validateCsr(csr, tolerations(csr, old)), ...conditionsKept(csr, old, ['Approved', 'Denied']), ...validateObjectMetaUpdate(csr.metadata, old.metadata, META)];
}
