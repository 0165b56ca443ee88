/**
 * Where an HPA's scaleTargetRef lives, as kube-controller-manager's RESTMapper finds
 * it: the group of its apiVersion and its kind name the resources (every version of
 * the group), tried in turn through the scale subresource, the preferred version
 * first. A kind nobody serves is the mapper's NoKindMatchError.
 */
import type { ResourceType } from '@kubelab/api';

/** A resource to ask `…/scale` of. */
export interface ScaleResource {
  group: string;
  version: string;
  plural: string;
}

/** schema.ParseGroupVersion: "" and "/" are empty, "v1" is the core group, more than one "/" is an error. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } | { error: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { error: `unexpected GroupVersion string: ${apiVersion}` };
}

/**
 * The resources that may hold the target, one per group resource, from the served types (built-in and custom):
 * or the error the HPA controller reports as FailedGetScale.
 */
export function scaleTargetResources(apiVersion: string | undefined, kind: string, served: readonly ResourceType[]): ScaleResource[] | { error: string } {
  const gv = parseGroupVersion(apiVersion ?? '');
  if ('error' in gv) return gv;
  const matching = served.filter((t) => t.group === gv.group && t.kind === kind);
  if (matching.length === 0) return { error: `no matches for kind "${kind}" in group "${gv.group}"` };
  const resources = new Map<string, ScaleResource>();
  for (const t of matching) if (!resources.has(t.plural)) resources.set(t.plural, { group: t.group, version: t.version, plural: t.plural });
  return [...resources.values()];
}
