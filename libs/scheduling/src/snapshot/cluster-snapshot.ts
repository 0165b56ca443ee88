/**
 * The scheduler's in-memory picture of the cluster (kube-scheduler's cache and
 * snapshot in one): nodes, the pods counted on each, and indexes kept current on
 * every change so one decision costs O(nodes examined), never O(all pods); and the
 * claims, volumes and storage classes volume binding reads.
 */
import type { LabelRequirement, Node, Pod } from '@kubelab/api';
import { VolumeSnapshot } from '../volumes/volume-snapshot.js';
import { boundPod, podKey, podOnNode, type BoundPod } from './bound-pod.js';
import { NodeInfo } from './node-info.js';
import { SelectorCounts, type NodeCounts } from './selector-counts.js';

/** The well-known zone label default spreading uses. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

interface Placement {
  node: string;
  entry: BoundPod;
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

const noOwnerPods: ReadonlyMap<NodeInfo, number> = new Map();

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** Nodes and the pods bound (or assumed bound) to them, with incremental aggregates. */
export class ClusterSnapshot {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly list: NodeInfo[] = [];
  private readonly positions = new Map<string, number>();
  /** Pods whose node is not (or no longer) known; adopted when the node appears. */
  private readonly orphans = new Map<string, Map<string, BoundPod>>();
  private readonly placements = new Map<string, Placement>();
  private readonly selectorCounts = new SelectorCounts();
  private readonly zoneOwnerCounts = new Map<string, Map<string, number>>();
  private zonedNodes = 0;
  /** Per controller owner, its pods on each node: default spreading reads one map per decision. */
  private readonly ownerNodes = new Map<string, Map<NodeInfo, number>>();
  /** Where the next decision starts examining nodes, so successive pods spread the work (nextStartNodeIndex). */
  nextStartNodeIndex = 0;
  /** Claims, volumes and storage classes, with the assumptions of pods being bound. */
  readonly volumes = new VolumeSnapshot();

  /** Adds a node or replaces its object, keeping the pods already counted on it. */
  upsertNode(node: Node): void {
    const name = node.metadata.name!;
    const known = this.infos.get(name);
    if (known) {
      const zoneBefore = known.labels[ZONE_LABEL];
      if (zoneBefore !== (node.metadata.labels ?? {})[ZONE_LABEL]) this.accountZone(known, -1);
      known.setNode(node);
      if (zoneBefore !== known.labels[ZONE_LABEL]) this.accountZone(known, 1);
      return;
    }
    const info = new NodeInfo(name, node);
    this.infos.set(name, info);
    this.positions.set(name, this.list.length);
    this.list.push(info);
    for (const entry of this.orphans.get(name)?.values() ?? []) info.addPod(entry);
    this.orphans.delete(name);
    this.accountZone(info, 1);
    this.accountOwners(info, 1);
  }

