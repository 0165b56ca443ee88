/**
 * networking.k8s.io/v1 IngressClass defaults (SetDefaults_IngressClass): a parameters
 * reference without a scope refers to a cluster-scoped object.
 */
import { isPlainObject } from '../../object.js';
import type { IngressClass } from '../../typed-objects.js';

/** Fills an IngressClass's defaults in place. */
export function defaultIngressClass(ingressClass: IngressClass): void {
  const parameters = ingressClass.spec?.parameters;
  if (isPlainObject(parameters)) parameters.scope ??= 'Cluster';
}
