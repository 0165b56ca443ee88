/** TaintToleration (score): fewer untolerated PreferNoSchedule taints is better. */
import type { PodContext } from '../filters/pod-context.js';
import { tolerated } from '../node/tolerations.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { defaultNormalize } from './normalize.js';

/** 0..100 per node, reverse-normalised over the count of intolerable PreferNoSchedule taints. */
export function taintTolerationScores(ctx: PodContext, nodes: readonly NodeInfo[]): number[] {
  const tolerations = ctx.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  const raw = new Array<number>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    let intolerable = 0;
    for (const taint of nodes[i].taints) if (taint.effect === 'PreferNoSchedule' && !tolerated(tolerations, taint)) intolerable++;
    raw[i] = intolerable;
  }
  return defaultNormalize(raw, true);
}
