/**
 * The namespace strategy and storage (pkg/registry/core/namespace): spec.finalizers change
 * only through the finalize subresource, a DELETE turns the namespace Terminating for the
 * namespace controller to empty, the three system namespaces may not go, and PodSecurity
 * judges its labels.
 */
import { admitNamespaceSecurity } from '../../admission/pod-security/admit-namespace.js';
import { checkDeletePolicies } from '../../commands/admission-policies.js';
import type { Decision } from '../../commands/types.js';
import type { KubeObject } from '../../object.js';
import { forbidden, invalid } from '../../status.js';
import type { Namespace, Pod } from '../../typed-objects.js';
import { strategy, type KindStrategy, type KindWrite } from '../strategy.js';
import { deleteNamespace, finalizeNamespace, specFinalizers } from './finalize.js';

const protectedNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/** The namespace strategy's PrepareForUpdate, after admission here: a write to the namespace keeps the stored spec.finalizers. */
function keepNamespaceFinalizers(next: KubeObject, current: KubeObject): KubeObject {
  const finalizers = (current as Namespace).spec?.finalizers;
  const spec = { ...(next as Namespace).spec };
  if (finalizers) spec.finalizers = finalizers;
  else delete spec.finalizers;
  return { ...next, spec };
}

/** DELETE namespaces/NAME: refused for the system namespaces, judged by the policies, then Terminating (or gone when nothing holds it). */
function deleteOneNamespace(ns: KubeObject, w: KindWrite): Decision {
  const name = ns.metadata.name!;
  if (protectedNamespaces.has(name)) throw forbidden(w.resource, name, 'this namespace may not be deleted');
  const warnings = checkDeletePolicies(w.resource, ns, w.view, w.ctx);
  return { changes: deleteNamespace(w.resource, ns, w.ctx), reply: { code: 200, change: 0 }, warnings };
}

/** PodSecurity on a Namespace: a bad label is a 422, and a stricter enforce level warns about the pods already there. */
function namespaceSecurity(ns: KubeObject, current: KubeObject | undefined, w: KindWrite, requestedName: string): string[] {
  const verdict = admitNamespaceSecurity(ns as Namespace, current as Namespace | undefined, current ? (w.view.list('Pod', ns.metadata.name) as Pod[]) : []);
  if (verdict.errors.length > 0) throw invalid(w.resource.kind, w.resource.group, requestedName, verdict.errors);
  return verdict.warnings;
}

/** The Namespace kind's strategy. */
export const namespaceStrategy: KindStrategy = strategy({
  generation: false,
  podSecurity: namespaceSecurity,
  completeUpdate: keepNamespaceFinalizers,
  removedWhenFinalized: (ns) => specFinalizers(ns).length === 0,
  delete: deleteOneNamespace,
  subresourceWriters: { finalize: finalizeNamespace },
});
