/** controller.slowStartBatch's batch sizes, so the shell creates pods as Kubernetes does. */

/**
 * Sizes of the creation batches for `count` objects: 1, 2, 4, … doubling, the last one
 * cut to what is left; a failing batch stops the rest, so a broken template costs one call.
 */
export function slowStartBatches(count: number): number[] {
  const batches: number[] = [];
  let left = count;
  for (let size = 1; left > 0; size *= 2) {
    const batch = Math.min(size, left);
    batches.push(batch);
    left -= batch;
  }
  return batches;
}
