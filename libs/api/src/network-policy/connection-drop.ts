/**
 * A connection NetworkPolicy dropped, as the event log keeps it (an entry of type
 * ConnectionDropped about the source pod): both ends, the port, every side that refused
 * it with the policies isolating that side, and a sentence a person reads:
 * `ingress of default/web is isolated by NetworkPolicy default/default-deny-ingress and no
 * policy allows from default/client on TCP 80`. Pure: the agent's network hands in the
 * ends and the denials, and sends what comes out.
 */
import type { Occurrences } from '../audit/bursts.js';
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

function endFrom(v: any): DropEnd {
  const end: DropEnd = { ip: text(v?.ip) ?? '' };
  for (const field of ['namespace', 'name', 'uid'] as const) if (text(v?.[field]) !== undefined) end[field] = text(v[field]);
  return end;
}

/**
 * A drop as an agent reported it, keeping only the fields a ConnectionDropped entry holds (nothing
 * else a sender adds reaches the log); throws the 400 Status when it names no source pod.
 */
export function reportedDrop(body: unknown): ConnectionDrop & Occurrences {
  const b = (body ?? {}) as any;
  const source = endFrom(b.source);
  if (!source.namespace || !source.name) throw badRequest('a dropped connection names its source pod (source.namespace and source.name)');
  const protocol = ['TCP', 'UDP', 'SCTP'].includes(b.destination?.protocol) ? b.destination.protocol : 'TCP';
  const destination = { ...endFrom(b.destination), port: Number(b.destination?.port) || 0, protocol };
  const denials: DropDenial[] = (Array.isArray(b.denials) ? b.denials : []).map((d: any) => ({
    direction: d?.direction === 'Egress' ? 'Egress' : 'Ingress', pod: text(d?.pod) ?? '', policies: (Array.isArray(d?.policies) ? d.policies : []).filter((p: unknown) => typeof p === 'string'),
  }));
  const service = text(b.service?.namespace) && text(b.service?.name) ? { service: { namespace: b.service.namespace, name: b.service.name } } : {};
  const now = new Date(0).toISOString();
  return {
    source, destination, ...service, denials, explanation: text(b.explanation) ?? '',
    count: count(b.count), firstTime: text(b.firstTime) ?? now, lastTime: text(b.lastTime) ?? text(b.firstTime) ?? now,
  };
}
