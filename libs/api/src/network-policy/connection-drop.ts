/**
 * A connection NetworkPolicy dropped, as the event log keeps it (an entry of type
 * ConnectionDropped about the source pod): both ends, the port, every side that refused
 * it with the policies isolating that side, and a sentence a person reads:
 * `ingress of default/web is isolated by NetworkPolicy default/default-deny-ingress and no
 * policy allows from default/client on TCP 80`. Pure: the agent's network hands in the
 * ends and the denials, and sends what comes out.
 */
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
