/**
 * DefaultPreemption's PostFilter: when a pod fits nowhere, find a node where evicting
 * lower-priority pods makes room, and the victims to evict. When there is none, say
 * why in kube-scheduler's words (the "preemption: …" part of FailedScheduling).
 */
import type { Pod } from '@kubelab/api';
import { podContext, type PodContext } from '../filters/pod-context.js';
import type { Rejection } from '../filters/rejection.js';
import { runFilters } from '../filters/run-filters.js';
import { fitErrorMessage } from '../schedule/fit-error.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { pickNodeForPreemption, type PreemptionCandidate } from './pick-node.js';
import { selectVictims } from './select-victims.js';

/** Where to make room and whom to evict, or the sentence to append to the FitError. */
export type PreemptionOutcome = { nodeName: string; victims: Pod[] } | { none: string };

/** Options for the search. */
export interface PreemptionOptions {
  /** Uniform in [0, 1): where the dry run starts among the candidate nodes (default: the first). */
  random?: () => number;
}

const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** The FitError separator adds the final period, so every `none` ends with one more. */
function none(message: string): { none: string } {
  return { none: `preemption: ${message}.` };
}

function isTerminating(pod: Pod): boolean {
  return Boolean(pod.metadata.deletionTimestamp);
}

/** PodEligibleToPreemptOthers: the reason the pod may not preempt, if any. */
function ineligibility(snapshot: ClusterSnapshot, ctx: PodContext): string | undefined {
  if (ctx.pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = ctx.pod.status?.nominatedNodeName;
  const node = nominated ? snapshot.nodeInfo(nominated) : undefined;
  if (!node) return undefined;
  const rejection = ctx.preFilterRejection ?? runFilters(ctx, node);
  if (rejection && !rejection.resolvable) return undefined;
  for (const entry of node.pods.values()) {
    if (entry.priority < ctx.entry.priority && isTerminating(entry.pod)) return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

/** GetOffsetAndNumCandidates: how many candidates the dry run looks for. */
function candidatesWanted(potentialNodes: number): number {
  const byShare = Math.trunc((potentialNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  return Math.min(potentialNodes, Math.max(byShare, MIN_CANDIDATE_NODES_ABSOLUTE));
}

/** Finds the node to preempt on and its victims for a pod that did not fit anywhere. */
export function findPreemption(snapshot: ClusterSnapshot, pod: Pod, options: PreemptionOptions = {}): PreemptionOutcome {
  const ctx = podContext(snapshot, pod);
  const notEligible = ineligibility(snapshot, ctx);
  if (notEligible) return none(notEligible);
  const nodes = snapshot.nodes();
  if (nodes.length === 0) return none('no nodes available');
  // A PreFilter refusal stands for every node, UnschedulableAndUnresolvable: no node is worth trying.
  const potential = ctx.preFilterRejection ? [] : nodes.filter((node) => runFilters(ctx, node)?.resolvable === true);
  const statuses = new Map<string, Rejection>();
  const candidates: PreemptionCandidate[] = [];
  const wanted = candidatesWanted(potential.length);
  const offset = potential.length > 0 && options.random ? Math.floor(options.random() * potential.length) : 0;
  for (let i = 0; i < potential.length && candidates.length < wanted; i++) {
    const node = potential[(offset + i) % potential.length];
    const selection = selectVictims(ctx, node);
    if ('victims' in selection && selection.victims.length > 0) candidates.push({ nodeName: node.name, victims: selection.victims });
    else if ('rejection' in selection) statuses.set(node.name, selection.rejection);
  }
  if (candidates.length === 0) return none(fitErrorMessage(nodes.length, [...statuses.values()].map((r) => r.reasons), NOT_HELPFUL));
  const best = pickNodeForPreemption(candidates);
  return { nodeName: best.nodeName, victims: best.victims.map((v) => v.pod) };
}

/** The FailedScheduling message: the FitError followed by what preemption found, when it found no room. */
export function preemptionMessage(fitMessage: string, outcome: PreemptionOutcome): string {
  return 'none' in outcome ? `${fitMessage} ${outcome.none}` : fitMessage;
}
