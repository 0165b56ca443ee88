/** NodeAffinity (score): the summed weights of the preferred terms a node matches, normalised. */
import type { PodContext } from '../filters/pod-context.js';
import { termMatcher } from '../node/node-selector.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { defaultNormalize } from './normalize.js';

/** 0..100 per node, or undefined (plugin skipped) when the pod prefers nothing. */
export function nodeAffinityScores(ctx: PodContext, nodes: readonly NodeInfo[]): number[] | undefined {
  const preferred = ctx.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (preferred.length === 0) return undefined;
  const terms = preferred.filter((t) => t.weight !== 0).map((t) => ({ weight: t.weight, matches: termMatcher(t.preference ?? {}) }));
  const raw = nodes.map((node) => terms.reduce((sum, t) => (t.matches(node) ? sum + t.weight : sum), 0));
  return defaultNormalize(raw, false);
}
