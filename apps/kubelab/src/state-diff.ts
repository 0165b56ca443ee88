/**
 * What `kubelab verify` reports: the objects the log's replay and the live API
 * disagree about, each with the fields that differ. Pure: two lists in, lines out.
 */
import type { KubeObject } from '@kubelab/api';

const keyOf = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

/** Paths (up to two levels: status.phase, metadata.labels) where the two values differ. */
export function differingPaths(a: unknown, b: unknown, prefix = '', depth = 2): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (depth === 0 || !isObject(a) || !isObject(b)) return [prefix || '(the whole object)'];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => differingPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k, depth - 1));
}

/** One line per object that is only in one of the states or differs between them. */
export function stateDifferences(replayed: readonly KubeObject[], live: readonly KubeObject[]): string[] {
  const fromLog = new Map(replayed.map((o) => [keyOf(o), o]));
  const fromApi = new Map(live.map((o) => [keyOf(o), o]));
  const lines: string[] = [];
  for (const [key, o] of fromLog) {
    const other = fromApi.get(key);
    if (!other) lines.push(`only in the log: ${key} (resourceVersion ${o.metadata.resourceVersion})`);
    else if (JSON.stringify(o) !== JSON.stringify(other)) lines.push(`differs: ${key}: ${differingPaths(o, other).join(', ')}`);
  }
  for (const [key, o] of fromApi) if (!fromLog.has(key)) lines.push(`only live: ${key} (resourceVersion ${o.metadata.resourceVersion})`);
  return lines;
}
