/**
 * PodTopologySpread (score): prefer nodes whose domains hold fewer matching pods.
 * Uses the pod's ScheduleAnyway constraints; a pod with no constraints at all that is
 * controlled by a ReplicaSet, ReplicationController or StatefulSet gets the system
 * defaults (maxSkew 3 per hostname, 5 per zone), counted by controller owner. The
 * zone default is left out while no node has a zone label: it would score every node alike.
 */
import type { PodContext } from '../filters/pod-context.js';
import { controllerOwner } from '../pod/controller-owner.js';
import { spreadConstraints } from '../pod/spread-constraints.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { ZONE_LABEL } from '../snapshot/cluster-snapshot.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import type { NodeCounts } from '../snapshot/selector-counts.js';
import { MAX_NODE_SCORE } from './normalize.js';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const spreadOwnerKinds = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** One soft constraint with a way to count matching pods on a node and in a domain. */
interface SoftConstraint {
  maxSkew: number;
  topologyKey: string;
  onNode: (node: NodeInfo) => number;
  /** Pods in the domain; undefined means "sum onNode over the domain's nodes". */
  inDomain?: (domain: string) => number;
}

interface SoftSpread {
  constraints: SoftConstraint[];
  /** Explicit constraints ignore nodes without every key; system defaults do not. */
  requireAllTopologies: boolean;
}

const noPods: NodeCounts = new Map();

function softSpread(snapshot: ClusterSnapshot, ctx: PodContext): SoftSpread | undefined {
  const pod = ctx.pod;
  if ((pod.spec?.topologySpreadConstraints ?? []).length > 0) {
    const namespace = ctx.entry.namespace;
    const constraints = spreadConstraints(pod, 'ScheduleAnyway').map((c): SoftConstraint => {
      const counts = c.requirements ? snapshot.matchingPodCounts(namespace, c.requirements) : noPods;
      return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, onNode: (node) => counts.get(node.name) ?? 0 };
    });
    return constraints.length > 0 ? { constraints, requireAllTopologies: true } : undefined;
  }
  const owner = controllerOwner(pod);
  if (!owner || !spreadOwnerKinds.has(owner.kind)) return undefined;
  const perNode = snapshot.ownerPodsPerNode(owner.uid);
  const onNode = (node: NodeInfo) => perNode.get(node) ?? 0;
  const constraints: SoftConstraint[] = [{ maxSkew: 3, topologyKey: HOSTNAME_LABEL, onNode }];
  if (snapshot.hasZones()) constraints.push({ maxSkew: 5, topologyKey: ZONE_LABEL, onNode, inDomain: (zone) => snapshot.ownerPodsInZone(zone, owner.uid) });
  return { constraints, requireAllTopologies: false };
}

function hasAllKeys(node: NodeInfo, constraints: readonly SoftConstraint[]): boolean {
  return constraints.every((c) => c.topologyKey in node.labels);
}

/** Matching pods per domain of a non-hostname constraint, over every node that counts. */
function domainCounts(snapshot: ClusterSnapshot, ctx: PodContext, spread: SoftSpread, c: SoftConstraint, domains: Set<string>): Map<string, number> {
  const counts = new Map<string, number>();
  if (c.inDomain) {
    for (const domain of domains) counts.set(domain, c.inDomain(domain));
    return counts;
  }
  for (const node of snapshot.nodes()) {
    if (spread.requireAllTopologies && !hasAllKeys(node, spread.constraints)) continue;
    if (!ctx.nodeMatches(node)) continue;
    const domain = node.labels[c.topologyKey] ?? '';
    if (domains.has(domain)) counts.set(domain, (counts.get(domain) ?? 0) + c.onNode(node));
  }
  return counts;
}

function normalizeReverse(raw: number[], ignored: boolean[]): number[] {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < raw.length; i++) {
    if (ignored[i]) continue;
    min = Math.min(min, raw[i]);
    max = Math.max(max, raw[i]);
  }
  for (let i = 0; i < raw.length; i++) {
    if (ignored[i]) raw[i] = 0;
    else raw[i] = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - raw[i])) / max);
  }
  return raw;
}

/** scoreForCount for every node, with each constraint's normalising weight log(domains + 2). */
function rawScores(snapshot: ClusterSnapshot, ctx: PodContext, spread: SoftSpread, nodes: readonly NodeInfo[], ignored: boolean[]): number[] {
  let scoredCount = 0;
  for (const skip of ignored) if (!skip) scoredCount++;
  const perConstraint = spread.constraints.map((c) => {
    if (c.topologyKey === HOSTNAME_LABEL) return { c, weight: Math.log(scoredCount + 2), counts: undefined };
    const domains = new Set<string>();
    for (let i = 0; i < nodes.length; i++) if (!ignored[i]) domains.add(nodes[i].labels[c.topologyKey] ?? '');
    return { c, weight: Math.log(domains.size + 2), counts: domainCounts(snapshot, ctx, spread, c, domains) };
  });
  const raw = new Array<number>(nodes.length).fill(0);
  for (let i = 0; i < nodes.length; i++) {
    if (ignored[i]) continue;
    const node = nodes[i];
    let score = 0;
    for (const { c, weight, counts } of perConstraint) {
      const domain = node.labels[c.topologyKey];
      if (domain === undefined) continue;
      const count = counts ? (counts.get(domain) ?? 0) : c.onNode(node);
      score += count * weight + (c.maxSkew - 1);
    }
    raw[i] = Math.round(score);
  }
  return raw;
}

/** 0..100 per node, or undefined (plugin skipped) when there is nothing to spread. */
export function topologySpreadScores(snapshot: ClusterSnapshot, ctx: PodContext, nodes: readonly NodeInfo[]): number[] | undefined {
  const spread = softSpread(snapshot, ctx);
  if (!spread) return undefined;
  const ignored = nodes.map((node) => spread.requireAllTopologies && !hasAllKeys(node, spread.constraints));
  return normalizeReverse(rawScores(snapshot, ctx, spread, nodes, ignored), ignored);
}
