/**
 * `exactly-once`: the log is one gap-free sequence (each seq once, in order), an
 * object (kind/namespace/name) is never created while it exists, a uid is never
 * created twice, and every write a client was acknowledged (2xx, resourceVersion =
 * seq) is in the log at that seq, for that object. An acknowledged seq the log never
 * reaches is a lost write.
 *
 * Seed (a compaction snapshot) before the first entry. Memory: the live objects' keys; every created uid (the one thing that must outlive
 * its object, since a re-created uid is what it catches); and a 32-bit hash of the
 * object key at each seq (4 bytes a seq) so an acknowledgement that arrives after its
 * entry was checked can still be matched.
 */
import { isAuditEntry, type KubeObject } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import { describeObject, Failures, isCreation, isRemoval, objectKeyOf, type Invariant, type InvariantResult } from './invariant.js';

/** A write a client got a 2xx for; its resourceVersion is the seq. */
export interface AcknowledgedWrite {
  seq: number;
  kind: string;
  namespace: string;
  name: string;
}

/** FNV-1a: a key's fingerprint, stored per seq instead of the key; never 0, which marks a seq the log lacks. */
function fingerprint(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h | 0;
}

const absent = 0;

/** Fingerprints by seq from a base (seq 1, or the one after a compaction horizon), growing as the log does. */
class SeqFingerprints {
  private values = new Int32Array(1024);
  private count = 0;
  private base = 1;

  /** The log (as this checker sees it) starts after `seq`. */
  startAfter(seq: number): void {
    this.base = seq + 1;
  }

  set(seq: number, value: number): void {
    const i = seq - this.base;
    if (i < 0) return;
    if (i >= this.values.length) {
      const grown = new Int32Array(Math.max(this.values.length * 2, i + 1));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[i] = value;
    this.count = Math.max(this.count, i + 1);
  }

  /** The fingerprint at seq (0: the log has no such seq), or undefined when seq is before the checked part of the log. */
  get(seq: number): number | undefined {
    const i = seq - this.base;
    if (i < 0) return undefined;
    return i < this.count ? this.values[i] : absent;
  }
}

export class ExactlyOnce implements Invariant {
  readonly id = 'exactly-once';
  readonly title = 'every seq once, every object and uid created once, every acknowledged write logged';
  private readonly live = new Set<string>();
  private readonly uids = new Set<string>();
  private readonly fingerprints = new SeqFingerprints();
  /** Acknowledged writes whose seq the log has not reached yet. */
  private readonly pending = new Map<number, AcknowledgedWrite>();
  private readonly failures = new Failures();
  private last = 0;
  private entries = 0;
  private acknowledged = 0;

  /** After `startAfter(horizon)`: an object the snapshot holds exists, and its uid was created. */
  seed(object: KubeObject): void {
    this.live.add(objectKeyOf(object.kind!, object.metadata.namespace ?? '', object.metadata.name!));
    if (object.metadata.uid) this.uids.add(object.metadata.uid);
  }

  /** The checked log starts after `horizon` (a compaction snapshot with no objects still counts). */
  startAfter(horizon: number): void {
    this.last = Math.max(this.last, horizon);
    this.fingerprints.startAfter(this.last);
    // Acknowledged before the horizon: compacted away, nothing left to check them against.
    for (const seq of this.pending.keys()) if (seq <= horizon) this.pending.delete(seq);
  }

  add(e: LogEntry): void {
    this.entries++;
    if (e.seq <= this.last) {
      this.failures.push(`seq ${e.seq} came after seq ${this.last}: seqs must strictly increase`, [this.last, e.seq]);
      return;
    }
    const skipped = e.seq - this.last - 1;
    if (skipped > 0) {
      this.failures.push(`the log jumps from seq ${this.last} to ${e.seq}: ${skipped === 1 ? `seq ${this.last + 1} is` : `seqs ${this.last + 1}–${e.seq - 1} are`} missing`, [this.last, e.seq]);
    }
    this.last = e.seq;
    if (skipped > 0) this.matchSkipped(e.seq);
    const key = objectKeyOf(e.kind, e.namespace, e.name);
    this.fingerprints.set(e.seq, fingerprint(key));
    // A refused create never made its object, and a dropped connection changed none.
    if (isAuditEntry(e.type)) return;
    const what = describeObject(e.kind, e.namespace, e.name);
    if (isCreation(e.type)) {
      if (this.live.has(key)) this.failures.push(`${what} was created at seq ${e.seq} while it existed`, [e.seq]);
      if (this.uids.has(e.uid)) this.failures.push(`uid ${e.uid} was created a second time at seq ${e.seq} (${what})`, [e.seq]);
      this.uids.add(e.uid);
    }
    if (isRemoval(e.type)) this.live.delete(key);
    else this.live.add(key);
    const write = this.pending.get(e.seq);
    if (write) {
      this.pending.delete(e.seq);
      this.match(write);
    }
  }

  /** A write a client got a 2xx for: checked at once when its seq was seen, else when it arrives. */
  acknowledge(write: AcknowledgedWrite): void {
    if (write.seq > this.last) this.pending.set(write.seq, write);
    else this.match(write);
  }

  /** Acknowledged writes at seqs a gap just jumped over: lost. */
  private matchSkipped(upTo: number): void {
    for (const [seq, write] of this.pending) {
      if (seq >= upTo) continue;
      this.pending.delete(seq);
      this.match(write);
    }
  }

  private match(write: AcknowledgedWrite): void {
    const stored = this.fingerprints.get(write.seq);
    if (stored === undefined) return;
    this.acknowledged++;
    if (stored === fingerprint(objectKeyOf(write.kind, write.namespace, write.name))) return;
    const why = stored === absent ? `the log has no seq ${write.seq}` : `seq ${write.seq} holds another object`;
    this.failures.push(`the acknowledged write of ${describeObject(write.kind, write.namespace, write.name)} at seq ${write.seq} is lost: ${why}`, [write.seq]);
  }

  result(): InvariantResult {
    const failures = this.failures.all();
    for (const write of [...this.pending.values()].sort((a, b) => a.seq - b.seq)) {
      failures.push({ message: `the acknowledged write of ${describeObject(write.kind, write.namespace, write.name)} at seq ${write.seq} is lost: the log ends at seq ${this.last}`, seqs: [write.seq] });
    }
    return { id: this.id, title: this.title, pass: failures.length === 0, checked: this.entries + this.acknowledged + this.pending.size, failures };
  }
}
