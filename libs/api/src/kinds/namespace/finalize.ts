/**
 * What kube-apiserver's namespace storage does (pkg/registry/core/namespace/storage):
 * DELETE marks a namespace Terminating and leaves its content to the namespace
 * controller, which empties it and then removes the `kubernetes` finalizer through
 * PUT namespaces/NAME/finalize; the finalize that leaves no finalizer deletes it.
 */
import { deleted, modified } from '../../commands/change.js';
import { kubeTime, sameObject } from '../../commands/meta.js';
import type { Change, CommandContext, Decision } from '../../commands/types.js';
import { invalidValue, required } from '../../field-errors.js';
import { cloneJson, type KubeObject } from '../../object.js';
import type { ResourceType } from '../../registry.js';
import { conflict, invalid } from '../../status.js';
import type { Namespace } from '../../typed-objects.js';
import type { KindWrite } from '../strategy.js';

/** A namespace's spec.finalizers: what must empty it before it goes. */
export const specFinalizers = (ns: KubeObject): string[] => (ns as Namespace).spec?.finalizers ?? [];
const metaFinalizers = (ns: KubeObject): string[] => ns.metadata.finalizers ?? [];

/** DELETE namespaces/NAME: Terminating while finalizers remain, gone at once when none do. */
export function deleteNamespace(t: ResourceType, ns: KubeObject, ctx: CommandContext): Change[] {
  const name = ns.metadata.name!;
  if (ns.metadata.deletionTimestamp) {
    if (specFinalizers(ns).length === 0 && metaFinalizers(ns).length === 0) return [deleted(t, ns)];
    throw conflict(t, name, 'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.');
  }
  if (specFinalizers(ns).length === 0 && metaFinalizers(ns).length === 0) return [deleted(t, ns)];
  const terminating = cloneJson(ns) as Namespace;
  terminating.metadata.deletionTimestamp = kubeTime(ctx.now);
  terminating.metadata.deletionGracePeriodSeconds = 0;
  terminating.status = { ...terminating.status, phase: 'Terminating' };
  return [modified(t, terminating, ns, 'NamespaceDeletionRequested')];
}

/**
 * PUT namespaces/NAME/finalize: only spec.finalizers changes (the finalize strategy);
 * a namespace being deleted that is left with no finalizer is deleted.
 */
export function finalizeNamespace(w: KindWrite, current: KubeObject, body: KubeObject): Decision {
  const t = w.resource;
  const finalizers: unknown = (body as Namespace).spec?.finalizers ?? [];
  if (!Array.isArray(finalizers)) throw invalid(t.kind, t.group, current.metadata.name!, [invalidValue('spec.finalizers', finalizers, 'must be a list of names')]);
  const empty = finalizers.findIndex((f) => typeof f !== 'string' || f === '');
  if (empty >= 0) throw invalid(t.kind, t.group, current.metadata.name!, [required(`spec.finalizers[${empty}]`)]);
  const next = cloneJson(current) as Namespace;
  if (finalizers.length > 0) next.spec = { ...next.spec, finalizers };
  else if (next.spec) delete next.spec.finalizers;
  if (next.metadata.deletionTimestamp && finalizers.length === 0 && metaFinalizers(next).length === 0) {
    return { changes: [deleted(t, next)], reply: { code: 200, change: 0 }, warnings: [] };
  }
  if (sameObject(next, current)) return { changes: [], reply: { code: 200, body: current }, warnings: [] };
  return { changes: [modified(t, next, current, 'NamespaceFinalized')], reply: { code: 200, change: 0 }, warnings: [] };
}
