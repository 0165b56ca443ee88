/**
 * Deletion as Kubernetes does it: pods bound to a node are deleted gracefully
 * (deletionTimestamp now + grace; the node's kubelet finishes the job), finalizers
 * hold an object until they are removed, a namespace waits for the namespace controller.
 */
import { crdCleanupFinalizer } from '../custom-resources/crd-status.js';
import { cloneJson, type KubeObject } from '../object.js';
import { storeKindOf, type ResourceType } from '../registry.js';
import { conflict, forbidden, notFound } from '../status.js';
import { deleted, modified } from './change.js';
import { deleteNamespace } from './decide-namespace.js';
import type { DeleteOptions } from './command.js';
import { kubeTime } from './meta.js';
import { checkAdmissionPolicies } from './admission-policies.js';
import type { Change, CommandContext, Decision, StateView } from './types.js';

const protectedNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/** Pods that never reached a node, or that already ended, have nothing to stop. */
function podGracePeriod(pod: KubeObject, options: DeleteOptions): number {
  if (!pod.spec?.nodeName) return 0;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
  const requested = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, requested);
}

/** A deleted CRD is held by apiextensions' cleanup finalizer until its objects are gone. */
const isCrdObject = (obj: KubeObject) => obj.kind === 'CustomResourceDefinition' && String(obj.apiVersion).startsWith('apiextensions.k8s.io/');

function finalizersFor(obj: KubeObject, options: DeleteOptions): string[] {
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  const add = options.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : options.propagationPolicy === 'Orphan' ? 'orphan' : undefined;
  if (add && !finalizers.includes(add) && obj.kind !== 'Pod') finalizers.push(add);
  if (isCrdObject(obj) && !finalizers.includes(crdCleanupFinalizer)) finalizers.push(crdCleanupFinalizer);
  return finalizers;
}

/** The last instant metav1.Time writes (its RFC 3339 text has a four-digit year). */
const lastWritableTime = Date.UTC(9999, 11, 31, 23, 59, 59);

function markForDeletion(t: ResourceType, obj: KubeObject, grace: number, finalizers: string[], ctx: CommandContext): Change {
  const next = cloneJson(obj);
  // A grace period of centuries (gracePeriodSeconds=9000000000000) ends at the last writable time, not past what a Date holds.
  next.metadata.deletionTimestamp = kubeTime(new Date(Math.min(ctx.now.getTime() + grace * 1000, lastWritableTime)));
  next.metadata.deletionGracePeriodSeconds = grace;
  if (finalizers.length > 0) next.metadata.finalizers = finalizers;
  if (next.metadata.generation !== undefined) next.metadata.generation += 1;
  return modified(t, next, obj, `${t.kind}DeletionRequested`);
}

/** The changes that delete one object (not a namespace). */
export function deleteObject(t: ResourceType, obj: KubeObject, options: DeleteOptions, ctx: CommandContext): Change[] {
  const finalizers = finalizersFor(obj, options);
  if (t.kind === 'Pod') {
    const grace = podGracePeriod(obj, options);
    if (grace > 0) {
      const already = obj.metadata.deletionGracePeriodSeconds;
      if (already !== undefined && already <= grace) return [];
      return [markForDeletion(t, obj, grace, finalizers, ctx)];
    }
  }
  if (finalizers.length > 0) {
    if (obj.metadata.deletionTimestamp && options.gracePeriodSeconds !== 0) return [];
    if (obj.metadata.deletionTimestamp && obj.metadata.deletionGracePeriodSeconds === 0) return [];
    return [markForDeletion(t, obj, 0, finalizers, ctx)];
  }
  return [deleted(t, obj)];
}

function checkPreconditions(t: ResourceType, obj: KubeObject, options: DeleteOptions): void {
  const p = options.preconditions;
  if (p?.uid && p.uid !== obj.metadata.uid) {
    throw conflict(t, obj.metadata.name!, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(t, obj.metadata.name!, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`);
  }
}

/** The validating admission of a delete: policies see the object going as oldObject. */
const policiesOnDelete = (t: ResourceType, obj: KubeObject, view: StateView, ctx: CommandContext) => checkAdmissionPolicies(t, {
  operation: 'DELETE', object: null, oldObject: obj, name: obj.metadata.name!, namespace: obj.metadata.namespace ?? '',
}, view, ctx);

/**
 * DELETE of one object: replies with the object as the deletion leaves it. `admit` false for a
 * delete that admission already judged as another request (an eviction is a pods/eviction create).
 */
export function decideDelete(t: ResourceType, namespace: string, name: string, options: DeleteOptions, view: StateView, ctx: CommandContext, admit = true): Decision {
  const obj = view.get(storeKindOf(t), t.namespaced ? namespace : '', name);
  if (!obj) throw notFound(t, name);
  checkPreconditions(t, obj, options);
  if (t.kind === 'Namespace') {
    if (protectedNamespaces.has(name)) throw forbidden(t, name, 'this namespace may not be deleted');
    const warnings = policiesOnDelete(t, obj, view, ctx);
    return { changes: deleteNamespace(t, obj, ctx), reply: { code: 200, change: 0 }, warnings };
  }
  const warnings = admit ? policiesOnDelete(t, obj, view, ctx) : [];
  const changes = deleteObject(t, obj, options, ctx);
  if (changes.length === 0) return { changes, reply: { code: 200, body: obj }, warnings };
  return { changes, reply: { code: 200, change: 0 }, warnings };
}

/** DELETE on a collection: every listed object, replied with as a list; a policy that refuses one refuses the request. */
export function decideDeleteCollection(t: ResourceType, namespace: string, names: readonly string[], options: DeleteOptions, view: StateView, ctx: CommandContext): Decision {
  const warnings: string[] = [];
  const changes = names.flatMap((name) => {
    const obj = view.get(storeKindOf(t), t.namespaced ? namespace : '', name);
    if (!obj) return [];
    warnings.push(...policiesOnDelete(t, obj, view, ctx));
    return deleteObject(t, obj, options, ctx);
  });
  return { changes, reply: { code: 200 }, warnings };
}
