/**
 * The ValidatingAdmissionPolicy plugin's place in the validating chain: the shell that turns a
 * decided write into the admission request the pure plugin reads (the resource as the command
 * names it, the user and dry run from the context), gives it the policies, bindings, namespaces
 * and param objects of the view, and throws the refusal as a Status error.
 */
import { admitByPolicies, type AdmissionOperation, type AdmissionRequest, type PolicySource } from '../admission/validating-policy/index.js';
import { rbacObjectsOfView } from '../kinds/rbac/strategy.js';
import type { KubeObject } from '../object.js';
import { authorize } from '../rbac/authorize.js';
import { resourceTypeForKind, storeKindOf, type ResourceType } from '../registry.js';
import { admissionRefusal } from '../status.js';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../typed-objects.js';
import type { CommandContext, StateView } from './types.js';

/** What the write does, as the plugin's request records it. */
export interface PolicyCheck {
  operation: AdmissionOperation;
  subresource?: string;
  /** The object as written (null on delete) and before the write (null on create). */
  object: KubeObject | null;
  oldObject: KubeObject | null;
  /** The name the request names ('' when the server makes it up) and the namespace it is in. */
  name: string;
  namespace: string;
  /** The object's kind when it is not the resource's (autoscaling/v1 Scale for …/scale). */
  kind?: AdmissionRequest['kind'];
  /** The name a refusal gives (the generated name on a create with generateName). */
  refusedName?: string;
}

const optionsKind: Record<AdmissionOperation, string> = { CREATE: 'CreateOptions', UPDATE: 'UpdateOptions', DELETE: 'DeleteOptions', CONNECT: '' };

function sourceOf(view: StateView, ctx: CommandContext): PolicySource {
  return {
    policies: view.list('ValidatingAdmissionPolicy') as ValidatingAdmissionPolicy[],
    bindings: view.list('ValidatingAdmissionPolicyBinding') as ValidatingAdmissionPolicyBinding[],
    namespace: (name) => view.get('Namespace', '', name),
    params: (apiVersion, kind) => {
      const t = resourceTypeForKind(apiVersion, kind);
      if (!t || t.storage === 'none') return undefined;
      return { namespaced: t.namespaced, list: (namespace) => view.list(storeKindOf(t), t.namespaced ? namespace : undefined) };
    },
    authorize: (user, attrs) => (ctx.options.authorizationMode === 'AlwaysAllow' ? { allowed: true, reason: '' } : authorize(user, attrs, rbacObjectsOfView(view))),
  };
}

/** Runs the bound policies on a write; returns their warnings, throws the first Deny's refusal. */
export function checkAdmissionPolicies(t: ResourceType, check: PolicyCheck, view: StateView, ctx: CommandContext): string[] {
  // Not a kind's behaviour but the request's attributes: kube-apiserver's RequestInfo gives a namespaces/NAME request NAME as its namespace.
  const isNamespace = t.group === '' && t.kind === 'Namespace';
  const request: AdmissionRequest = {
    operation: check.operation,
    resource: { group: t.group, version: t.version, resource: t.plural },
    subresource: check.subresource ?? '',
    kind: check.kind ?? { group: t.group, version: t.version, kind: t.kind },
    namespace: isNamespace ? check.name : t.namespaced ? check.namespace : '',
    name: check.name,
    object: check.object,
    oldObject: check.oldObject,
    user: ctx.user,
    dryRun: ctx.dryRun ?? false,
    ...(optionsKind[check.operation] ? { options: { kind: optionsKind[check.operation], apiVersion: 'meta.k8s.io/v1' } } : {}),
  };
  const verdict = admitByPolicies(request, sourceOf(view, ctx));
  if (verdict.refusal) {
    const { code, reason, message } = verdict.refusal;
    throw admissionRefusal(t, check.refusedName ?? check.name, code, reason, message);
  }
  return verdict.warnings;
}

/** The validating admission of a delete: policies see the object going as oldObject. */
export function checkDeletePolicies(t: ResourceType, obj: KubeObject, view: StateView, ctx: CommandContext): string[] {
  return checkAdmissionPolicies(t, {
    operation: 'DELETE', object: null, oldObject: obj, name: obj.metadata.name!, namespace: obj.metadata.namespace ?? '',
  }, view, ctx);
}
