/**
 * etcd starting on its data directory (its command line's --data-dir, as the container's mounts lay it out): on a
 * directory `etcdutl snapshot restore` made, it brings the cluster back to the snapshot's revision (the api-server
 * appends the restore, once per restore, whatever restarts follow) and keeps the directory as its live store from then
 * on; on an empty one it makes its store there; a database it cannot read stops it, in etcd's words, and the kubelet
 * starts it again after its back-off. The lab's store is the event log: an empty directory does not empty the cluster.
 */
import type { EtcdRequest, EtcdRestoreReply } from '@kubelab/bus';
import { databasePath, databaseText, decodeUtf8, encodeUtf8, parseDatabase, resolvePath, type MemoryFs } from '@kubelab/shell';

/** Asks the api-server to carry out a restore (ApiClient.etcd). */
export type RestoreEtcd = (request: Extract<EtcdRequest, { op: 'restore' }>) => Promise<EtcdRestoreReply>;

/** The data directory an etcd command line names (`--data-dir`, else etcd's default `${name}.etcd`); undefined when it does not run etcd. */
export function etcdDataDir(argv: readonly string[]): string | undefined {
  if (argv[0]?.slice(argv[0].lastIndexOf('/') + 1) !== 'etcd') return undefined;
  const flag = (name: string) => {
    for (let i = 1; i < argv.length; i++) {
      const m = new RegExp(`^--?${name}(?:=(.*))?$`).exec(argv[i]);
      if (m) return m[1] ?? argv[i + 1];
    }
    return undefined;
  };
  return flag('data-dir') ?? `${flag('name') ?? 'default'}.etcd`;
}

/** What etcd logs as it opens its data directory, and the exit code when it cannot go on. */
export interface EtcdDataStart {
  output: string;
  exitCode?: number;
}

const zap = (level: 'info' | 'fatal', caller: string, msg: string, fields: Record<string, unknown>, now: Date) =>
  `${JSON.stringify({ level, ts: now.toISOString().replace('Z', '000Z'), caller, msg, ...fields })}\n`;

/** Opens (or makes) etcd's store in `dataDir` of the container's file system, carrying out a restore it finds there. */
export async function openEtcdData(dataDir: string, fs: MemoryFs, workingDir: string, restore: RestoreEtcd, now: () => Date): Promise<EtcdDataStart> {
  const dbFile = resolvePath(encodeUtf8(databasePath(dataDir)), encodeUtf8(workingDir));
  const live = () => {
    fs.mkdir(resolvePath(encodeUtf8(`${dataDir}/member/snap`), encodeUtf8(workingDir)), { parents: true });
    fs.write(dbFile, encodeUtf8(databaseText({ state: 'live' })));
  };
  try {
    if (!fs.exists(dbFile)) {
      live();
      return { output: zap('info', 'etcdserver/server.go:525', 'starting local member', { 'data-dir': dataDir }, now()) };
    }
    const db = parseDatabase(decodeUtf8(fs.read(dbFile)));
    if (!db) {
      return { exitCode: 1, output: zap('fatal', 'etcdmain/etcd.go:204', 'discovery failed', { error: `failed to open backend database ${databasePath(dataDir)}: invalid database` }, now()) };
    }
    if (db.state === 'live') return { output: zap('info', 'etcdserver/server.go:525', 'recovered store from snapshot', { 'data-dir': dataDir }, now()) };
    const done = await restore({ op: 'restore', restoreId: db.restoreId, revision: db.revision, snapshot: db.snapshot, dataDir });
    live();
    const restored = done.restored ? { 'restored-revision': db.revision, 'changed-keys': done.changed } : {};
    return { output: zap('info', 'etcdserver/server.go:525', 'recovered store from snapshot', { 'data-dir': dataDir, snapshot: db.snapshot, ...restored }, now()) };
  } catch (e) {
    return { exitCode: 1, output: zap('fatal', 'etcdmain/etcd.go:204', 'discovery failed', { error: e instanceof Error ? e.message : String(e) }, now()) };
  }
}
