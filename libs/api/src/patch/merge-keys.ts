/**
 * How strategic merge patch treats each list field of the served kinds: Kubernetes
 * reads this from `patchStrategy` / `patchMergeKey` struct tags; kubelab keeps the
 * same facts in one table, looked up by the field's path from the object root.
 */

/** What to do with a list in a strategic merge patch. */
export type ListStrategy =
  | { strategy: 'merge'; key: string }
  | { strategy: 'merge-primitive' }
  | { strategy: 'replace' };

interface ListRule {
  field: string;
  strategy: ListStrategy;
  /** Where the field must sit; without it the field name alone decides. */
  appliesAt?: (path: readonly string[]) => boolean;
}

const containerLists = ['containers', 'initContainers', 'ephemeralContainers'];

const mergeBy = (key: string): ListStrategy => ({ strategy: 'merge', key });
const mergePrimitives: ListStrategy = { strategy: 'merge-primitive' };
const replaceWhole: ListStrategy = { strategy: 'replace' };

/** The list sits directly in one of these fields (e.g. `ports` of a container). */
const insideOneOf =
  (...parents: string[]) =>
  (path: readonly string[]) =>
    parents.includes(path[path.length - 2]);

/** The list is exactly at this path from the root (e.g. a Service's `spec.ports`). */
const exactlyAt =
  (...expected: string[]) =>
  (path: readonly string[]) =>
    path.length === expected.length && path.every((name, i) => name === expected[i]);

const rules: readonly ListRule[] = [
  { field: 'containers', strategy: mergeBy('name') },
  { field: 'initContainers', strategy: mergeBy('name') },
  { field: 'ephemeralContainers', strategy: mergeBy('name') },
  { field: 'volumes', strategy: mergeBy('name') },
  { field: 'env', strategy: mergeBy('name') },
  { field: 'imagePullSecrets', strategy: mergeBy('name') },
  { field: 'resourceClaims', strategy: mergeBy('name') },
  { field: 'resourceClaimStatuses', strategy: mergeBy('name') },
  { field: 'schedulingGates', strategy: mergeBy('name') },
  { field: 'volumeMounts', strategy: mergeBy('mountPath') },
  { field: 'volumeDevices', strategy: mergeBy('devicePath') },
  { field: 'ownerReferences', strategy: mergeBy('uid') },
  { field: 'hostAliases', strategy: mergeBy('ip') },
  { field: 'podIPs', strategy: mergeBy('ip') },
  { field: 'hostIPs', strategy: mergeBy('ip') },
  { field: 'topologySpreadConstraints', strategy: mergeBy('topologyKey') },
  { field: 'ports', strategy: mergeBy('containerPort'), appliesAt: insideOneOf(...containerLists) },
  { field: 'ports', strategy: mergeBy('port'), appliesAt: exactlyAt('spec', 'ports') },
  { field: 'conditions', strategy: mergeBy('type'), appliesAt: insideOneOf('status') },
  { field: 'addresses', strategy: mergeBy('type'), appliesAt: exactlyAt('status', 'addresses') },
  { field: 'finalizers', strategy: mergePrimitives, appliesAt: insideOneOf('metadata') },
  { field: 'podCIDRs', strategy: mergePrimitives, appliesAt: exactlyAt('spec', 'podCIDRs') },
];

/**
 * The strategy for the list at `path` (field names from the object root, list
 * positions left out: `['spec','template','spec','containers','env']`). Lists with no
 * rule are atomic: a patch replaces them whole.
 */
export function listStrategyAt(path: readonly string[]): ListStrategy {
  const field = path[path.length - 1];
  const rule = rules.find((r) => r.field === field && (r.appliesAt?.(path) ?? true));
  return rule?.strategy ?? replaceWhole;
}
