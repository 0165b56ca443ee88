/**
 * Admission of a written object, kube-apiserver's chain with the kind's strategy at each step:
 * PrepareForCreate/Update, defaults, the kind's mutating plugins (LimitRanger, ServiceAccount,
 * Priority, DefaultStorageClass, StorageObjectInUseProtection), validation, the kind's
 * validating plugins (LimitRanger's limits, Priority, PersistentVolumeClaimResize), PodSecurity,
 * ValidatingAdmissionPolicy, ResourceQuota.
 */
import { checkResourceQuotas } from '../admission/resource-quota/index.js';
import { decodeCustomResource } from '../custom-resources/admission.js';
import { strategyFor } from '../kinds/registry.js';
import type { KindWrite } from '../kinds/strategy.js';
import type { KubeObject } from '../object.js';
import { storeKindOf, type ResourceType } from '../registry.js';
import { decodeErrorMessage, decodeStrict, pruneUnknownFields, strictDecodingMessage, unknownFieldWarnings } from '../schema/index.js';
import { goJsonForm } from '../schema/go-json-form.js';
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
  const s = strategyFor(t);
  const w: KindWrite = { resource: t, namespace: obj.metadata.namespace ?? '', view, ctx };
  const defaulted = s.defaults(s.prepareForCreate(obj, ctx.now));
  const admitted = s.mutateOnCreate(defaulted, w);
  const errors = s.validateCreate(admitted);
  if (errors.length > 0) throw invalid(t.kind, t.group, name(obj), errors);
  s.checkCreate(admitted, w);
  const podSecurity = s.podSecurity(admitted, undefined, w, requestedName);
  const policies = checkAdmissionPolicies(t, {
    operation: 'CREATE', object: admitted, oldObject: null, name: requestedName === obj.metadata.name ? requestedName : '',
    namespace: obj.metadata.namespace ?? '', refusedName: name(obj),
  }, view, ctx);
  checkQuota(t, admitted, undefined, view, ctx);
  // Field ownership is recorded on the object as Go's structs hold it: `args: []` is no field.
  return { object: goJsonForm(admitted), warnings: [...podSecurity, ...policies], tracked: goJsonForm(defaulted) };
}

/** Defaults and update validation (immutability, pod update rules, the kind's plugins, PodSecurity, policies, quota growth). */
export function admitUpdate(t: ResourceType, next: KubeObject, current: KubeObject, view: StateView, ctx: CommandContext): Admitted {
  const s = strategyFor(t);
  const w: KindWrite = { resource: t, namespace: current.metadata.namespace ?? '', view, ctx };
  const admitted = s.mutateOnUpdate(s.defaults(s.prepareForUpdate(next, current)), current, w);
  const errors = s.validateUpdate(admitted, current);
  if (errors.length > 0) throw invalid(t.kind, t.group, name(current), errors);
  s.checkUpdate(admitted, current, w);
  const podSecurity = s.podSecurity(admitted, current, w, name(current));
  const policies = checkAdmissionPolicies(t, {
    operation: 'UPDATE', object: admitted, oldObject: current, name: name(current), namespace: current.metadata.namespace ?? '',
  }, view, ctx);
  checkQuota(t, admitted, current, view, ctx);
  // In the form Go's structs give it, so the generation and field ownership see what is stored.
  return { object: goJsonForm(admitted), warnings: [...podSecurity, ...policies] };
}
