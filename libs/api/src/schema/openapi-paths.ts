/**
 * The OpenAPI v3 path items of one served resource type. kubectl depends on
 * two details: `apply`/`create` use server-side field validation only when
 * every PATCH operation tagged with the kind's group/version/kind lists a
 * `fieldValidation` query parameter, and `explain` finds a resource's kind
 * through the `x-kubernetes-group-version-kind` of the operations on its
 * collection or item path.
 */
import { type ResourceType, type SubresourceType } from '../registry.js';
import { definitionForKind, type GroupVersionKind } from './schema-catalog.js';

/** An OpenAPI path item or operation. */
export type OpenApiObject = Record<string, unknown>;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What one API verb looks like as an HTTP operation. */
interface VerbShape {
  method: Method;
  action: string;
  operationVerb: string;
  summary: string;
  status: string;
}

const verbShapes: Record<string, VerbShape> = {
  get: { method: 'get', action: 'get', operationVerb: 'read', summary: 'read the specified', status: '200' },
  list: { method: 'get', action: 'list', operationVerb: 'list', summary: 'list or watch objects of kind', status: '200' },
  create: { method: 'post', action: 'post', operationVerb: 'create', summary: 'create', status: '201' },
  update: { method: 'put', action: 'put', operationVerb: 'replace', summary: 'replace the specified', status: '200' },
  patch: { method: 'patch', action: 'patch', operationVerb: 'patch', summary: 'partially update the specified', status: '200' },
  delete: { method: 'delete', action: 'delete', operationVerb: 'delete', summary: 'delete', status: '200' },
  deletecollection: {
    method: 'delete', action: 'deletecollection', operationVerb: 'deleteCollection', summary: 'delete collection of', status: '200',
  },
};

const status = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';

/** Every path of `t`: its collection, all-namespaces list, item and subresources. */
export function resourcePaths(t: ResourceType): Record<string, OpenApiObject> {
  const root = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const collection = `${root}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}`;
  const item = `${collection}/{name}`;
  const namespace = t.namespaced ? [pathParameter('namespace', 'object name and auth scope, such as for teams and projects')] : [];
  const name = [pathParameter('name', `name of the ${t.kind}`), ...namespace];
  const items: Array<[string, OpenApiObject[], Operation[]]> = [
    [collection, namespace, kindOperations(t, ['list', 'create', 'deletecollection'])],
    [`${root}/${t.plural}`, [], t.namespaced ? kindOperations(t, ['list'], `${t.kind}ForAllNamespaces`) : []],
    [item, name, kindOperations(t, ['get', 'update', 'patch', 'delete'])],
    ...t.subresources.map((sub): [string, OpenApiObject[], Operation[]] => [
      `${item}/${sub.name}`, name, subresourceOperations(sub, scopedName(t)),
    ]),
  ];
  return Object.fromEntries(
    items
      .filter(([, , ops]) => ops.length > 0)
      .map(([path, parameters, ops]) => [path, { ...Object.fromEntries(ops), parameters: [...parameters, pretty()] }]),
  );
}

/** `NamespacedPod` or `Node`, as operation ids name a kind. */
function scopedName(t: ResourceType): string {
  return `${t.namespaced ? 'Namespaced' : ''}${t.kind}`;
}

/** The operations for those of `verbs` that `t` serves, each answering with the kind, its list or a Status. */
function kindOperations(t: ResourceType, verbs: string[], name = scopedName(t)): Operation[] {
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  const listKind = t.schemaName.replace(/\.\w+$/, `.${t.listKind}`);
  const replies: Record<string, string> = { list: listKind, delete: status, deletecollection: status };
  return verbs.filter((v) => t.verbs.includes(v)).map((v) => operation(v, gvk, name, replies[v] ?? t.schemaName));
}

function subresourceOperations(sub: SubresourceType, scoped: string): Operation[] {
  const gvk = { group: sub.group, version: sub.version, kind: sub.kind };
  const schema = sub.name === 'log' ? undefined : definitionForKind(gvk);
  const suffix = sub.name[0].toUpperCase() + sub.name.slice(1);
  return sub.verbs.filter((v) => v in verbShapes).map((v) => operation(v, gvk, `${scoped}${suffix}`, schema));
}

