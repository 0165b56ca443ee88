/**
 * Turns commands into committed events. Commands wait in a queue; the writer takes
 * everything queued, decides it in order (JS is single-threaded, so each decision sees
 * every earlier one of the batch through the overlay), and appends the batch in one
 * transaction: a group commit. While it is in flight, new commands queue for the next.
 *
 * On a shared log (several api-servers on one PostgreSQL database) another api-server
 * may have appended since this one's newest seq: the append then refuses (LogMovedOn),
 * the writer reads what the others wrote, and decides the same commands again against
 * that state, as kube-apiserver retries a guaranteed update on a conflict.
 */
import { randomInt, randomUUID } from 'node:crypto';
import {
  decide, internalError, isAuditEntry, isDryRun, storeKindOf, unstoredObject, type ApiServerOptions, type Command, type Decision, type KubeObject, type LogEventMeta, type UserInfo, type WatchEventType,
} from '@kubelab/api';
import { LogMovedOn, objectKey, type EventRecord } from '@kubelab/event-store';
import type { Logger } from 'pino';
import { changeOf, type CommittedChange } from './committed-change.js';
import { storageFault } from './storage-fault.js';
import { committedProjection, projected, rowData, type ObjectStore } from './object-store.js';
import type { WatchHub } from './watch-hub.js';

/** A decided command's answer: status code, JSON body text, warnings. */
export interface CommandResult {
  code: number;
  body: string;
  warnings: string[];
}

/** What a queued command became when the writer decided it: numbered changes and the reply once they are durable. */
interface Decided {
  changes: CommittedChange[];
  reply: () => CommandResult;
}

interface Queued {
  /** Decides against the store as it is now and numbers the changes; undefined when it was answered already (refused, or nothing to write). */
  decide: () => Decided | undefined;
  resolve: (r: CommandResult) => void;
  reject: (e: unknown) => void;
  /** How many times another api-server's append got in first. */
  overtaken: number;
}

/** The event log as the committer uses it. */
export interface CommitLog {
  /**
   * Appends numbered records in one transaction. On a shared log it refuses with LogMovedOn when the log's newest
   * seq is not `after` (another api-server appended first).
   */
  append(records: EventRecord[], after: number): Promise<void>;
  /** Up to `limit` events after `seq`, in seq order: what other api-servers appended. */
  readAfter(seq: number, limit: number): Promise<EventRecord[]>;
  /** The log's newest seq as the database has it now. */
  head(): Promise<number>;
  /** More than one api-server may append: reads catch up with the log's head first. */
  shared: boolean;
  /** Names the log in the message of a storage fault: the SQLite file, or the database. */
  name: string;
}

/** How long a write waits for a lock held by another process before it is refused with 503. */
const lockPatienceMs = 2000;
const lockRetryMs = 50;
/** Times a command is decided again because other api-servers kept appending first, before it is refused. */
const overtakenLimit = 20;
/** Events read per query while catching up with other api-servers' appends. */
const catchUpPage = 2000;

const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = () => Array.from({ length: 5 }, () => suffixAlphabet[Math.floor(Math.random() * suffixAlphabet.length)]).join('');

/** An entry that changes no object (a refusal, a dropped connection, a session: see isAuditEntry): what it is about, what it records, and the entry it follows from. */
export interface AuditRecord extends Omit<LogEventMeta, 'seq' | 'time' | 'cause'> {
  data: Record<string, unknown>;
  cause?: number;
}

/** Where committed changes go after the hub: the NATS stream. */
export type ChangePublisher = (changes: readonly CommittedChange[]) => void;

export class Committer {
  private nextSeq: number;
  private committedSeq: number;
  /** The newest seq known to be in the log (another api-server's append announced it, or a read asked the database). */
  private knownHead: number;
  private queue: Queued[] = [];
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();
  private publishers: ChangePublisher[] = [];
  /** Reads waiting for this api-server to apply the log up to a seq. */
  private waiters: { seq: number; resolve: () => void }[] = [];
  /** The cause of the storage fault writes are failing on, logged once when it starts. */
  private fault?: { cause: string; refused: number };
  /** Whether reading other api-servers' appends failed last time (logged once per outage). */
  private catchUpFailing = false;

