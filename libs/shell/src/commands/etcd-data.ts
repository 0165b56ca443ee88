/**
 * The lab's etcd files: a snapshot as `etcdctl snapshot save` writes it, and the database a data directory holds
 * (`member/snap/db`), which `etcdutl snapshot restore` makes from a snapshot and etcd reads as it starts. The event log
 * is the lab's store, so a snapshot is the log up to a revision (a seq) with what `snapshot status` prints of it, and a
 * restored data directory names the revision etcd brings the cluster back to when it starts on it. Both are text, so a
 * learner who reads one with `cat` sees what it is.
 */
import type { EtcdStatus } from '../process/process-host.js';

/** etcd's version, as kubeadm 1.32 runs it (registry.k8s.io/etcd:3.5.16-0). */
export const etcdVersion = '3.5.16';

const snapshotHeader = 'kubelab etcd snapshot v1';
const dataHeader = 'kubelab etcd data v1';

/** A snapshot as a file holds it. */
export interface EtcdSnapshotFile extends EtcdStatus {
  /** The storage version `snapshot status` prints. */
  readonly version: string;
}

function fields(text: string, header: string): Map<string, string> | undefined {
  const [first, ...lines] = text.split('\n');
  if (first !== header) return undefined;
  const found = new Map<string, string>();
  for (const line of lines) {
    const at = line.indexOf(': ');
    if (at > 0) found.set(line.slice(0, at), line.slice(at + 2));
  }
  return found;
}

const lines = (header: string, entries: Record<string, string | number>) => `${[header, ...Object.entries(entries).map(([k, v]) => `${k}: ${v}`)].join('\n')}\n`;

export function snapshotFileText(s: EtcdSnapshotFile): string {
  return lines(snapshotHeader, { revision: s.revision, hash: s.hash, 'total-keys': s.totalKeys, 'total-size': s.totalSize, version: s.version });
}

/** The snapshot a file holds; undefined for any other file (etcd calls it an invalid database). */
export function parseSnapshotFile(text: string): EtcdSnapshotFile | undefined {
  const f = fields(text, snapshotHeader);
  const revision = Number(f?.get('revision'));
  const totalKeys = Number(f?.get('total-keys'));
  const totalSize = Number(f?.get('total-size'));
  const hash = f?.get('hash') ?? '';
  if (!f || !Number.isInteger(revision) || revision < 0 || !/^[0-9a-f]{1,8}$/.test(hash) || !Number.isInteger(totalKeys) || !Number.isInteger(totalSize)) return undefined;
  return { revision, hash, totalKeys, totalSize, version: f.get('version') ?? etcdVersion };
}

/**
 * What a data directory's database holds: a snapshot restored into it that etcd has not started on yet (`restoreId`
 * names this restore, so it is carried out once), or the live store etcd keeps there.
 */
export type EtcdDatabase =
  | { readonly state: 'restored'; readonly restoreId: string; readonly revision: number; readonly snapshot: string; readonly hash: string }
  | { readonly state: 'live' };

/** Where etcd keeps its database in a data directory. */
export const databasePath = (dataDir: string) => `${dataDir.replace(/\/+$/, '')}/member/snap/db`;

export function databaseText(db: EtcdDatabase): string {
  return db.state === 'live' ? lines(dataHeader, { state: 'live' }) : lines(dataHeader, { state: 'restored', 'restore-id': db.restoreId, revision: db.revision, snapshot: db.snapshot, hash: db.hash });
}

/** The database a file holds; undefined when it is not one. */
export function parseDatabase(text: string): EtcdDatabase | undefined {
  const f = fields(text, dataHeader);
  if (f?.get('state') === 'live') return { state: 'live' };
  const revision = Number(f?.get('revision'));
  const restoreId = f?.get('restore-id');
  if (f?.get('state') !== 'restored' || !restoreId || !Number.isInteger(revision)) return undefined;
  return { state: 'restored', restoreId, revision, snapshot: f.get('snapshot') ?? '', hash: f.get('hash') ?? '' };
}

/** go-humanize's Bytes, as etcd prints sizes: SI units, one decimal below 10 (`5.7 MB`, `16 MB`, `823 B`). */
export function humanBytes(bytes: number): string {
  if (bytes < 10) return `${bytes} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1000)), units.length - 1);
  const value = Math.floor((bytes / 1000 ** exponent) * 10 + 0.5) / 10;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[exponent]}`;
}

/** A table as etcdctl draws one (olekukonko/tablewriter): headers centred, cells aligned right. */
export function etcdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const centred = (text: string, width: number) => {
    const left = Math.floor((width - text.length) / 2);
    return `${' '.repeat(left)}${text}${' '.repeat(width - text.length - left)}`;
  };
  const line = (cells: readonly string[], pad: (text: string, width: number) => string) => `|${cells.map((c, i) => ` ${pad(c, widths[i])} `).join('|')}|\n`;
  return `${rule}${line(header, centred)}${rule}${rows.map((r) => line(r, (text, width) => text.padStart(width))).join('')}${rule}`;
}
