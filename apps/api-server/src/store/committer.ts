/**
 * Turns commands into committed events. Decisions are taken one at a time (JS is
 * single-threaded, so each sees every earlier decision through the overlay); the
 * resulting events are written in group commits: everything decided while the
 * previous transaction was in flight goes into the next one.
 */
import { randomUUID } from 'node:crypto';
import { decide, internalError, isAuditEntry, isDryRun, storeKindOf, unstoredObject, type ApiServerOptions, type Command, type Decision, type KubeObject, type LogEventMeta, type UserInfo } from '@kubelab/api';
import { appendEvents, type Database, type EventRecord } from '@kubelab/event-store';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { CommittedChange } from './committed-change.js';
import { storageFault } from './storage-fault.js';
import type { ObjectStore } from './object-store.js';
import type { WatchHub } from './watch-hub.js';

/** A decided command's answer: status code, JSON body text, warnings. */
export interface CommandResult {
  code: number;
  body: string;
  warnings: string[];
}

interface Pending {
  changes: CommittedChange[];
  records: EventRecord[];
  reply: () => CommandResult;
  resolve: (r: CommandResult) => void;
  reject: (e: unknown) => void;
  epoch: number;
}

/** How long a write waits for a lock held by another process before it is refused with 503. */
const lockPatienceMs = 2000;
const lockRetryMs = 50;

const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = () => Array.from({ length: 5 }, () => suffixAlphabet[Math.floor(Math.random() * suffixAlphabet.length)]).join('');

/** An entry that changes no object (a refusal, a dropped connection: see isAuditEntry): what it is about and what it records. */
export interface AuditRecord extends Omit<LogEventMeta, 'seq' | 'time' | 'cause'> {
  data: Record<string, unknown>;
}

/** Where committed changes go after the hub: the NATS stream. */
export type ChangePublisher = (changes: readonly CommittedChange[]) => void;

