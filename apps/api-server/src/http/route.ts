/** Kubernetes REST paths → what they address. */
import { badRequest, findResourceType, type ApiError, type ResourceType } from '@kubelab/api';

export type Route =
  | { type: 'resource'; resource: ResourceType; namespace: string; name?: string; subresource?: string; allNamespaces: boolean }
  | { type: 'group'; group: string }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'unknown' };

/**
 * /api/v1/[namespaces/NS/]PLURAL[/NAME[/SUB]] and /apis/G/V/…, and a named group's own /apis/G. The
 * namespace object itself lives at /api/v1/namespaces/NAME, which reads like a namespaced path.
 */
export function parseResourcePath(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodePathSegment);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length === 2) {
    return { type: 'group', group: parts[1] };
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { type: 'unknown' };
  }
  if (rest.length === 0) return { type: 'groupVersion', group, version };
  let namespace = '';
  let allNamespaces = true;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const namespaceSubresource = group === '' && rest.length === 3 && isNamespaceSubresource(rest[2]);
    if (!namespaceSubresource) {
      namespace = rest[1];
      allNamespaces = false;
      rest = rest.slice(2);
    }
  }
  const resource = findResourceType(group, version, rest[0]);
  if (!resource || rest.length > 3) return { type: 'unknown' };
  if (!resource.namespaced && !allNamespaces) return { type: 'unknown' };
  return { type: 'resource', resource, namespace, name: rest[1], subresource: rest[2], allNamespaces: resource.namespaced && allNamespaces };
}

function isNamespaceSubresource(segment: string): boolean {
  return segment === 'status' || segment === 'finalize';
}

/** A percent-decoded path segment; 400 BadRequest when it does not decode. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badUrlEscape(segment);
  }
}

/**
 * The refusal of a path that does not percent-decode: Go's url.EscapeError words for a `%`
 * not followed by two hex digits (`invalid URL escape "%zz"`), else the escapes make no UTF-8.
 */
export function badUrlEscape(path: string): ApiError {
  const bad = /%(?![0-9a-fA-F]{2})/.exec(path);
  if (bad) return badRequest(`invalid URL escape ${JSON.stringify(path.slice(bad.index, bad.index + 3))}`);
  return badRequest(`the URL path ${JSON.stringify(path)} is not UTF-8 once its escapes are decoded`);
}

/** The refusal of a request URL the HTTP framework could not route: its first segment that does not percent-decode. */
export function undecodableUrlRefusal(url: string): ApiError {
  const path = url.split('?')[0];
  for (const segment of path.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return badUrlEscape(segment);
    }
  }
  return badRequest(`the URL path ${JSON.stringify(path)} could not be routed`);
}
