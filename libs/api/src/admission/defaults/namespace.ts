/**
 * Namespace defaults (SetDefaults_Namespace, _NamespaceStatus and the create strategy):
 * the kubernetes.io/metadata.name label, phase Active, and the `kubernetes` finalizer
 * a new namespace starts with.
 */
import type { Namespace } from '../../typed-objects.js';
import { objectField } from './object-field.js';

/** Fills a Namespace's defaults in place; the finalizer is only added to a new one (no status phase yet). */
export function defaultNamespace(namespace: Namespace): void {
  const name = namespace.metadata.name;
  if (name) namespace.metadata.labels = { ...(namespace.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  const spec = objectField(namespace, 'spec');
  const status = objectField(namespace, 'status');
  if (!status.phase) {
    const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
    status.phase = 'Active';
  }
}