export class Committer {
  private nextSeq: number;
  private committedSeq: number;
  private batch: Pending[] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();
  private epoch = 0;
  private publishers: ChangePublisher[] = [];
  /** The cause of the storage fault writes are failing on, logged once when it starts. */
  private fault?: { cause: string; refused: number };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly store: ObjectStore,
    private readonly hub: WatchHub,
    private readonly options: ApiServerOptions,
    private readonly log: Logger,
    lastSeq: number,
    /** The log's file, named in the message of a storage fault. */
    private readonly file = 'the event log',
  ) {
    this.nextSeq = lastSeq + 1;
    this.committedSeq = lastSeq;
  }

  /** The newest committed seq: the resourceVersion of a list. */
  get lastCommittedSeq(): number {
    return this.committedSeq;
  }

  addPublisher(publisher: ChangePublisher): void {
    this.publishers.push(publisher);
  }

  /**
   * Decides the command now and resolves once its events are durable. A dry run is decided the
   * same way and answered at once: nothing is numbered, staged, appended or published. `user` is
   * who sent it, as admission (NodeRestriction, ValidatingAdmissionPolicy's request.userInfo) sees them.
   */
  execute(command: Command, actor: string, cause: number | null = null, user?: UserInfo): Promise<CommandResult> {
    const now = new Date();
    let decision: Decision;
    try {
      decision = decide(command, this.store.decisionView, {
        actor, cause, now, newUid: randomUUID, randomSuffix, options: this.options, user, dryRun: isDryRun(command),
      });
    } catch (e) {
      return Promise.reject(e);
    }
    if (isDryRun(command)) return Promise.resolve(answer(decision, decision.changes.map(unstored)));
    const changes = decision.changes.map((c) => this.number(c, actor, cause, now));
    const reply = () => answer(decision, changes);
    if (changes.length === 0) return Promise.resolve(reply());
    return new Promise((resolve, reject) => {
      this.batch.push({ changes, records: changes.map(toRecord), reply, resolve, reject, epoch: this.epoch });
      this.schedule();
    });
  }

  /**
   * Appends an audit entry: numbered, written and published like every event (so the log stays
   * one gap-free order and `kubelab events -f` shows it live), but nothing is staged or stored.
   * Resolves with its seq once it is durable.
   */
  record(entry: AuditRecord): Promise<number> {
    const seq = this.nextSeq++;
    const json = JSON.stringify(entry.data);
    const change: CommittedChange = {
      seq, time: new Date().toISOString(), type: entry.type, watchType: 'MODIFIED', kind: entry.kind, namespace: entry.namespace, name: entry.name,
      uid: entry.uid, actor: entry.actor, cause: null, object: entry.data as KubeObject, json,
    };
    return new Promise((resolve, reject) => {
      const reply = () => ({ code: 201, body: json, warnings: [] });
      this.batch.push({ changes: [change], records: [toRecord(change)], reply, resolve: () => resolve(seq), reject, epoch: this.epoch });
      this.schedule();
    });
  }

  private number(c: Decision['changes'][number], actor: string, cause: number | null, now: Date): CommittedChange {
    const seq = this.nextSeq++;
    const object = { ...c.object, metadata: { ...c.object.metadata, resourceVersion: String(seq) } };
    const json = JSON.stringify(object);
    const namespace = c.resource.namespaced ? (object.metadata.namespace ?? '') : '';
    const name = object.metadata.name ?? '';
    this.store.stage(storeKindOf(c.resource), namespace, name, c.watchType === 'DELETED' ? null : { object, json });
    return {
      seq, time: now.toISOString(), type: c.type, watchType: c.watchType, kind: storeKindOf(c.resource), namespace, name,
      uid: object.metadata.uid ?? '', actor, cause, object, json, previous: c.previous,
    };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.batch;
      this.batch = [];
      this.writing = this.writing.then(() => this.write(batch));
    });
  }

  private async write(all: Pending[]): Promise<void> {
    // Decisions taken before a failed write built on state that never was: refuse them.
    all.filter((p) => p.epoch !== this.epoch).forEach((p) => p.reject(internalError('an earlier write failed; please retry')));
    const batch = all.filter((p) => p.epoch === this.epoch);
    if (batch.length === 0) return;
    try {
      await this.append(batch.flatMap((p) => p.records));
    } catch (e) {
      const fault = storageFault(e, this.file);
      if (this.fault?.cause !== fault.cause) {
        this.log.error({ err: e instanceof Error ? e.message : String(e), cause: fault.cause }, 'event log append failed: writes are refused until it clears');
        this.fault = { cause: fault.cause, refused: 0 };
      }
      this.fault.refused += batch.length;
      this.epoch++;
      this.store.discardOverlay();
      this.nextSeq = this.committedSeq + 1;
      batch.forEach((p) => p.reject(fault.error));
      return;
    }
    if (this.fault) {
      this.log.info({ cause: this.fault.cause, refused: this.fault.refused }, 'event log writable again');
      this.fault = undefined;
    }
    const changes = batch.flatMap((p) => p.changes);
    for (const c of changes) if (!isAuditEntry(c.type)) this.store.commit(c.kind, c.namespace, c.name, c.watchType === 'DELETED' ? null : { object: c.object, json: c.json });
    this.committedSeq = changes[changes.length - 1].seq;
    this.hub.publish(changes);
    for (const publish of this.publishers) publish(changes);
    for (const p of batch) p.resolve(p.reply());
  }

  /** Appends in one transaction; a lock held by another process is waited out for a while, without blocking the event loop. */
  private async append(records: EventRecord[]): Promise<void> {
    const deadline = Date.now() + lockPatienceMs;
    for (;;) {
      try {
        return await appendEvents(this.db, records);
      } catch (e) {
        if (!storageFault(e, this.file).transient || Date.now() >= deadline) throw e;
        await new Promise((resolve) => setTimeout(resolve, lockRetryMs));
      }
    }
  }

  /** Resolves when everything decided so far is written (for an orderly shutdown). */
  async drain(): Promise<void> {
    while (this.batch.length > 0 || this.scheduled) await new Promise((r) => setImmediate(r));
    await this.writing;
  }
}

function toRecord(c: CommittedChange): EventRecord {
  return { seq: c.seq, time: c.time, type: c.type, kind: c.kind, namespace: c.namespace, name: c.name, uid: c.uid, actor: c.actor, cause: c.cause, data: c.json };
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

