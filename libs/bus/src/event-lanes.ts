/**
 * Lanes: the parts of the event stream a kubelet-agent or the supervisor's host ports follow, each on a subject of its
 * own, so that NATS hands them only what their caches hold instead of every change of the cluster. A bound pod's events
 * go on its node's lane, the kinds an agent caches whole (Services, ConfigMaps, Nodes…) on the agent lane, the routes to
 * pods the host ports follow besides them (EndpointSlices, Ingresses, the Gateway API's) on the routing lane; the rest
 * (Events, workloads, unscheduled pods) on none. The whole stream (`kubelab.events`) is published as before for the
 * components that read it all.
 *
 * A lane is not gap-free in seq, so each of its messages names the seq of the lane's message before it (the publisher
 * keeps the last one of each lane): a follower that has not seen that far missed something and replays. An api-server
 * that starts counts the changes it remembers (the last 20,000); for a lane none of them was on it names the seq before
 * the first: the lane's last message is no later than that, and a follower that has seen that far missed nothing. Every
 * second, each lane that had messages gets a beacon naming its last one, so a lost tail is noticed too; every lane does
 * every ten seconds, so a tail lost while a follower was away from NATS (a drill that killed it) is noticed on a quiet lane.
 */
import { isAuditEntry } from '@kubelab/api';
import type { EventSummary } from './event-headers.js';

/** The kinds an agent caches whole, or follows (its storage objects), on the agent lane. */
export const agentLaneKinds: ReadonlySet<string> = new Set([
  'Service', 'ConfigMap', 'Secret', 'NetworkPolicy', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim',
]);

/** The lane of the kinds in agentLaneKinds. */
export const agentLane = 'agent';

/**
 * The kinds the supervisor's host ports (NodePort and LoadBalancer Services, Ingress, the Gateway API) follow beyond the
 * agent lane's Services, Secrets and Namespaces. On the whole stream, the supervisor was handed every change of the lab to
 * keep these: 13.7 MB while 1,000 pods started, more than its relays to the ten agents took in from NATS (8.4 MB).
 */
export const routingLaneKinds: ReadonlySet<string> = new Set([
  'EndpointSlice', 'Ingress', 'IngressClass',
  // Custom resources, named as the store names their kind (storeKindOf: Kind.group).
  ...['GatewayClass', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'].map((kind) => `${kind}.gateway.networking.k8s.io`),
]);

/** The lane of the kinds in routingLaneKinds. */
export const routingLane = 'routing';

/** The lane of the pods bound to `node`. */
export const podLane = (node: string) => `pod.node.${node}`;

/** The subject of a lane. */
export const laneSubject = (lane: string) => `kubelab.lane.${lane}`;

/** The lanes an event goes on: a bound pod's node's (a pod's spec.nodeName never changes once set), the agent or the routing lane, or none. */
export function lanesOf(summary: Pick<EventSummary, 'type' | 'kind' | 'nodeNames'>): string[] {
  if (isAuditEntry(summary.type)) return [];
  if (summary.kind === 'Pod') return summary.nodeNames.map(podLane);
  const lane = laneOf(summary.kind, undefined);
  return lane === undefined ? [] : [lane];
}

/** The lane an event of `kind` about a pod on `nodeName` is on, for a cache told of it some other way (a replay). */
export function laneOf(kind: string, nodeName: string | undefined): string | undefined {
  if (kind === 'Pod') return nodeName ? podLane(nodeName) : undefined;
  if (agentLaneKinds.has(kind)) return agentLane;
  return routingLaneKinds.has(kind) ? routingLane : undefined;
}

/**
 * The publisher's side: the last seq of each lane, and the lanes that had messages since the last beacon. It is told of
 * every change in seq order, published or not (an api-server that does not lead hears the leader's changes too), so that
 * whoever publishes next knows each lane's last change.
 */
export class LaneTally {
  private readonly last = new Map<string, number>();
  private readonly active = new Set<string>();
  /** No lane's change before the ones counted is later than this. */
  private floor = 0;
  /** The last change told of, once there is one. */
  private through?: number;

  /**
   * Counts the change of `seq` on `lanes`; returns, for each lane, the seq of the lane's change before it, or a later seq
   * that it is no later than. A change that does not follow the last one told of starts the count anew.
   */
  count(seq: number, lanes: readonly string[]): number[] {
    if (this.through === undefined || seq !== this.through + 1) this.forget(seq - 1);
    this.through = seq;
    return lanes.map((lane) => {
      const previous = this.last.get(lane) ?? this.floor;
      this.last.set(lane, seq);
      this.active.add(lane);
      return previous;
    });
  }

  /** The lanes that had messages since the last call (`all`: every lane it counted), with the last seq of each. */
  beacons(all = false): [string, number][] {
    const due = [...(all ? this.last.keys() : this.active)].map((lane): [string, number] => [lane, this.last.get(lane)!]);
    this.active.clear();
    return due;
  }

  /** Forgets every lane: it counts anew from the change after `before`, which no lane's last change is later than. */
  private forget(before: number): void {
    this.last.clear();
    this.active.clear();
    this.floor = before;
    this.through = before;
  }
}
