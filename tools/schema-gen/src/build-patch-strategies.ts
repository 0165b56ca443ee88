/**
 * Collects the `patchStrategy` / `patchMergeKey` struct tags of Kubernetes' API types
 * into the table kube-apiserver's OpenAPI carries as `x-kubernetes-patch-strategy` and
 * `x-kubernetes-patch-merge-key`: kubectl computes client-side apply patches from it,
 * so a field missing here (a Deployment's `strategy` is `retainKeys`) makes kubectl
 * send a patch a cluster would never receive. Fields of inline-embedded structs belong
 * to the struct that embeds them, as in the OpenAPI definitions.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import type { PatchStrategies, PatchStrategy, SchemaCatalog } from '../../../libs/api/src/schema/catalog-types.js';
import type { GoPackage, GoStruct } from './go-struct-tags.js';

/** One Go package by its import path (k8s.io/api/core/v1). */
export interface GoSourcePackage {
  path: string;
  go: GoPackage;
}

/** The patch strategies of every catalog definition that has one, sorted by definition and field. */
export function buildPatchStrategies(packages: readonly GoSourcePackage[], catalog: SchemaCatalog): PatchStrategies {
  const table: PatchStrategies = {};
  for (const { path, go } of [...packages].sort((a, b) => a.path.localeCompare(b.path))) {
    const prefix = definitionPrefix(path);
    for (const struct of [...go.structs.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const definition = `${prefix}.${struct.name}`;
      if (!catalog.definitions[definition]) continue;
      const fields = patchFields(struct, go);
      for (const field of Object.keys(fields)) {
        if (!catalog.definitions[definition].properties?.[field]) throw new Error(`${definition}.${field}: a patch strategy on a field the catalog lacks`);
      }
      if (Object.keys(fields).length > 0) table[definition] = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  return table;
}

/** io.k8s.api.core.v1 for k8s.io/api/core/v1, as OpenAPI names definitions. */
function definitionPrefix(path: string): string {
  const [domain, ...rest] = path.split('/');
  return [...domain.split('.').reverse(), ...rest].join('.');
}

function patchFields(struct: GoStruct, go: GoPackage): Record<string, PatchStrategy> {
  const fields: Record<string, PatchStrategy> = {};
  for (const field of struct.fields) {
    const embedded = field.json.inline ? go.structs.get(field.goType.replace(/^\*/, '')) : undefined;
    if (embedded) Object.assign(fields, patchFields(embedded, go));
    else if (field.patch && field.json.name !== '-') fields[field.json.name] = field.patch;
  }
  return fields;
}
