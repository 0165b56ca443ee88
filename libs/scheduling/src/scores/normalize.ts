/** helper.DefaultNormalizeScore: scale raw scores to 0..100 by the maximum, optionally reversed. */

/** The highest score a plugin can give a node (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/** Scales in place so the best raw score becomes 100 (or 0 when `reverse`). */
export function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? MAX_NODE_SCORE : scores[i];
    else {
      const scaled = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
      scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
    }
  }
  return scores;
}
