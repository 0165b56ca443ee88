/**
 * Lanes: the parts of the event stream a kubelet-agent follows, each on a subject of its own, so that NATS hands an
 * agent only what its caches hold instead of every change of the cluster. A bound pod's events go on its node's lane,
 * the kinds an agent caches whole (Services, ConfigMaps, Nodes…) on the agent lane; the rest (Events, workloads,
 * unscheduled pods) on none. The whole stream (`kubelab.events`) is published as before for the components that read
 * it all.
 *
 * A lane is not gap-free in seq, so each of its messages names the seq of the lane's message before it (the publisher
 * keeps the last one of each lane): a follower that has not seen that far missed something and replays. A publisher
 * that just started, or just took the stream over, names for a lane it has not published on yet the seq before its own
 * first: the lane's last message is no later than that, and a follower that has seen that far missed nothing. Every
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

/** The lane of the pods bound to `node`. */
export const podLane = (node: string) => `pod.node.${node}`;

/** The subject of a lane. */
export const laneSubject = (lane: string) => `kubelab.lane.${lane}`;

/** The lanes an event goes on: a bound pod's node's (a pod's spec.nodeName never changes once set), the agent lane, or none. */
export function lanesOf(summary: Pick<EventSummary, 'type' | 'kind' | 'nodeNames'>): string[] {
  if (isAuditEntry(summary.type)) return [];
  if (summary.kind === 'Pod') return summary.nodeNames.map(podLane);
  return agentLaneKinds.has(summary.kind) ? [agentLane] : [];
}

/** The lane an event of `kind` about a pod on `nodeName` is on, for a cache told of it some other way (a replay). */
export function laneOf(kind: string, nodeName: string | undefined): string | undefined {
  if (kind === 'Pod') return nodeName ? podLane(nodeName) : undefined;
  return agentLaneKinds.has(kind) ? agentLane : undefined;
}

/** The publisher's side: the last seq of each lane, and the lanes that had messages since the last beacon. */
export class LaneTally {
  private readonly last = new Map<string, number>();
  private readonly active = new Set<string>();
  /** No lane's event before the ones counted was later than this: the seq before the first change told of. */
  private floor?: number;

  /** Counts an event of `seq` on `lane`, in seq order; returns the seq of the lane's event before it, or a later seq that it is no later than. */
  next(lane: string, seq: number): number {
    this.floor ??= seq - 1;
    const previous = this.last.get(lane) ?? this.floor;
    this.last.set(lane, seq);
    this.active.add(lane);
    return previous;
  }

  /** The lanes that had messages since the last call (`all`: every lane it counted), with the last seq of each. */
  beacons(all = false): [string, number][] {
    const due = [...(all ? this.last.keys() : this.active)].map((lane): [string, number] => [lane, this.last.get(lane)!]);
    this.active.clear();
    return due;
  }

  /**
   * Forgets every lane, counting again from the change after `before`: what it counted may have gone on without it
   * (another api-server published meanwhile).
   */
  forget(before: number): void {
    this.last.clear();
    this.active.clear();
    this.floor = before;
  }
}
