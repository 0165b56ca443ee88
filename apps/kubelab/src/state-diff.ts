/**
 * What `kubelab verify` reports: the objects the log and the live API disagree about. Pure: the versions each side
 * holds in, lines and what is left to read out.
 */

/** A key naming an object across both sides: "Pod default/web-1", "Node node-1". */
export const objectKeyOf = (kind: string, namespace: string | undefined, name: string) => `${kind} ${namespace ? `${namespace}/` : ''}${name}`;

/** Paths (up to two levels: status.phase, metadata.labels) where the two values differ. */
export function differingPaths(a: unknown, b: unknown, prefix = '', depth = 2): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (depth === 0 || !isObject(a) || !isObject(b)) return [prefix || '(the whole object)'];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => differingPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k, depth - 1));
}

/** What verify keeps of an object on either side: the resourceVersion it stood at and a digest of its JSON. */
export interface Version {
  resourceVersion: string;
  digest: string;
}

/** An object whose live copy must be compared with the log's entry at `seq`, which `digest` was not shown to match. */
export interface ToRead {
  key: string;
  seq: number;
  /** The live copy's digest; absent when it is already known to differ from that entry. */
  digest?: string;
}

/**
 * Compares the live objects, listed page by page after the log's seq `since`, with the log folded to a later seq.
 * `changed` holds, for each object the log wrote after `since` (up to the fold), the digest of each version by seq.
 * - An object not written meanwhile is the same on both sides, or it is reported.
 * - A written one was listed at some moment between, so it must be one of the log's versions: the one at its
 *   resourceVersion. When that is after `since`, `changed` has it; before, its entry must be read (`toRead`, with the
 *   live digest). Missing from the lists, it was created after its page was read or deleted before: nothing to say.
 * Objects that differ are returned to read with the seq of the log's version, to say which fields differ.
 */
export function compareVersions(
  live: ReadonlyMap<string, Version>,
  replayed: ReadonlyMap<string, Version>,
  changed: ReadonlyMap<string, ReadonlyMap<number, string>>,
  since: number,
): { lines: string[]; toRead: ToRead[] } {
  const lines: string[] = [];
  const toRead: ToRead[] = [];
  for (const [key, v] of live) {
    const versions = changed.get(key);
    const rv = Number(v.resourceVersion);
    if (versions && rv <= since) toRead.push({ key, seq: rv, digest: v.digest });
    else if (versions && !versions.has(rv)) lines.push(`differs: ${key}: the log wrote no version ${rv} of it`);
    else if (versions) {
      if (versions.get(rv) !== v.digest) toRead.push({ key, seq: rv });
    } else {
      const r = replayed.get(key);
      if (!r) lines.push(`only live: ${key} (resourceVersion ${v.resourceVersion})`);
      else if (r.digest !== v.digest) toRead.push({ key, seq: Number(r.resourceVersion) });
    }
  }
  for (const [key, r] of replayed) if (!live.has(key) && !changed.has(key)) lines.push(`only in the log: ${key} (resourceVersion ${r.resourceVersion})`);
  return { lines, toRead };
}
