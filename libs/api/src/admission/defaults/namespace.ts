/**
 * Namespace defaults (SetDefaults_Namespace, _NamespaceStatus and the create strategy):
 * the kubernetes.io/metadata.name label, phase Active, and the `kubernetes` finalizer
 * a new namespace starts with.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';

/** Fills a Namespace's defaults in place; the finalizer is only added to a new one (no status phase yet). */
export function defaultNamespace(namespace: KubeObject): void {
  const name = namespace.metadata.name;
  if (name) namespace.metadata.labels = { ...(namespace.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  if (!isPlainObject(namespace.spec)) namespace.spec = {};
  if (!isPlainObject(namespace.status)) namespace.status = {};
  if (!namespace.status.phase) {
    const finalizers: string[] = Array.isArray(namespace.spec.finalizers) ? namespace.spec.finalizers : [];
    if (!finalizers.includes('kubernetes')) namespace.spec.finalizers = [...finalizers, 'kubernetes'];
    namespace.status.phase = 'Active';
  }
}
