/**
 * Admission of a written object: defaults, LimitRange, Priority, DefaultStorageClass, StorageObjectInUseProtection, strict
 * decoding, validation, PersistentVolumeClaimResize, PodSecurity, ValidatingAdmissionPolicy, ResourceQuota.
 */
import {
  addDefaultTolerations,
  admitPodPriority,
  applyDefaults,
  applyLimitRanges,
  assignServiceAccount,
  checkLimitRanges,
  checkResourceQuotas,
  keepPodPriority,
  mountServiceAccountToken,
  prepareForCreate,
  prepareForUpdate,
  secondGlobalDefaultRefusal,
  validateCreate,
  validateUpdate,
} from '../admission/index.js';
import { admitDefaultStorageClass, admitStorageProtection, claimResizeRefusal } from '../admission/storage/index.js';
import { admitNamespaceSecurity, admitPodSecurity, hasPodTemplate, podTemplateWarnings } from '../admission/pod-security/index.js';
import { decodeCustomResource, validateCustomResource } from '../custom-resources/admission.js';
import { defaultCrd, validateCrdCreate, validateCrdUpdate } from '../custom-resources/validate-crd.js';
import type { KubeObject } from '../object.js';
import { storeKindOf, type ResourceType } from '../registry.js';
import { decodeErrorMessage, decodeStrict, pruneUnknownFields, strictDecodingMessage, unknownFieldWarnings } from '../schema/index.js';
import { badRequest, forbidden, invalid } from '../status.js';
import { checkAdmissionPolicies } from './admission-policies.js';
import type { CommandContext, FieldValidation, StateView } from './types.js';

/**
 * Checks the body against the kind's schema the way kube-apiserver decodes it:
 * type errors always refuse; unknown fields refuse (Strict), warn (Warn) or are dropped.
 */
export function decodeBody(t: ResourceType, body: KubeObject, validation: FieldValidation): { object: KubeObject; warnings: string[] } {
  if (t.custom) return decodeCustomResource(t, body, validation);
  const { unknownFields, typeErrors } = decodeStrict(t.schemaName, body);
  if (typeErrors.length > 0) throw badRequest(decodeErrorMessage(t.kind, t.version, typeErrors[0]));
  if (unknownFields.length === 0) return { object: body, warnings: [] };
  if (validation === 'Strict') throw badRequest(strictDecodingMessage(t.kind, t.version, unknownFields));
  const pruned = pruneUnknownFields(t.schemaName, body) as KubeObject;
  const warnings = validation === 'Warn' ? unknownFieldWarnings(unknownFields) : [];
  return { object: pruned, warnings };
}

const name = (o: KubeObject) => o.metadata.name ?? o.metadata.generateName ?? '';

/**
 * The ServiceAccount plugin's check: a pod runs as a ServiceAccount that exists, which it returns.
 * `default` always passes: kube-apiserver waits for the controller to create it in a new namespace.
 */