  constructor(
    private readonly log: CommitLog,
    private readonly store: ObjectStore,
    private readonly hub: WatchHub,
    private readonly options: ApiServerOptions,
    private readonly logger: Logger,
    lastSeq: number,
  ) {
    this.nextSeq = lastSeq + 1;
    this.committedSeq = lastSeq;
    this.knownHead = lastSeq;
  }

  /** The newest committed seq: the resourceVersion of a list. */
  get lastCommittedSeq(): number {
    return this.committedSeq;
  }

  addPublisher(publisher: ChangePublisher): void {
    this.publishers.push(publisher);
  }

  /**
   * Queues the command and resolves once its events are durable. A dry run is decided at once and answered: nothing is
   * numbered, staged, appended or published. `user` is who sent it, as admission (NodeRestriction, ValidatingAdmissionPolicy's
   * request.userInfo) sees them.
   */
  execute(command: Command, actor: string, cause: number | null = null, user?: UserInfo): Promise<CommandResult> {
    const decideNow = () => decide(command, this.store.decisionView, {
      actor, cause, now: new Date(), newUid: randomUUID, randomSuffix, randomInt: (below: number) => randomInt(below), options: this.options, user, dryRun: isDryRun(command),
    });
    if (isDryRun(command)) {
      try {
        const decision = decideNow();
        return Promise.resolve(answer(decision, decision.changes.map(unstored)));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return new Promise((resolve, reject) => {
      this.enqueue({
        resolve, reject, overtaken: 0,
        decide: () => {
          let decision: Decision;
          try {
            decision = decideNow();
          } catch (e) {
            reject(e);
            return undefined;
          }
          const now = new Date();
          const changes = decision.changes.map((c) => this.number(c, actor, cause, now));
          const reply = () => answer(decision, changes);
          if (changes.length > 0) return { changes, reply };
          resolve(reply());
          return undefined;
        },
      });
    });
  }

  /**
   * Appends an audit entry: numbered, written and published like every event (so the log stays
   * one gap-free order and `kubelab events -f` shows it live), but nothing is staged or stored.
   * Resolves with its seq once it is durable.
   */
  record(entry: AuditRecord): Promise<number> {
    const time = new Date().toISOString();
    return new Promise((resolve, reject) => {
      this.enqueue({
        resolve: (r) => resolve(Number(r.body)), reject, overtaken: 0,
        decide: () => {
          const change = this.numberAudit(entry, time);
          return { changes: [change], reply: () => ({ code: 201, body: String(change.seq), warnings: [] }) };
        },
      });
    });
  }

  /** Numbers an audit entry: nothing is staged, as it changes no object. */
  private numberAudit(entry: AuditRecord, time: string): CommittedChange {
    return {
      seq: this.nextSeq++, time, type: entry.type, watchType: 'MODIFIED', kind: entry.kind, namespace: entry.namespace, name: entry.name,
      uid: entry.uid, actor: entry.actor, cause: entry.cause ?? null, object: entry.data as KubeObject, json: JSON.stringify(entry.data),
    };
  }

  /**
   * Brings the store back to `target` (every object as a snapshot holds it, by objectKey), as etcd restored from a
   * snapshot does: one batch, headed by `header` (an audit entry, so the log stays append-only and says why), then a
   * change per object that differs, caused by the header: `KindRestored` for one the snapshot holds otherwise,
   * `KindCreated` for one it holds that is gone, `KindDeleted` for one made since. Watches and the NATS stream carry
   * each as any change, so every consumer's cache follows. Resolves with the header's seq and the objects changed.
   */
  restore(header: AuditRecord, target: ReadonlyMap<string, { kind: string; namespace: string; name: string; data: string }>): Promise<{ seq: number; changed: number }> {
    return new Promise((resolve, reject) => {
      this.enqueue({
        resolve: (r) => resolve(JSON.parse(r.body) as { seq: number; changed: number }), reject, overtaken: 0,
        decide: () => {
          const now = new Date();
          const changes = [this.numberAudit(header, now.toISOString())];
          const { seq } = changes[0];
          const wanted = new Map<string, KubeObject>();
          for (const [key, o] of target) wanted.set(key, JSON.parse(o.data) as KubeObject);
          type Planned = { kind: string; namespace: string; type: string; watchType: WatchEventType; object: KubeObject; previous?: KubeObject };
          const gone: Planned[] = [];
          const back: Planned[] = [];
          const kinds = new Set([...this.store.kinds(), ...[...target.values()].map((o) => o.kind)]);
          for (const kind of kinds) {
            for (const current of this.store.decisionView.list(kind)) {
              const namespace = current.metadata.namespace ?? '';
              const key = objectKey(kind, namespace, current.metadata.name ?? '');
              const restored = wanted.get(key);
              wanted.delete(key);
              if (!restored) gone.push({ kind, namespace, type: `${baseKind(kind)}Deleted`, watchType: 'DELETED', object: current, previous: current });
              else if (restored.metadata.resourceVersion !== current.metadata.resourceVersion) {
                back.push({ kind, namespace, type: `${baseKind(kind)}Restored`, watchType: 'MODIFIED', object: restored, previous: current });
              }
            }
          }
          for (const [key, restored] of wanted) {
            const { kind, namespace } = target.get(key)!;
            back.push({ kind, namespace, type: `${baseKind(kind)}Created`, watchType: 'ADDED', object: restored });
          }
          // Each controller sees a whole state at every step: owners go before what they own, and come back after it (a
          // ReplicaSet that reappears finds its pods there already, and makes none).
          gone.sort((a, b) => ownerRank(b.kind) - ownerRank(a.kind));
          back.sort((a, b) => ownerRank(a.kind) - ownerRank(b.kind));
          for (const p of [...gone, ...back]) changes.push(this.numberAs(p, p.object, p.previous, header.actor, seq, now));
          return { changes, reply: () => ({ code: 200, body: JSON.stringify({ seq, changed: changes.length - 1 }), warnings: [] }) };
        },
      });
    });
  }

  /**
   * Another api-server appended up to `seq` (its NOTIFY): this one applies it soon, so its reads and watches show it.
   * A negative seq means the announcements may have been missed: the log's head is asked.
   */
  noteHead(seq: number): void {
    if (seq < 0) {
      void this.caughtUp().catch(() => undefined);
      return;
    }
    if (seq <= this.knownHead) return;
    this.knownHead = seq;
    this.schedule();
  }

  /**
   * Resolves once this api-server has applied every event the log held when it was called: a read after it sees every
   * write acknowledged before it, whichever api-server took the write (kube-apiserver's consistent reads). At once on a
   * log of one api-server, and when the database does not answer: reads are then served from what this api-server has.
   */
  async caughtUp(): Promise<void> {
    if (!this.log.shared) return;
    const head = await this.log.head().catch(() => undefined);
    if (head === undefined || head <= this.committedSeq) return;
    await new Promise<void>((resolve) => {
      this.waiters.push({ seq: head, resolve });
      this.noteHead(head);
    });
  }

  private enqueue(q: Queued): void {
    this.queue.push(q);
    this.schedule();
  }

  private number(c: Decision['changes'][number], actor: string, cause: number | null, now: Date): CommittedChange {
    const namespace = c.resource.namespaced ? (c.object.metadata.namespace ?? '') : '';
    return this.numberAs({ kind: storeKindOf(c.resource), namespace, type: c.type, watchType: c.watchType }, c.object, c.previous, actor, cause, now);
  }

  /** Numbers a change of a stored object (its namespace '' when its kind has none) and stages it for the next decisions. */
  private numberAs(
    change: { kind: string; namespace: string; type: string; watchType: WatchEventType }, changed: KubeObject, previous: KubeObject | undefined, actor: string, cause: number | null, now: Date,
  ): CommittedChange {
    const { kind, namespace, type, watchType } = change;
    const seq = this.nextSeq++;
    const object = { ...changed, metadata: { ...changed.metadata, resourceVersion: String(seq) } };
    const json = JSON.stringify(object);
    const data = rowData(kind, json);
    const name = object.metadata.name ?? '';
    this.store.stage(kind, namespace, name, watchType === 'DELETED' ? null : projected(object));
    return { seq, time: now.toISOString(), type, watchType, kind, namespace, name, uid: object.metadata.uid ?? '', actor, cause, object, json, ...(data === json ? {} : { stored: data }), previous };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.running = this.running.then(() => this.run());
    });
  }

