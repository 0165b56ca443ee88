/**
 * A connection NetworkPolicy dropped, as the event log keeps it (an entry of type
 * ConnectionDropped about the source pod): both ends, the port, every side that refused
 * it with the policies isolating that side, and a sentence a person reads:
 * `ingress of default/web is isolated by NetworkPolicy default/default-deny-ingress and no
 * policy allows from default/client on TCP 80`. Pure: the agent's network hands in the
 * ends and the denials, and sends what comes out.
 */
import type { Occurrences } from '../audit/bursts.js';
import { isPlainObject } from '../object.js';
import { badRequest } from '../status.js';
import type { ConnectionDenial, NetworkDestination, NetworkEndpoint } from './connection-allowed.js';

/** One end of a dropped connection: the pod (namespace, name, uid) when it is one, and its address. */
export interface DropEnd {
  ip: string;
  namespace?: string;
  name?: string;
  uid?: string;
}

/** A side that refused, naming its pod and policies as `namespace/name`. */
export interface DropDenial {
  direction: ConnectionDenial['direction'];
  pod: string;
  policies: string[];
}

/** What a ConnectionDropped entry's object holds (with the burst count the log adds). */
export interface ConnectionDrop {
  source: DropEnd;
  destination: DropEnd & { port: number; protocol: NetworkDestination['protocol'] };
  /** The Service the client addressed, when it reached the pod through one. */
  service?: { namespace: string; name: string };
  denials: DropDenial[];
  explanation: string;
}

function endOf(e: NetworkEndpoint): DropEnd {
  const meta = e.pod?.metadata;
  return meta ? { ip: e.ip, namespace: meta.namespace ?? '', name: meta.name ?? '', uid: meta.uid ?? '' } : { ip: e.ip };
}

/** `default/web` for a pod, its address otherwise. */
export function dropEndName(e: DropEnd): string {
  return e.name ? `${e.namespace}/${e.name}` : e.ip || 'an unknown address';
}

function sentence(d: DropDenial, source: DropEnd, destination: ConnectionDrop['destination']): string {
  const by = `${d.policies.length === 1 ? 'NetworkPolicy' : 'NetworkPolicies'} ${d.policies.join(', ')}`;
  const on = `on ${destination.protocol} ${destination.port}`;
  return d.direction === 'Ingress'
    ? `ingress of ${d.pod} is isolated by ${by} and no policy allows from ${dropEndName(source)} ${on}`
    : `egress of ${d.pod} is isolated by ${by} and no policy allows to ${dropEndName(destination)} ${on}`;
}

/** The drop of `from` → `to` that `denials` (from connectionDenials, not empty) refused, explained. */
export function connectionDrop(from: NetworkEndpoint, to: NetworkDestination, denials: readonly ConnectionDenial[], service?: { namespace: string; name: string }): ConnectionDrop {
  const source = endOf(from);
  const destination = { ...endOf(to), port: to.port, protocol: to.protocol };
  const named = denials.map((d) => {
    const end = d.direction === 'Ingress' ? destination : source;
    return { direction: d.direction, pod: dropEndName(end), policies: d.policies.map((p) => `${end.namespace}/${p}`) };
  });
  return { source, destination, ...(service ? { service } : {}), denials: named, explanation: named.map((d) => sentence(d, source, destination)).join('; ') };
}

/** What makes two drops the same for coalescing: source, destination and port. */
export function dropKey(d: ConnectionDrop): string {
  return JSON.stringify([d.source.uid ?? d.source.ip, d.destination.uid ?? d.destination.ip, d.destination.port, d.destination.protocol]);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1);

/** A reported field: `v[key]` when `v` is a JSON object. */
const field = (v: unknown, key: string): unknown => (isPlainObject(v) ? v[key] : undefined);

function endFrom(v: unknown): DropEnd {
  const end: DropEnd = { ip: text(field(v, 'ip')) ?? '' };
  for (const key of ['namespace', 'name', 'uid'] as const) {
    const value = text(field(v, key));
    if (value !== undefined) end[key] = value;
  }
  return end;
}

/**
 * A drop as an agent reported it, keeping only the fields a ConnectionDropped entry holds (nothing
 * else a sender adds reaches the log); throws the 400 Status when it names no source pod.
 */
export function reportedDrop(body: unknown): ConnectionDrop & Occurrences {
  const source = endFrom(field(body, 'source'));
  if (!source.namespace || !source.name) throw badRequest('a dropped connection names its source pod (source.namespace and source.name)');
  const reported = field(body, 'destination');
  const given = field(reported, 'protocol');
  const protocol: NetworkDestination['protocol'] = given === 'TCP' || given === 'UDP' || given === 'SCTP' ? given : 'TCP';
  const destination = { ...endFrom(reported), port: Number(field(reported, 'port')) || 0, protocol };
  const reportedDenials = field(body, 'denials');
  const denials: DropDenial[] = (Array.isArray(reportedDenials) ? reportedDenials : []).map((d: unknown) => {
    const policies = field(d, 'policies');
    return {
      direction: field(d, 'direction') === 'Egress' ? 'Egress' : 'Ingress',
      pod: text(field(d, 'pod')) ?? '',
      policies: (Array.isArray(policies) ? policies : []).filter((p): p is string => typeof p === 'string'),
    };
  });
  const serviceNamespace = text(field(field(body, 'service'), 'namespace'));
  const serviceName = text(field(field(body, 'service'), 'name'));
  const service = serviceNamespace && serviceName ? { service: { namespace: serviceNamespace, name: serviceName } } : {};
  const firstTime = text(field(body, 'firstTime'));
  const now = new Date(0).toISOString();
  return {
    source, destination, ...service, denials, explanation: text(field(body, 'explanation')) ?? '',
    count: count(field(body, 'count')), firstTime: firstTime ?? now, lastTime: text(field(body, 'lastTime')) ?? firstTime ?? now,
  };
}
