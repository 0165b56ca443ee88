/**
 * SelectVictimsOnNode: the smallest set of lower-priority pods whose removal lets the
 * pod fit. Remove them all; if the pod still does not fit, the node is no help.
 * Otherwise add them back most important first, keeping out only those without
 * which it no longer fits.
 */
import type { PodContext } from '../filters/pod-context.js';
import { unresolvable, type Rejection } from '../filters/rejection.js';
import { runFilters } from '../filters/run-filters.js';
import { moreImportantFirst } from '../pod/priority.js';
import type { BoundPod } from '../snapshot/bound-pod.js';
import type { NodeInfo } from '../snapshot/node-info.js';

/** The victims (most important first), or why the node cannot be made to fit. */
export type VictimSelection = { victims: BoundPod[] } | { rejection: Rejection };

/** The reason DryRunPreemption records for a node without lower-priority pods. */
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

/** Picks victims on a copy of the node; the snapshot is not touched. */
export function selectVictims(ctx: PodContext, node: NodeInfo): VictimSelection {
  const trial = node.clone();
  const candidates = [...trial.pods.values()].filter((p) => p.priority < ctx.entry.priority);
  if (candidates.length === 0) return { rejection: unresolvable('DefaultPreemption', NO_VICTIMS) };
  for (const candidate of candidates) trial.removePod(candidate.uid);
  const stillRejected = runFilters(ctx, trial);
  if (stillRejected) return { rejection: stillRejected };
  const victims: BoundPod[] = [];
  for (const candidate of candidates.sort((a, b) => moreImportantFirst(a.pod, b.pod))) {
    trial.addPod(candidate);
    if (runFilters(ctx, trial)) {
      trial.removePod(candidate.uid);
      victims.push(candidate);
    }
  }
  return { victims };
}
