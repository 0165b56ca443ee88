/**
 * pickOneNodeForPreemption: among nodes where preemption works, the one whose most
 * important victim is least important, then the smallest sum of victim priorities,
 * then the fewest victims, then the latest-started most important victims, then the first.
 */
import { startTimeOf } from '../pod/priority.js';
import type { BoundPod } from '../snapshot/bound-pod.js';

/** A node and its victims (most important first). */
export interface PreemptionCandidate {
  nodeName: string;
  victims: BoundPod[];
}

const INT32_OFFSET = 2 ** 31;

function earliestStartOfTopVictims(victims: readonly BoundPod[]): number {
  const top = victims[0].priority;
  return Math.min(...victims.filter((v) => v.priority === top).map((v) => startTimeOf(v.pod)));
}

const criteria: ((c: PreemptionCandidate) => number)[] = [
  (c) => -c.victims[0].priority,
  (c) => -c.victims.reduce((sum, v) => sum + v.priority + INT32_OFFSET, 0),
  (c) => -c.victims.length,
  (c) => earliestStartOfTopVictims(c.victims),
];

/** The best candidate (candidates must not be empty). */
export function pickNodeForPreemption(candidates: readonly PreemptionCandidate[]): PreemptionCandidate {
  let remaining = [...candidates];
  for (const score of criteria) {
    const best = Math.max(...remaining.map(score));
    remaining = remaining.filter((c) => score(c) === best);
    if (remaining.length === 1) break;
  }
  return remaining[0];
}
