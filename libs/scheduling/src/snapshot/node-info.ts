/**
 * One node and the pods counted on it, with the aggregates kept up to date on every
 * add and remove (framework.NodeInfo): requested and non-zero requested resources,
 * host ports in use, pods per controller owner and the claims the pods use. Filters and
 * scores read these in O(1) instead of walking the node's pods.
 */
import type { Node } from '@kubelab/api';
import type { Taint } from '../node/tolerations.js';
import { ANY_HOST_IP, type HostPort } from '../pod/host-ports.js';
import { milliCpuOf, wholeOf } from '../resources/quantity.js';
import type { Resources } from '../resources/resources.js';
import type { BoundPod } from './bound-pod.js';

/** The node's allocatable resources, pods included. */
export interface Allocatable extends Resources {
  pods: number;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

function readyStatus(node: Node): string | undefined {
  return (node.status?.conditions ?? []).find((c) => c?.type === 'Ready')?.status;
}

/** A node as the scheduler sees it: the object, digested facts and the pods counted on it. */
export class NodeInfo {
  node!: Node;
  labels: Readonly<Record<string, string>> = {};
  taints: readonly Taint[] = [];
  unschedulable = false;
  ready = false;
  allocatable: Allocatable = { milliCpu: 0, memory: 0, pods: 0 };
  readonly requested: Resources = { milliCpu: 0, memory: 0 };
  readonly nonZeroRequested: Resources = { milliCpu: 0, memory: 0 };
  readonly pods = new Map<string, BoundPod>();
  /** Pods per controller owner uid, for default spreading and duplicates. */
  readonly ownerCounts = new Map<string, number>();
  /** The pods here with any inter-pod affinity or anti-affinity (their terms bind other pods). */
  readonly podsWithAffinity = new Map<string, BoundPod>();
  /** How many volumes of the pods here use each claim, by "namespace/claim" (PVCRefCounts). */
  readonly claimRefs = new Map<string, number>();
  private readonly portsExact = new Map<string, number>();
  private readonly portsAnyIp = new Map<string, number>();

  /** `simulated` marks a what-if copy whose pods differ from the snapshot's indexes. */
  constructor(readonly name: string, node: Node, readonly simulated = false) {
    this.setNode(node);
  }

  /** Replaces the node object and re-reads its labels, taints, schedulability, readiness and allocatable. */
  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    this.ready = readyStatus(node) === 'True';
    const allocatable = node.status?.allocatable ?? {};
    this.allocatable = { milliCpu: milliCpuOf(allocatable.cpu), memory: wholeOf(allocatable.memory), pods: wholeOf(allocatable.pods) };
  }

  /** Counts a pod on this node. */
  addPod(entry: BoundPod): void {
    this.pods.set(entry.uid, entry);
    this.account(entry, 1);
  }

  /** Stops counting a pod on this node; true when it was counted. */
  removePod(uid: string): BoundPod | undefined {
    const entry = this.pods.get(uid);
    if (!entry) return undefined;
    this.pods.delete(uid);
    this.account(entry, -1);
    return entry;
  }

  /** True when a pod wanting this host port would collide with one already here (HostPortInfo.CheckConflict). */
  portInUse(wanted: HostPort): boolean {
    if (wanted.ip === ANY_HOST_IP) return this.portsAnyIp.has(`${wanted.protocol}/${wanted.port}`);
    return this.portsExact.has(`${wanted.protocol}/${ANY_HOST_IP}/${wanted.port}`) || this.portsExact.has(`${wanted.protocol}/${wanted.ip}/${wanted.port}`);
  }

  /** A private copy for what-if questions (preemption), sharing the node object and pod entries. */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.name, this.node, true);
    for (const entry of this.pods.values()) copy.addPod(entry);
    return copy;
  }

  private account(entry: BoundPod, sign: 1 | -1): void {
    if (entry.affinity) {
      if (sign > 0) this.podsWithAffinity.set(entry.uid, entry);
      else this.podsWithAffinity.delete(entry.uid);
    }
    this.requested.milliCpu += sign * entry.requests.milliCpu;
    this.requested.memory += sign * entry.requests.memory;
    this.nonZeroRequested.milliCpu += sign * entry.nonZeroRequests.milliCpu;
    this.nonZeroRequested.memory += sign * entry.nonZeroRequests.memory;
    if (entry.ownerUid) bump(this.ownerCounts, entry.ownerUid, sign);
    for (const claim of entry.claims) bump(this.claimRefs, claim, sign);
    for (const p of entry.hostPorts) {
      bump(this.portsExact, `${p.protocol}/${p.ip}/${p.port}`, sign);
      bump(this.portsAnyIp, `${p.protocol}/${p.port}`, sign);
    }
  }
}
