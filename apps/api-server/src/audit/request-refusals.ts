/**
 * The refusal of a request as each front door knows it: over HTTPS from the URL (as
 * kube-apiserver's RequestInfo reads it) and the Status answered; over NATS from the
 * component's ApiBusRequest. A create names its target from the body's metadata.name, as
 * kube-apiserver's audit fills objectRef.name; nothing else of the body is kept.
 */
import { findResourceType, refusalOf, type Refusal, type RequestAttributes, type StatusBody, type UserInfo } from '@kubelab/api';
import type { ApiBusRequest } from '@kubelab/bus';
import { requestAttributes } from '../auth/request-attributes.js';

/** An HTTP request refused with `status`; `user` absent for a 401, `createdName` the name a refused create asked for. */
export function httpRefusal(method: string, url: string, status: StatusBody, user: UserInfo | undefined, createdName?: string): Refusal {
  const parsed = new URL(url, 'http://kubelab');
  const query = Object.fromEntries(parsed.searchParams);
  const attrs = requestAttributes(method, parsed.pathname.replace(/\/+$/, '') || '/', query);
  const named = attrs.resourceRequest && attrs.verb === 'create' && !attrs.name && createdName ? { ...attrs, name: createdName } : attrs;
  const dryRun = parsed.searchParams.getAll('dryRun').includes('All');
  return refusalOf(named, status, user, dryRun, 'https');
}

/** The kube-apiserver verb and subresource of each bus verb. */
const busVerbs: Record<ApiBusRequest['verb'], [string, string?]> = {
  get: ['get'], list: ['list'], create: ['create'], update: ['update'], updateStatus: ['update', 'status'], patchStatus: ['patch', 'status'], finalize: ['update', 'finalize'],
  patch: ['patch'], delete: ['delete'], bind: ['create', 'binding'], evict: ['create', 'eviction'], recordDrop: ['create'], requestToken: ['create', 'token'],
  getScale: ['get', 'scale'], updateScale: ['update', 'scale'], etcd: ['get', 'etcd'], kubeadm: ['update', 'kubeadm'],
};

/**
 * A component's request as the authorizers see it, named as the same request's URL would name it; with `bodyName`, a create
 * names the body's metadata.name, as kube-apiserver's audit fills objectRef.name.
 */
export function busRequestAttributes(r: ApiBusRequest, bodyName = false): RequestAttributes {
  const [verb, subresource] = busVerbs[r.verb] ?? [String(r.verb)];
  const namespaced = findResourceType(r.group, r.version, r.plural)?.namespaced ?? true;
  const fromBody = bodyName && verb === 'create' && !subresource ? (r.body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name : undefined;
  const name = verb === 'create' && !subresource ? fromBody : r.name;
  return {
    resourceRequest: true, verb, apiGroup: r.group, apiVersion: r.version, resource: r.plural,
    ...(subresource ? { subresource } : {}), ...(typeof name === 'string' && name ? { name } : {}), ...(namespaced && r.namespace ? { namespace: r.namespace } : {}),
  };
}

/** A component's request over NATS refused with `status`; `user` is who the subject it came on proves it is. */
export function busRefusal(r: ApiBusRequest, status: StatusBody, user: UserInfo): Refusal {
  return refusalOf(busRequestAttributes(r, true), status, user, false, 'nats');
}
