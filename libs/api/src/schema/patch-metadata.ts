/**
 * Strategic-merge metadata on fields (`x-kubernetes-patch-strategy` and
 * `x-kubernetes-patch-merge-key`), generated from k8s.io/api's struct tags
 * (tools/schema-gen generate-patch-strategies). kubectl's client-side apply computes
 * its patch from it: without a list's merge key the list is atomic, so one the server
 * defaulted (ports gaining `protocol: TCP`) looks changed on every apply; without
 * `retainKeys` on a union (a Deployment's `strategy`, a volume's source) kubectl sends
 * no `$retainKeys`, and switching members leaves the old one set beside the new.
 */
import generated from './patch-strategies.generated.json' with { type: 'json' };
import type { PatchStrategies } from './catalog-types.js';

/** The OpenAPI extensions of one field. */
export type PatchMetadata = { 'x-kubernetes-patch-strategy': string; 'x-kubernetes-patch-merge-key'?: string };

const strategies = generated as PatchStrategies;

/** The patch metadata of `field` in definition `name` (io.k8s.api.core.v1.PodSpec), if any. */
export function patchMetadata(name: string, field: string): PatchMetadata | undefined {
  const found = strategies[name]?.[field];
  if (!found) return undefined;
  return { 'x-kubernetes-patch-strategy': found.strategy, ...(found.mergeKey ? { 'x-kubernetes-patch-merge-key': found.mergeKey } : {}) };
}