/** One operation and the HTTP method it is placed under. */
type Operation = [Method, OpenApiObject];

function operation(verb: string, gvk: GroupVersionKind, name: string, schema: string | undefined): Operation {
  const shape = verbShapes[verb];
  const body = shape.method === 'post' || shape.method === 'put' || shape.method === 'patch';
  return [shape.method, {
    description: `${shape.summary} ${gvk.kind}`,
    operationId: `${shape.operationVerb}${groupToken(gvk)}${name}`,
    tags: [`${gvk.group ? gvk.group.split('.')[0] : 'core'}_${gvk.version}`],
    parameters: queryParameters(verb),
    ...(body ? { requestBody: requestBody(shape.method, schema) } : {}),
    responses: {
      [shape.status]: { description: shape.status === '201' ? 'Created' : 'OK', content: responseContent(schema) },
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': shape.action,
    'x-kubernetes-group-version-kind': gvk,
  }];
}

function groupToken(gvk: GroupVersionKind): string {
  const group = gvk.group ? gvk.group.split('.')[0] : 'core';
  return `${group[0].toUpperCase()}${group.slice(1)}${gvk.version[0].toUpperCase()}${gvk.version.slice(1)}`;
}

function requestBody(method: Method, schema: string | undefined): OpenApiObject {
  if (method !== 'patch') return { content: responseContent(schema), required: true };
  const patch = { schema: { type: 'object' } };
  return {
    content: {
      'application/apply-patch+yaml': patch,
      'application/json-patch+json': patch,
      'application/merge-patch+json': patch,
      'application/strategic-merge-patch+json': patch,
    },
    required: true,
  };
}

function responseContent(schema: string | undefined): OpenApiObject {
  if (!schema) return { 'text/plain': { schema: { type: 'string' } } };
  const ref = { schema: { $ref: `#/components/schemas/${schema}` } };
  return { 'application/json': ref, 'application/yaml': ref };
}

function queryParameters(verb: string): OpenApiObject[] {
  switch (verbShapes[verb].method) {
    case 'post':
    case 'put':
      return writeParameters();
    case 'patch':
      return [
        ...writeParameters(),
        queryParameter('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.', 'boolean'),
      ];
    case 'delete':
      return [
        queryParameter('dryRun', 'When present, indicates that modifications should not be persisted.'),
        queryParameter('gracePeriodSeconds', 'The duration in seconds before the object should be deleted.', 'integer'),
        queryParameter('propagationPolicy', "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."),
      ];
    default:
      return verb === 'list' ? listParameters() : [];
  }
}

function writeParameters(): OpenApiObject[] {
  return [
    queryParameter('dryRun', 'When present, indicates that modifications should not be persisted.'),
    queryParameter('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
    queryParameter(
      'fieldValidation',
      'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present.',
    ),
  ];
}

function listParameters(): OpenApiObject[] {
  return [
    queryParameter('allowWatchBookmarks', 'allowWatchBookmarks requests watch events with type "BOOKMARK".', 'boolean'),
    queryParameter('continue', 'The continue option should be set when retrieving more results from the server.'),
    queryParameter('fieldSelector', 'A selector to restrict the list of returned objects by their fields.'),
    queryParameter('labelSelector', 'A selector to restrict the list of returned objects by their labels.'),
    queryParameter('limit', 'limit is a maximum number of responses to return for a list call.', 'integer'),
    queryParameter('resourceVersion', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
    queryParameter('timeoutSeconds', 'Timeout for the list/watch call.', 'integer'),
    queryParameter('watch', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.', 'boolean'),
  ];
}

function pretty(): OpenApiObject {
  return queryParameter('pretty', "If 'true', then the output is pretty printed.");
}

function queryParameter(name: string, description: string, type = 'string'): OpenApiObject {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

function pathParameter(name: string, description: string): OpenApiObject {
  return { name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } };
}
