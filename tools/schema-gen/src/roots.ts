/**
 * The definitions the generated schema starts from: every kind the api-server
 * serves (registry.ts) and its List when it can be listed, the kinds its subresources and deletes
 * exchange, each with the group/version/kind OpenAPI tags it with.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import { groupVersionOf, resourceTypes } from '../../../libs/api/src/registry.js';

/** A Kubernetes group/version/kind. */
export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** A definition to include, and the kinds it is served as. */
export interface Root {
  definition: string;
  kinds: Gvk[];
}

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** The types the core API's models describe: metrics.k8s.io's definitions are written by hand (metrics-schema.ts). */
const modelled = resourceTypes.filter((t) => t.storage !== 'metrics');

/** All roots, in registry order. */
export function schemaRoots(): Root[] {
  const served = modelled.flatMap((t) => {
    const list = t.schemaName.replace(/\.\w+$/, `.${t.listKind}`);
    const item = { definition: t.schemaName, kinds: [{ group: t.group, version: t.version, kind: t.kind }] };
    return t.verbs.includes('list') ? [item, { definition: list, kinds: [{ group: t.group, version: t.version, kind: t.listKind }] }] : [item];
  });
  const groupVersions = [...new Map(modelled.map((t) => [groupVersionOf(t), t])).values()];
  return [
    ...served,
    { definition: 'io.k8s.api.autoscaling.v1.Scale', kinds: [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }] },
    { definition: 'io.k8s.api.core.v1.Binding', kinds: [{ group: '', version: 'v1', kind: 'Binding' }] },
    { definition: 'io.k8s.api.policy.v1.Eviction', kinds: [{ group: 'policy', version: 'v1', kind: 'Eviction' }] },
    { definition: `${meta}.Status`, kinds: [{ group: '', version: 'v1', kind: 'Status' }] },
    {
      definition: `${meta}.DeleteOptions`,
      kinds: groupVersions.map((t) => ({ group: t.group, version: t.version, kind: 'DeleteOptions' })),
    },
  ];
}
