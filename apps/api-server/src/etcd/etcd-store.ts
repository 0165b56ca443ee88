/**
 * The store as etcd's tools see it, for the control-plane node's agent (etcdctl, and etcd starting on a restored data
 * directory): its keys are the objects under /registry as kube-apiserver lays them out, its revision the log's newest
 * seq, a snapshot the log up to a seq, and a restore the objects as the log held them at the snapshot's seq, appended
 * as one batch after an entry that says so (Committer.restore): history stays append-only, and `kubelab why` names it.
 */
import { crc32 } from 'node:zlib';
import { badRequest, etcdRestoredType, expired, servedTypes, storeKindOf } from '@kubelab/api';
import type { EtcdRequest, EtcdRestoreReply } from '@kubelab/bus';
import type { Projection } from '@kubelab/event-store';
import type { EtcdKeyValue, EtcdStatus } from '@kubelab/shell';
import type { Committer } from '../store/committer.js';
import type { ObjectStore } from '../store/object-store.js';

/** What the etcd view reads besides the projection: the log's fold up to a seq, its compaction horizon, and the restores it holds. */
export interface EtcdLog {
  replay(toSeq: number): Promise<{ projection: Projection; seq: number }>;
  horizon(): number;
  /** The restoreIds of the restores the log records (its EtcdSnapshotRestored entries about etcd's mirror pod `mirrorPod`). */
  restoresDone(mirrorPod: string): Promise<ReadonlySet<string>>;
}

/** What one answer over NATS may carry (a message holds 1 MiB by default), with room for the rest of the reply. */
const replyLimitBytes = 800 * 1024;

/** Where kube-apiserver 1.32 keeps the objects of a stored kind in etcd: /registry/PREFIX/[NAMESPACE/]NAME. */
function registryPrefix(kind: string): string {
  const type = servedTypes().find((t) => storeKindOf(t) === kind);
  const special: Record<string, string> = { Service: 'services/specs', Endpoints: 'services/endpoints', Node: 'minions', Ingress: 'ingress' };
  return `/registry/${special[kind] ?? (type?.custom || type?.group === 'apiregistration.k8s.io' ? `${type.group}/${type.plural}` : (type?.plural ?? `${kind.toLowerCase()}s`))}/`;
}

export class EtcdStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly committer: Committer,
    private readonly log: EtcdLog,
  ) {}

  /** Every key and its value now, in key order. */
  private keyValues(): { key: string; value: string }[] {
    const all: { key: string; value: string }[] = [];
    for (const kind of this.store.kinds()) {
      const prefix = registryPrefix(kind);
      for (const s of this.store.list(kind)) {
        const { namespace, name } = s.object.metadata;
        all.push({ key: `${prefix}${namespace ? `${namespace}/` : ''}${name ?? ''}`, value: s.json });
      }
    }
    return all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  status(): EtcdStatus {
    const all = this.keyValues();
    let hash = 0;
    let totalSize = 0;
    for (const { key, value } of all) {
      hash = crc32(value, crc32(key, hash));
      totalSize += key.length + value.length;
    }
    return { revision: this.committer.lastCommittedSeq, hash: hash.toString(16), totalKeys: all.length, totalSize };
  }

  /** The keys from `key` (with `prefix`, every key under it), with their values when asked; more than one reply carries is refused, saying how to ask. */
  range(key: string, prefix: boolean, values: boolean, limit: number): { revision: number; kvs: EtcdKeyValue[]; count: number } {
    const matching = this.keyValues().filter((kv) => (prefix ? kv.key.startsWith(key) : kv.key === key));
    const kvs: EtcdKeyValue[] = (limit > 0 ? matching.slice(0, limit) : matching).map((kv) => (values ? kv : { key: kv.key }));
    const bytes = kvs.reduce((sum, kv) => sum + kv.key.length + (kv.value?.length ?? 0), 0);
    if (bytes > replyLimitBytes) throw badRequest(`the ${kvs.length} keys from ${key} hold ${bytes} bytes, more than one answer of this lab's etcd carries: ask for --keys-only, or fewer with --limit`);
    return { revision: this.committer.lastCommittedSeq, kvs, count: matching.length };
  }

  /** Brings the store back to the snapshot's revision, once per restoreId, as asked by etcd's member `member` starting on `dataDir`. */
  async restore(r: Extract<EtcdRequest, { op: 'restore' }>, member: string): Promise<EtcdRestoreReply> {
    if ((await this.log.restoresDone(`etcd-${member}`)).has(r.restoreId)) return { restored: false };
    if (!Number.isInteger(r.revision) || r.revision < 0 || r.revision > this.committer.lastCommittedSeq) {
      throw badRequest(`the snapshot's revision ${r.revision} is not one this store has had (its newest is ${this.committer.lastCommittedSeq}): it was taken of another cluster`);
    }
    if (r.revision < this.log.horizon()) throw expired(`mvcc: required revision ${r.revision} has been compacted (the event log keeps a snapshot of seq ${this.log.horizon()} and what came after)`);
    const { projection } = await this.log.replay(r.revision);
    const header = {
      type: etcdRestoredType, kind: 'Pod', namespace: 'kube-system', name: `etcd-${member}`, uid: '', actor: 'etcd',
      data: { restoreId: r.restoreId, revision: r.revision, snapshot: r.snapshot, dataDir: r.dataDir, message: `etcd started on ${r.dataDir}, restored from the snapshot ${r.snapshot}: the cluster is as it was at revision ${r.revision}` },
    };
    const done = await this.committer.restore(header, projection);
    return { restored: true, ...done };
  }

  /** Answers the agent of `node`, where etcd's static pod runs. */
  async answer(request: EtcdRequest, node: string): Promise<unknown> {
    switch (request.op) {
      case 'status':
        return this.status();
      case 'range':
        return this.range(String(request.key), request.prefix === true, request.values === true, Number(request.limit) || 0);
      case 'restore':
        return this.restore(request, node);
      default:
        throw badRequest(`etcd does not answer ${JSON.stringify((request as { op?: unknown }).op)}`);
    }
  }
}
