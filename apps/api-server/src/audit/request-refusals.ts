/**
 * The refusal of a request as each front door knows it: over HTTPS from the URL (as
 * kube-apiserver's RequestInfo reads it) and the Status answered; over NATS from the
 * component's ApiBusRequest. A create names its target from the body's metadata.name, as
 * kube-apiserver's audit fills objectRef.name; nothing else of the body is kept.
 */
import { findResourceType, refusalOf, type Refusal, type StatusBody, type UserInfo } from '@kubelab/api';
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
  get: ['get'], list: ['list'], create: ['create'], update: ['update'], updateStatus: ['update', 'status'], finalize: ['update', 'finalize'],
  patch: ['patch'], delete: ['delete'], bind: ['create', 'binding'], evict: ['create', 'eviction'], recordDrop: ['create'],
};

/** A component's request over NATS refused with `status`; the component (its actor) is who asked. */
export function busRefusal(r: ApiBusRequest, status: StatusBody): Refusal {
  const [verb, subresource] = busVerbs[r.verb] ?? [String(r.verb)];
  const namespaced = findResourceType(r.group, r.version, r.plural)?.namespaced ?? true;
  const name = r.name ?? (verb === 'create' && !subresource ? (r.body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name : undefined);
  const attrs = {
    resourceRequest: true as const, verb, apiGroup: r.group, apiVersion: r.version, resource: r.plural,
    ...(subresource ? { subresource } : {}), ...(typeof name === 'string' && name ? { name } : {}), ...(namespaced && r.namespace ? { namespace: r.namespace } : {}),
  };
  return refusalOf(attrs, status, { username: r.actor, groups: [] }, false, 'nats');
}
