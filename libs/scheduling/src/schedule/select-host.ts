/**
 * selectHost: the highest total wins; ties are broken by reservoir sampling so every
 * tied node is equally likely, with the randomness supplied by the caller.
 */

/** Index of the chosen entry among `totals` (which must not be empty). */
export function selectHost(totals: readonly number[], random: () => number): number {
  let selected = 0;
  let tied = 1;
  for (let i = 1; i < totals.length; i++) {
    if (totals[i] > totals[selected]) {
      selected = i;
      tied = 1;
    } else if (totals[i] === totals[selected]) {
      tied++;
      if (Math.floor(random() * tied) === 0) selected = i;
    }
  }
  return selected;
}
