/**
 * The OpenAPI v3 discovery kubectl fetches before `apply`, `create` and
 * `explain`: an index at /openapi/v3 naming one document per group version,
 * and the documents themselves (see docs/kubectl-wire.md §3).
 */
import { customResourceOpenApiDocument } from '../custom-resources/openapi.js';
import { groupVersionOf, type ResourceType, servedTypes } from '../registry.js';
import { resourcePaths } from './openapi-paths.js';
import { componentSchemas } from './openapi-schemas.js';
import { definitionForKind } from './schema-catalog.js';

/** The /openapi/v3 reply. */
export interface OpenApiV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** "api/v1" or "apis/apps/v1": how the index and its URLs name a group version. */
function documentPath(t: ResourceType): string {
  return t.group ? `apis/${groupVersionOf(t)}` : `api/${t.version}`;
}

/** The index of every served group version; `serverHash` goes into each URL so kubectl's cache notices changes. */
export function openApiV3Index(serverHash: string): OpenApiV3Index {
  const paths: OpenApiV3Index['paths'] = {};
  for (const t of servedTypes()) {
    const path = documentPath(t);
    const hash = t.custom ? `${serverHash}-${t.custom.revision}` : serverHash;
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { paths };
}

/**
 * The document served at /openapi/v3/<path> for a path of the index
 * ("api/v1", "apis/apps/v1"), or undefined for any other path.
 */
export function openApiV3Document(path: string): object | undefined {
  const served = servedTypes().filter((t) => documentPath(t) === path);
  if (served.length === 0) return undefined;
  if (served[0].custom) return customResourceOpenApiDocument(served);
  const subresourceKinds = served.flatMap((t) => t.subresources.map((s) => definitionForKind(s)));
  const roots = [
    ...served.flatMap((t) => (t.verbs.includes('list') ? [t.schemaName, t.schemaName.replace(/\.\w+$/, `.${t.listKind}`)] : [t.schemaName])),
    ...subresourceKinds.filter((name): name is string => name !== undefined),
    `${meta}.DeleteOptions`,
    `${meta}.Status`,
  ];
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: Object.assign({}, ...served.map(resourcePaths)),
    components: { schemas: componentSchemas(roots) },
  };
}

/** Whether the document at `path` is built from the static table, so it never changes while the server runs. */
export function isBuiltInOpenApiPath(path: string): boolean {
  return servedTypes().some((t) => !t.custom && documentPath(t) === path);
}
