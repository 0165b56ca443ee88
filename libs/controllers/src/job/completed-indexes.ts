/**
 * status.completedIndexes of an Indexed Job: a compressed, ordered list of intervals
 * such as "0-2,4,6-7", the form Kubernetes writes and kubectl shows.
 */

/** The indexes listed in a completedIndexes string (malformed parts are ignored). */
export function parseIndexes(text: string | undefined): Set<number> {
  const indexes = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) continue;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let i = first; i <= last; i++) indexes.add(i);
  }
  return indexes;
}

/** The completedIndexes string for a set of indexes ("" when empty). */
export function formatIndexes(indexes: ReadonlySet<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const first = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(first === sorted[i] ? `${first}` : `${first}-${sorted[i]}`);
  }
  return parts.join(',');
}