  /** The writer: catches up with other api-servers' appends, then decides and appends what is queued, until nothing is left. */
  private async run(): Promise<void> {
    this.scheduled = false;
    while (this.queue.length > 0 || this.knownHead > this.committedSeq) {
      // A refusal decided on stale state would be wrong too (404 for an object another api-server made): ask the head first.
      // When the log cannot be read, what is queued is still decided: its append fails too, and is refused with the cause.
      if (this.log.shared && this.queue.length > 0) await this.learnHead();
      if (this.knownHead > this.committedSeq && !(await this.catchUp()) && this.queue.length === 0) break;
      const items = this.queue.splice(0);
      const decided: { q: Queued; d: Decided }[] = [];
      for (const q of items) {
        const d = q.decide();
        if (d) decided.push({ q, d });
      }
      if (decided.length > 0) await this.write(decided);
    }
  }

  private async write(batch: { q: Queued; d: Decided }[]): Promise<void> {
    const changes = batch.flatMap(({ d }) => d.changes);
    try {
      await this.append(changes.map(toRecord));
    } catch (e) {
      this.store.discardOverlay();
      this.nextSeq = this.committedSeq + 1;
      if (e instanceof LogMovedOn) {
        // Another api-server appended first: read what it wrote, then decide the same commands again, ahead of newer ones.
        this.knownHead = Math.max(this.knownHead, e.lastSeq);
        const again = batch.map(({ q }) => q).filter((q) => {
          if (++q.overtaken <= overtakenLimit) return true;
          q.reject(internalError('other api-servers kept appending to the event log first; nothing was written, please retry'));
          return false;
        });
        this.queue.unshift(...again);
        return;
      }
      const fault = storageFault(e, this.log.name);
      if (this.fault?.cause !== fault.cause) {
        this.logger.error({ err: e instanceof Error ? e.message : String(e), cause: fault.cause }, 'event log append failed: writes are refused until it clears');
        this.fault = { cause: fault.cause, refused: 0 };
      }
      this.fault.refused += batch.length;
      batch.forEach(({ q }) => q.reject(fault.error));
      return;
    }
    if (this.fault) {
      this.logger.info({ cause: this.fault.cause, refused: this.fault.refused }, 'event log writable again');
      this.fault = undefined;
    }
    // Every staged change is committed now: the overlay has nothing left to add.
    this.store.discardOverlay();
    this.apply(changes);
    for (const { q, d } of batch) q.resolve(d.reply());
  }

