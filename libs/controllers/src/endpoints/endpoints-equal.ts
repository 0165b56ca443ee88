/**
 * Whether stored Endpoints already say what the controller wants, so the shell writes
 * only on change (Kubernetes compares subsets ignoring targetRef resourceVersions,
 * and labels).
 */
import type { Endpoints } from '@kubelab/api';
import type { EndpointAddress } from 'kubernetes-types/core/v1';

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
}

function comparable(endpoints: Endpoints): string {
  const subsets = (endpoints.subsets ?? []).map((subset) => {
    const strip = (addresses: EndpointAddress[] | undefined) =>
      addresses?.length ? addresses.map((a) => (a.targetRef ? { ...a, targetRef: { ...a.targetRef, resourceVersion: undefined } } : a)) : undefined;
    return { addresses: strip(subset.addresses), notReadyAddresses: strip(subset.notReadyAddresses), ports: subset.ports?.length ? subset.ports : undefined };
  });
  return stableJson({ subsets, labels: endpoints.metadata.labels ?? {} });
}

/** Same subsets and labels; metadata noise (resourceVersion, uid, managedFields, times) ignored. */
export function endpointsEqual(a: Endpoints, b: Endpoints): boolean {
  return comparable(a) === comparable(b);
}
