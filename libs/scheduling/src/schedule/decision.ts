/** The outcome of one scheduling cycle, with a compact explanation fit for an event annotation. */
import type { PodVolumes } from '../volumes/find-pod-volumes.js';

/** Why the decision came out as it did: what was examined, what was rejected and the best scores. */
export interface DecisionExplanation {
  nodesEvaluated: number;
  feasibleNodes: number;
  /** Rejected nodes and their reasons (at most MAX_FILTERED_SHOWN nodes). */
  filtered: Record<string, string[]>;
  /** How many rejected nodes were left out of `filtered` to keep the explanation small. */
  filteredNotShown?: number;
  /** The best three nodes: weighted total and each plugin's 0..100 score. */
  topScores: { node: string; total: number; scores: Record<string, number> }[];
  /** The PreFilter plugin that refused every node before any was examined, and why. */
  preFilterRejection?: { plugin: string; reason: string };
}

/**
 * Bind the pod to a node (with, when it has claims to bind, the volumes planned there), or
 * leave it pending with kube-scheduler's FitError text.
 */
export type SchedulingDecision =
  | { type: 'Bind'; nodeName: string; explanation: DecisionExplanation; volumes?: PodVolumes }
  | { type: 'Unschedulable'; message: string; explanation: DecisionExplanation };

/** The most rejected nodes an explanation lists by name. */
export const MAX_FILTERED_SHOWN = 20;