  /** Makes committed changes visible: the projection, watches, the publishers, and reads waiting for them. */
  private apply(changes: readonly CommittedChange[]): void {
    for (const c of changes) if (!isAuditEntry(c.type)) this.store.commit(c.kind, c.namespace, c.name, c.watchType === 'DELETED' ? null : committedProjection(c.kind, c.stored ?? c.json, () => c.object), c.json);
    this.committedSeq = changes[changes.length - 1].seq;
    this.knownHead = Math.max(this.knownHead, this.committedSeq);
    this.nextSeq = this.committedSeq + 1;
    this.hub.publish(changes);
    for (const publish of this.publishers) publish(changes);
    const done = this.waiters.filter((w) => w.seq <= this.committedSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.committedSeq);
    done.forEach((w) => w.resolve());
  }

  /** Notes the log's head; false when it could not be read. */
  private async learnHead(): Promise<boolean> {
    try {
      this.knownHead = Math.max(this.knownHead, await this.log.head());
      return true;
    } catch (e) {
      return this.readFailed(e);
    }
  }

  private readFailed(e: unknown): false {
    if (!this.catchUpFailing) this.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'could not read other api-servers\' appends: retrying');
    this.catchUpFailing = true;
    setTimeout(() => this.schedule(), 1000).unref();
    return false;
  }

  /** Applies what other api-servers appended after this one's newest seq; false when the log could not be read. */
  private async catchUp(): Promise<boolean> {
    try {
      for (;;) {
        const events = await this.log.readAfter(this.committedSeq, catchUpPage);
        const changes: CommittedChange[] = [];
        // Each change knows the object before it (selector watches need it): earlier in this page, or as stored.
        const latest = new Map<string, KubeObject | null>();
        for (const e of events) {
          if (e.seq !== this.committedSeq + changes.length + 1) break;
          const change = changeOf(e);
          if (!isAuditEntry(e.type)) {
            const key = `${e.kind}/${e.namespace}/${e.name}`;
            const before = latest.has(key) ? latest.get(key) : this.store.get(e.kind, e.namespace, e.name)?.object;
            if (before) change.previous = before;
            latest.set(key, change.watchType === 'DELETED' ? null : change.object);
          }
          changes.push(change);
        }
        if (changes.length > 0) this.apply(changes);
        if (events.length < catchUpPage) break;
      }
      if (this.catchUpFailing) this.logger.info({ seq: this.committedSeq }, 'reading other api-servers\' appends again');
      this.catchUpFailing = false;
      return true;
    } catch (e) {
      return this.readFailed(e);
    }
  }

  /** Appends in one transaction; a lock held by another process is waited out for a while, without blocking the event loop. */
  private async append(records: EventRecord[]): Promise<void> {
    const deadline = Date.now() + lockPatienceMs;
    for (;;) {
      try {
        return await this.log.append(records, this.committedSeq);
      } catch (e) {
        if (e instanceof LogMovedOn || !storageFault(e, this.log.name).transient || Date.now() >= deadline) throw e;
        await new Promise((resolve) => setTimeout(resolve, lockRetryMs));
      }
    }
  }

  /** Resolves when everything queued so far is written (for an orderly shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled) await new Promise((r) => setImmediate(r));
    await this.running;
  }
}

/** How far up the chain of owners a kind stands: pods at the bottom, what makes them above, what makes those at the top. */
function ownerRank(kind: string): number {
  if (kind === 'Pod') return 0;
  if (kind === 'Deployment' || kind === 'CronJob') return 3;
  if (kind === 'ReplicaSet' || kind === 'Job' || kind === 'StatefulSet' || kind === 'DaemonSet' || kind === 'ReplicationController') return 2;
  return 1;
}

/** A stored kind without its group (a custom resource's `Widget.example.com` → `Widget`), as event types name it. */
const baseKind = (kind: string) => kind.split('.')[0];

function toRecord(c: CommittedChange): EventRecord {
  return { seq: c.seq, time: c.time, type: c.type, kind: c.kind, namespace: c.namespace, name: c.name, uid: c.uid, actor: c.actor, cause: c.cause, data: c.stored ?? c.json };
}

/** An object as a reply carries it, and its JSON text. */
interface Rendered {
  object: KubeObject;
  json: string;
}

/** The decision's reply: the object of one change, a ready body, or the list of the changed objects. */
function answer(decision: Decision, changes: readonly Rendered[]): CommandResult {
  const r = decision.reply;
  const body = r.change !== undefined ? changes[r.change].json : JSON.stringify(r.body ?? listOf(changes));
  return { code: r.code, body, warnings: decision.warnings };
}

function unstored(change: Decision['changes'][number]): Rendered {
  const object = unstoredObject(change);
  return { object, json: JSON.stringify(object) };
}

function listOf(changes: readonly Rendered[]) {
  return { kind: 'List', apiVersion: 'v1', metadata: {}, items: changes.map((c) => c.object) };
}

