/**
 * What a request asks for, as kube-apiserver's RequestInfoFactory reads it off the URL
 * before anything else runs: a resource request (verb, group, version, resource,
 * subresource, namespace, name) or a non-resource path. Authorization judges these,
 * also for paths that address nothing, so an anonymous caller is refused before it can
 * learn what exists.
 */
import type { RequestAttributes } from '@kubelab/api';

const resourceVerbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete', GET: 'get', HEAD: 'get' };
const namespaceSubresources = new Set(['status', 'finalize']);

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The attributes of `method` on `path` with `query` (the URL's parameters). */
export function requestAttributes(method: string, path: string, query: Record<string, string>): RequestAttributes {
  const parts = path.split('/').filter(Boolean).map(decoded);
  const nonResource: RequestAttributes = { resourceRequest: false, verb: method.toLowerCase(), path };
  let rest: string[];
  let apiGroup = '';
  let apiVersion = '';
  if (parts[0] === 'api' && parts.length >= 3) {
    apiVersion = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    apiGroup = parts[1];
    apiVersion = parts[2];
    rest = parts.slice(3);
  } else {
    return nonResource;
  }
  let verb = resourceVerbs[method] ?? method.toLowerCase();
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !namespaceSubresources.has(rest[2])) rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  let named: string | undefined = name;
  if (!name && verb === 'get') {
    verb = query.watch === 'true' || query.watch === '1' ? 'watch' : 'list';
    // A list or watch of one object by name is judged as that object (RBAC's resourceNames apply).
    named = /(?:^|,)metadata\.name==?([^,]+)/.exec(query.fieldSelector ?? '')?.[1];
  }
  if (!name && verb === 'delete') verb = 'deletecollection';
  return {
    resourceRequest: true, verb, apiGroup, apiVersion, resource,
    ...(subresource ? { subresource } : {}), ...(named ? { name: named } : {}), ...(namespace !== undefined ? { namespace } : {}),
  };
}