function checkServiceAccount(t: ResourceType, pod: KubeObject, view: StateView): KubeObject | undefined {
  const account = pod.spec?.serviceAccountName;
  if (!account || pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return undefined;
  const namespace = pod.metadata.namespace ?? '';
  const found = view.get('ServiceAccount', namespace, account);
  if (found || account === 'default') return found;
  throw forbidden(t, name(pod), `error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`);
}

/**
 * The mutating plugins on a pod create, in kube-apiserver's order: LimitRanger, ServiceAccount
 * (the `default` account, its token volume), Priority (403 on refusal), DefaultTolerationSeconds.
 */
function mutatePod(t: ResourceType, pod: KubeObject, view: StateView, ctx: CommandContext): KubeObject {
  const withLimits = applyLimitRanges(pod, view.list('LimitRange', pod.metadata.namespace));
  const withAccount = assignServiceAccount(withLimits);
  const withToken = mountServiceAccountToken(withAccount, checkServiceAccount(t, withAccount, view), ctx.randomSuffix());
  const priority = admitPodPriority(withToken, view.list('PriorityClass'));
  if ('refusal' in priority) throw forbidden(t, name(pod), priority.refusal);
  const spec = { ...priority.pod.spec };
  addDefaultTolerations(spec, ctx.options);
  return { ...priority.pod, spec };
}

/** DefaultStorageClass then StorageObjectInUseProtection, the mutating storage plugins (create only). */
function mutateStorage(t: ResourceType, obj: KubeObject, view: StateView): KubeObject {
  if (t.group !== '' || (t.kind !== 'PersistentVolumeClaim' && t.kind !== 'PersistentVolume')) return obj;
  const classed = t.kind === 'PersistentVolumeClaim' ? admitDefaultStorageClass(obj, view.list('StorageClass')) : obj;
  return admitStorageProtection(classed);
}

/** PersistentVolumeClaimResize, a validating plugin: a claim grows only when bound and its class allows expansion (403 otherwise). */
function checkClaimResize(t: ResourceType, claim: KubeObject, current: KubeObject, view: StateView): void {
  if (t.group !== '' || t.kind !== 'PersistentVolumeClaim') return;
  const refusal = claimResizeRefusal(claim, current, view.list('StorageClass'));
  if (refusal) throw forbidden(t, name(current), refusal);
}

/** The Priority plugin's validating half: at most one globalDefault PriorityClass. */
function checkGlobalDefault(t: ResourceType, priorityClass: KubeObject, view: StateView): void {
  const refusal = secondGlobalDefaultRefusal(priorityClass, view.list('PriorityClass'));
  if (refusal) throw forbidden(t, name(priorityClass), refusal);
}

/** An admitted object and the warnings admission gives with it. */
export interface Admitted {
  object: KubeObject;
  warnings: string[];
}

/** An admitted create, with what its managedFields record. */
export interface AdmittedCreate extends Admitted {
  /**
   * What a create's managedFields record: the object as decoded and defaulted, before the
   * mutating plugins (LimitRanger, ServiceAccount, Priority) add their fields, as
   * kube-apiserver's create handler updates the field manager before mutating admission.
   */
  tracked: KubeObject;
}

const labelsOfNamespace = (view: StateView, namespace: string | undefined) => view.get('Namespace', '', namespace ?? '')?.metadata.labels;

/**
 * The PodSecurity plugin, before ResourceQuota at the end of the validating chain: a Pod it refuses is a 403 named as the
 * request named it (`generateName` when the server makes the name up); workloads with a pod
 * template only earn warnings; a Namespace with a bad label is a 422, and a stricter enforce level
 * warns about the pods already there.
 */
function checkPodSecurity(t: ResourceType, obj: KubeObject, current: KubeObject | undefined, view: StateView, requestedName: string): string[] {
  if (t.kind === 'Pod' && t.group === '') {
    const verdict = admitPodSecurity(labelsOfNamespace(view, obj.metadata.namespace), obj, current);
    if (verdict.refusal) throw forbidden(t, requestedName, verdict.refusal);
    return verdict.warnings;
  }
  if (t.kind === 'Namespace' && t.group === '') {
    const verdict = admitNamespaceSecurity(obj, current, current ? view.list('Pod', obj.metadata.name) : []);
    if (verdict.errors.length > 0) throw invalid(t.kind, t.group, requestedName, verdict.errors);
    return verdict.warnings;
  }
  return hasPodTemplate(t.kind, t.group) ? podTemplateWarnings(labelsOfNamespace(view, obj.metadata.namespace), obj) : [];
}

/**
 * The ResourceQuota plugin, last of the validating chain: 403 when a quota of the namespace
 * finds the object undeclared or its usage beyond a hard limit. `previous` is set on updates.
 */
function checkQuota(t: ResourceType, obj: KubeObject, previous: KubeObject | undefined, view: StateView, ctx: CommandContext): void {
  const namespace = obj.metadata.namespace;
  if (!t.namespaced || !namespace) return;
  const quotas = view.list('ResourceQuota', namespace);
  if (quotas.length === 0) return;
  const stored = view.list(storeKindOf(t), namespace);
  const refusal = checkResourceQuotas({ group: t.group, resource: t.plural, object: obj, previous, quotas, stored, now: ctx.now });
  if (refusal) throw forbidden(t, name(previous ?? obj), refusal);
}

/**
 * Defaults and validation of a new object; throws a 422/403 Status when refused. `requestedName`
 * is the name the request gave (its generateName when it gave none), as admission refusals name it.
 */
export function admitCreate(t: ResourceType, obj: KubeObject, view: StateView, ctx: CommandContext, requestedName = name(obj)): AdmittedCreate {
  const policiesOnCreate = (admitted: KubeObject) => checkAdmissionPolicies(t, {
    operation: 'CREATE', object: admitted, oldObject: null, name: requestedName === obj.metadata.name ? requestedName : '',
    namespace: obj.metadata.namespace ?? '', refusedName: name(obj),
  }, view, ctx);
  if (t.custom || isCrd(t)) {
    const extension = admitExtension(t, obj);
    const warnings = policiesOnCreate(extension);
    checkQuota(t, extension, undefined, view, ctx);
    return { object: extension, warnings, tracked: extension };
  }
  const defaulted = applyDefaults(prepareForCreate(obj, ctx.now));
  const admitted = mutateStorage(t, t.kind === 'Pod' ? mutatePod(t, defaulted, view, ctx) : defaulted, view);
  const errors = validateCreate(admitted);
  if (errors.length > 0) throw invalid(t.kind, t.group, name(obj), errors);
  if (t.kind === 'Pod') {
    // As kube-apiserver: validation (422) first, then the LimitRanger's limits (403).
    const refusals = checkLimitRanges(admitted, view.list('LimitRange', obj.metadata.namespace));
    if (refusals.length > 0) throw forbidden(t, name(obj), refusals.length === 1 ? refusals[0] : `[${refusals.join(', ')}]`);
  }
  if (t.kind === 'PriorityClass') checkGlobalDefault(t, admitted, view);
  const warnings = [...checkPodSecurity(t, admitted, undefined, view, requestedName), ...policiesOnCreate(admitted)];
  checkQuota(t, admitted, undefined, view, ctx);
  return { object: admitted, warnings, tracked: defaulted };
}

/** Defaults and update validation (immutability, pod update rules, one globalDefault PriorityClass, PodSecurity, policies, quota growth). */
export function admitUpdate(t: ResourceType, next: KubeObject, current: KubeObject, view: StateView, ctx: CommandContext): Admitted {
  const policiesOnUpdate = (admitted: KubeObject) => checkAdmissionPolicies(t, {
    operation: 'UPDATE', object: admitted, oldObject: current, name: name(current), namespace: current.metadata.namespace ?? '',
  }, view, ctx);
  if (t.custom || isCrd(t)) {
    const extension = admitExtension(t, next, current);
    const warnings = policiesOnUpdate(extension);
    checkQuota(t, extension, current, view, ctx);
    return { object: extension, warnings };
  }
  let admitted = applyDefaults(prepareForUpdate(next, current));
  if (t.kind === 'Pod') admitted = keepPodPriority(admitted, current);
  const errors = validateUpdate(admitted, current);
  if (errors.length > 0) throw invalid(t.kind, t.group, name(current), errors);
  checkClaimResize(t, admitted, current, view);
  if (t.kind === 'PriorityClass') checkGlobalDefault(t, admitted, view);
  const warnings = [...checkPodSecurity(t, admitted, current, view, name(current)), ...policiesOnUpdate(admitted)];
  checkQuota(t, admitted, current, view, ctx);
  return { object: admitted, warnings };
}

/** PodSecurity on a pods/ephemeralcontainers write (kubectl debug): judged as a pod update. */
export function admitEphemeralContainers(t: ResourceType, next: KubeObject, current: KubeObject, view: StateView): string[] {
  return checkPodSecurity(t, next, current, view, name(current));
}

const isCrd = (t: ResourceType) => t.kind === 'CustomResourceDefinition' && t.group === 'apiextensions.k8s.io';

/** apiextensions-apiserver's strategies: CRDs defaulted and validated, custom resources validated by their schema. */
function admitExtension(t: ResourceType, obj: KubeObject, current?: KubeObject): KubeObject {
  const admitted = t.custom ? obj : defaultCrd(obj);
  const errors = t.custom
    ? validateCustomResource(t, admitted, current)
    : current ? validateCrdUpdate(admitted, current) : validateCrdCreate(admitted);
  if (errors.length > 0) throw invalid(t.kind, t.group, name(current ?? obj), errors);
  return admitted;
}