  /** Forgets a node; its pods stay counted (as orphans) until they are removed or it returns. */
  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    this.accountZone(info, -1);
    this.accountOwners(info, -1);
    if (info.pods.size > 0) this.orphans.set(name, new Map(info.pods));
    this.infos.delete(name);
    const position = this.positions.get(name)!;
    const last = this.list.pop()!;
    if (last !== info) {
      this.list[position] = last;
      this.positions.set(last.name, position);
    }
    this.positions.delete(name);
  }

  /** Accounts a pod by its spec.nodeName: moves, updates or (when finished or unbound) removes it. */
  upsertPod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    this.removePod(pod);
    if (!nodeName || isTerminal(pod)) return;
    this.place(nodeName, boundPod(pod));
  }

  /** Stops counting the pod wherever it is counted. */
  removePod(pod: Pod): void {
    const uid = podKey(pod);
    const placement = this.placements.get(uid);
    if (!placement) return;
    this.placements.delete(uid);
    this.selectorCounts.update(placement.node, placement.entry, -1);
    const info = this.infos.get(placement.node);
    if (info) {
      info.removePod(uid);
      if (placement.entry.ownerUid) this.accountOwner(info, placement.entry.ownerUid, -1);
      return;
    }
    const orphans = this.orphans.get(placement.node);
    orphans?.delete(uid);
    if (orphans?.size === 0) this.orphans.delete(placement.node);
  }

  /** Counts the pod on `nodeName` before the api-server confirms the binding; a later upsertPod replaces it. */
  assume(pod: Pod, nodeName: string): void {
    this.upsertPod(podOnNode(pod, nodeName));
  }

  /** Every known node, in a stable order. */
  nodes(): readonly NodeInfo[] {
    return this.list;
  }

  /** One node by name. */
  nodeInfo(name: string): NodeInfo | undefined {
    return this.infos.get(name);
  }

  /** How many nodes there are. */
  nodeCount(): number {
    return this.list.length;
  }

  /** Per-node counts of non-terminating pods in `namespace` matching the selector (maintained incrementally). */
  matchingPodCounts(namespace: string, requirements: readonly LabelRequirement[]): NodeCounts {
    return this.selectorCounts.countsFor(namespace, requirements, () => this.allPlacements());
  }

  /** Pods of one controller owner on nodes in a zone. */
  ownerPodsInZone(zone: string, ownerUid: string): number {
    return this.zoneOwnerCounts.get(zone)?.get(ownerUid) ?? 0;
  }

  /** Pods of one controller owner per node (nodes without any are absent). */
  ownerPodsPerNode(ownerUid: string): ReadonlyMap<NodeInfo, number> {
    return this.ownerNodes.get(ownerUid) ?? noOwnerPods;
  }

  /** True when some node carries the zone label (otherwise zone spreading has nothing to say). */
  hasZones(): boolean {
    return this.zonedNodes > 0;
  }

  private *allPlacements(): Iterable<[string, BoundPod]> {
    for (const { node, entry } of this.placements.values()) yield [node, entry];
  }

  private place(nodeName: string, entry: BoundPod): void {
    this.placements.set(entry.uid, { node: nodeName, entry });
    this.selectorCounts.update(nodeName, entry, 1);
    const info = this.infos.get(nodeName);
    if (info) {
      info.addPod(entry);
      if (entry.ownerUid) this.accountOwner(info, entry.ownerUid, 1);
      return;
    }
    const orphans = this.orphans.get(nodeName) ?? new Map<string, BoundPod>();
    orphans.set(entry.uid, entry);
    this.orphans.set(nodeName, orphans);
  }

  private accountZone(info: NodeInfo, sign: 1 | -1): void {
    if (info.labels[ZONE_LABEL] === undefined) return;
    this.zonedNodes += sign;
    for (const [owner, count] of info.ownerCounts) this.accountZoneOwner(info, owner, sign * count);
  }

  private accountOwners(info: NodeInfo, sign: 1 | -1): void {
    for (const [owner, count] of info.ownerCounts) this.accountOwnerNode(info, owner, sign * count);
  }

  private accountOwner(info: NodeInfo, ownerUid: string, by: number): void {
    this.accountOwnerNode(info, ownerUid, by);
    this.accountZoneOwner(info, ownerUid, by);
  }

  private accountOwnerNode(info: NodeInfo, ownerUid: string, by: number): void {
    const nodes = this.ownerNodes.get(ownerUid) ?? new Map<NodeInfo, number>();
    const next = (nodes.get(info) ?? 0) + by;
    if (next === 0) nodes.delete(info);
    else nodes.set(info, next);
    if (nodes.size === 0) this.ownerNodes.delete(ownerUid);
    else this.ownerNodes.set(ownerUid, nodes);
  }

  private accountZoneOwner(info: NodeInfo, ownerUid: string, by: number): void {
    const zone = info.labels[ZONE_LABEL];
    if (zone === undefined) return;
    const owners = this.zoneOwnerCounts.get(zone) ?? new Map<string, number>();
    bump(owners, ownerUid, by);
    if (owners.size === 0) this.zoneOwnerCounts.delete(zone);
    else this.zoneOwnerCounts.set(zone, owners);
  }
}
