/**
 * A refused request as the event log keeps it (an entry of type Refused): who asked,
 * what they asked for as kube-apiserver names it, and why it was refused. The refused
 * object's body is never part of it, so a refusal cannot smuggle an object into the
 * log. Pure: the front doors (HTTPS and NATS) hand in what they know.
 */
import { findResourceType, storeKindOf } from '../registry.js';
import type { RequestAttributes, UserInfo } from '../rbac/index.js';
import type { StatusBody } from '../status.js';
import type { Occurrences } from './bursts.js';

/** Who, what and why of one refused request. */
export interface Refusal {
  /** The user the request acted as; absent when it could not be authenticated (a 401). */
  user?: { username: string; groups: string[] };
  verb: string;
  /** API group, version and resource as in the URL ('' resource for a non-resource path such as /version). */
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  /** The path of a non-resource request. */
  path?: string;
  namespace: string;
  name: string;
  code: number;
  reason: string;
  message: string;
  dryRun: boolean;
  /** The front door it came through: kubectl and people over HTTPS, the lab's components over NATS. */
  via: 'https' | 'nats';
}

/** What a Refused entry's object holds: the refusal and how many identical ones it stands for. */
export type RefusalRecord = Refusal & Occurrences;

/** The refusals the log records: authentication (401), authorization and admission plugins (403), validation (422). */
export function isRecordedRefusal(code: number): boolean {
  return code === 401 || code === 403 || code === 422;
}

/** The refusal of a request with these attributes, as the Status it was answered with tells why. */
export function refusalOf(attrs: RequestAttributes, status: Pick<StatusBody, 'code' | 'reason' | 'message'>, user: UserInfo | undefined, dryRun: boolean, via: Refusal['via']): Refusal {
  const who = user ? { user: { username: user.username, groups: [...(user.groups ?? [])] } } : {};
  const why = { code: status.code ?? 0, reason: status.reason ?? '', message: status.message ?? '', dryRun, via };
  if (!attrs.resourceRequest) return { ...who, verb: attrs.verb, group: '', version: '', resource: '', path: attrs.path, namespace: '', name: '', ...why };
  return {
    ...who, verb: attrs.verb, group: attrs.apiGroup, version: attrs.apiVersion, resource: attrs.resource,
    ...(attrs.subresource ? { subresource: attrs.subresource } : {}), namespace: attrs.namespace ?? '', name: attrs.name ?? '', ...why,
  };
}

/** The entry's object reference: the target's kind (as the store names it), namespace and name, so filters and `kubelab why` find it. */
export function refusalTarget(r: Refusal): { kind: string; namespace: string; name: string } {
  const t = r.resource ? findResourceType(r.group, r.version, r.resource) : undefined;
  return { kind: t ? storeKindOf(t) : '', namespace: t && !t.namespaced ? '' : r.namespace, name: r.name };
}

/** What makes two refusals the same for coalescing a burst: user, verb, resource, namespace, name, code and message. */
export function refusalKey(r: Refusal): string {
  return JSON.stringify([r.user?.username ?? null, r.verb, r.group, r.resource, r.subresource ?? '', r.path ?? '', r.namespace, r.name, r.code, r.message, r.dryRun]);
}
