/**
 * Deletion as Kubernetes does it: pods bound to a node are deleted gracefully
 * (deletionTimestamp now + grace; the node's kubelet finishes the job), finalizers
 * hold an object until they are removed, a namespace waits for the namespace controller.
 */
import { strategyFor } from '../kinds/registry.js';
import type { KindStrategy, KindWrite } from '../kinds/strategy.js';
import { cloneJson, type KubeObject } from '../object.js';
import { storeKindOf, type ResourceType } from '../registry.js';
import { conflict, notFound } from '../status.js';
import { checkDeletePolicies } from './admission-policies.js';
import { deleted, modified } from './change.js';
import type { DeleteOptions } from './command.js';
import { kubeTime } from './meta.js';
import type { Change, CommandContext, Decision, StateView } from './types.js';

/** The finalizers a delete leaves on the object: its own, the propagation policy's (unless the kind has none), the kind's own. */
function finalizersFor(s: KindStrategy, obj: KubeObject, options: DeleteOptions): string[] {
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  const add = options.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : options.propagationPolicy === 'Orphan' ? 'orphan' : undefined;
  if (add && !finalizers.includes(add) && s.propagationFinalizers) finalizers.push(add);
  if (s.deletionFinalizer && !finalizers.includes(s.deletionFinalizer)) finalizers.push(s.deletionFinalizer);
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
function deleteObject(t: ResourceType, obj: KubeObject, options: DeleteOptions, ctx: CommandContext): Change[] {
  const s = strategyFor(t);
  const finalizers = finalizersFor(s, obj, options);
  const grace = s.gracePeriod(obj, options);
  if (grace > 0) {
    const already = obj.metadata.deletionGracePeriodSeconds;
    if (already !== undefined && already <= grace) return [];
    return [markForDeletion(t, obj, grace, finalizers, ctx)];
  }
  if (finalizers.length > 0) {
    if (obj.metadata.deletionTimestamp && options.gracePeriodSeconds !== 0) return [];
    if (obj.metadata.deletionTimestamp && obj.metadata.deletionGracePeriodSeconds === 0) return [];
    return [markForDeletion(t, obj, 0, finalizers, ctx)];
  }
  return [deleted(t, obj)];
}

/** A delete's preconditions (uid, resourceVersion) against the object: 409 Conflict when one does not hold; also for objects served outside the log. */
export function checkDeletePreconditions(t: ResourceType, obj: KubeObject, options: DeleteOptions): void {
  const p = options.preconditions;
  if (p?.uid && p.uid !== obj.metadata.uid) {
    throw conflict(t, obj.metadata.name!, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(t, obj.metadata.name!, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`);
  }
}

/** DELETE of one object: replies with the object as the deletion leaves it; the kind may delete its own way (a namespace). */
export function decideDelete(t: ResourceType, namespace: string, name: string, options: DeleteOptions, view: StateView, ctx: CommandContext): Decision {
  const w: KindWrite = { resource: t, namespace: t.namespaced ? namespace : '', view, ctx };
  const obj = view.get(storeKindOf(t), w.namespace, name);
  if (!obj) throw notFound(t, name);
  checkDeletePreconditions(t, obj, options);
  const own = strategyFor(t).delete;
  if (own) return own(obj, w);
  return deleteJudged(t, obj, options, checkDeletePolicies(t, obj, view, ctx), ctx);
}

/**
 * The store's delete of `obj` without admission, for a delete that admission already judged as another request (an
 * eviction is a pods/eviction create): the object as it is to be deleted (the evicted pod marked DisruptionTarget).
 */
export function decideUnadmittedDelete(t: ResourceType, obj: KubeObject, options: DeleteOptions, ctx: CommandContext): Decision {
  checkDeletePreconditions(t, obj, options);
  return deleteJudged(t, obj, options, [], ctx);
}

function deleteJudged(t: ResourceType, obj: KubeObject, options: DeleteOptions, warnings: string[], ctx: CommandContext): Decision {
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
    warnings.push(...checkDeletePolicies(t, obj, view, ctx));
    return deleteObject(t, obj, options, ctx);
  });
  return { changes, reply: { code: 200 }, warnings };
}
