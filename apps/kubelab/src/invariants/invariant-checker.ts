/**
 * The event log's invariants, checked incrementally: feed entries in seq order (as
 * many times as the log grows) and ask for the report whenever. For a compacted log,
 * `startFrom` the snapshot's objects first, so what the snapshot summarises is neither
 * re-checked nor mistaken for a gap.
 */
import { isAuditEntry, type KubeObject } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import { DeploymentsConverge } from './deployments-converge.js';
import { ExactlyOnce, type AcknowledgedWrite } from './exactly-once.js';
import type { Invariant, InvariantResult } from './invariant.js';
import { JobCompletions } from './job-completions.js';
import { ResourceVersions } from './resource-versions.js';
import { SingleBinding } from './single-binding.js';
import { StatefulSetIdentity } from './statefulset-identity.js';

export type { AcknowledgedWrite } from './exactly-once.js';
export type { InvariantFailure, InvariantResult } from './invariant.js';

export interface InvariantReport {
  /** Entries fed so far. */
  seqsChecked: number;
  /** The newest seq fed (or the snapshot's horizon when nothing came after it). */
  lastSeq: number;
  results: InvariantResult[];
}

export interface InvariantCheckerOptions {
  /** Lab-seconds a Deployment's spec must stay unchanged before it must have converged (60). */
  settleSeconds?: number;
  /**
   * Lab-seconds per second of the entries' `time` (1). The api-server stamps entries with
   * the wall clock while the lab's components run `--time-scale` times faster.
   */
  timeScale?: number;
  acknowledged?: AcknowledgedWrite[];
}

export class InvariantChecker {
  private readonly exactlyOnce = new ExactlyOnce();
  private readonly invariants: Invariant[];
  private seqsChecked = 0;
  private lastSeq = 0;

  constructor(options: InvariantCheckerOptions = {}) {
    this.invariants = [
      new SingleBinding(), new StatefulSetIdentity(), this.exactlyOnce, new ResourceVersions(),
      new DeploymentsConverge(options.settleSeconds ?? 60, options.timeScale ?? 1), new JobCompletions(),
    ];
    for (const write of options.acknowledged ?? []) this.acknowledge(write);
  }

  /** The objects of a compaction snapshot at `horizon`; call before the first `add`. */
  startFrom(horizon: number, objects: readonly KubeObject[]): void {
    if (this.seqsChecked > 0) throw new Error('startFrom must come before the first entry');
    this.exactlyOnce.startAfter(horizon);
    for (const object of objects) for (const invariant of this.invariants) invariant.seed(object, horizon);
    this.lastSeq = horizon;
  }

  /** An audit entry (a refusal, a dropped connection) counts in the seq order only: it changes no object the other invariants follow. */
  add(entry: LogEntry): void {
    if (isAuditEntry(entry.type)) this.exactlyOnce.add(entry);
    else for (const invariant of this.invariants) invariant.add(entry);
    this.seqsChecked++;
    this.lastSeq = Math.max(this.lastSeq, entry.seq);
  }

  /** A write a client got a 2xx for; checked now if its seq was seen, else when it is (or reported lost). */
  acknowledge(write: AcknowledgedWrite): void {
    this.exactlyOnce.acknowledge(write);
  }

  report(): InvariantReport {
    return { seqsChecked: this.seqsChecked, lastSeq: this.lastSeq, results: this.invariants.map((i) => i.result()) };
  }
}
