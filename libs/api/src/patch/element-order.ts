/**
 * The order of a list after a strategic merge. Kubernetes keeps the order the patch
 * (or its `$setElementOrder` directive) asks for and slots the elements only the
 * server knows about back in near where they were, so `kubectl apply` does not
 * shuffle, say, a sidecar container another client added.
 */

/**
 * Orders `merged`: the elements named in `patchOrder` follow that order; the others
 * keep their relative order from `serverOrder`, each placed before the first patch
 * element that came after it on the server. `identity` gives the merge key value
 * (or the value itself for primitive lists).
 */
export function orderMergedList(
  merged: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  identity: (item: unknown) => unknown,
): unknown[] {
  const positionIn = (list: readonly unknown[], item: unknown): number => {
    const id = identity(item);
    return id === undefined ? -1 : list.findIndex((candidate) => identity(candidate) === id);
  };
  const byPositionIn = (list: readonly unknown[]) => (a: unknown, b: unknown) =>
    rank(positionIn(list, a), list) - rank(positionIn(list, b), list);

  const fromPatch = merged.filter((item) => positionIn(patchOrder, item) >= 0).sort(byPositionIn(patchOrder));
  const serverOnly = merged.filter((item) => positionIn(patchOrder, item) < 0).sort(byPositionIn(serverOrder));
  const wasEarlierOnServer = (serverItem: unknown, patchItem: unknown): boolean => {
    const serverIndex = positionIn(serverOrder, serverItem);
    const patchIndex = positionIn(serverOrder, patchItem);
    return serverIndex >= 0 && patchIndex >= 0 && serverIndex < patchIndex;
  };
  return interleave(serverOnly, fromPatch, wasEarlierOnServer);
}

/** Items not found sort after all found ones (stable sort keeps their own order). */
function rank(position: number, list: readonly unknown[]): number {
  return position < 0 ? list.length : position;
}

/** Merges two ordered lists, taking from `left` only while `takeLeft` says it goes first. */
function interleave(
  left: readonly unknown[],
  right: readonly unknown[],
  takeLeft: (leftItem: unknown, rightItem: unknown) => boolean,
): unknown[] {
  const result: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length || (i < left.length && takeLeft(left[i], right[j]))) result.push(left[i++]);
    else result.push(right[j++]);
  }
  return result;
}
