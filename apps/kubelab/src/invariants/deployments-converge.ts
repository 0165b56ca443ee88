/**
 * `deployments-converge`: a Deployment whose spec (metadata.generation) stays the same
 * for `settleSeconds` of lab time must, at some point in that stable window, have
 * been observed and rolled out: status.observedGeneration >= generation and
 * updatedReplicas = availableReplicas = replicas = spec.replicas (absent counts 0,
 * spec.replicas defaults to 1). Lab time is the entries' `time` (wall clock) times the
 * lab's time scale; a window still open ends at the newest entry's time. Shorter windows, paused Deployments (they are not
 * meant to progress) and ones being deleted are not judged.
 */
import type { Deployment, KubeObject } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import { describeObject, Failures, isRemoval, type Invariant, type InvariantResult } from './invariant.js';

interface Window {
  what: string;
  generation: number;
  /** The entry that set this generation (or the first one seen), and its time in ms. */
  seq: number;
  since: number;
  /** The newest entry of this Deployment in the window. */
  lastSeq: number;
  converged: boolean;
  /** Paused or being deleted: nothing to judge. */
  exempt: boolean;
}

const count = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The Deployment has every replica of its current spec updated and available. */
export function deploymentConverged(d: Deployment): boolean {
  const generation = count(d.metadata?.generation);
  const want = typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1;
  const s = d.status ?? {};
  return count(s.observedGeneration) >= generation && count(s.updatedReplicas) === want && count(s.availableReplicas) === want && count(s.replicas) === want;
}

export class DeploymentsConverge implements Invariant {
  readonly id = 'deployments-converge';
  readonly title: string;
  private readonly windows = new Map<string, Window>();
  private readonly failures = new Failures();
  private judged = 0;
  private newest = Number.NEGATIVE_INFINITY;
  /** Seeded windows waiting for the first entry's time. */
  private untimed: Window[] = [];

  constructor(private readonly settleSeconds: number, private readonly timeScale: number) {
    this.title = `every Deployment stable for ${settleSeconds}s reached its replicas`;
  }

  /** A snapshot has no times: its Deployments' windows open at the first entry after it. */
  seed(object: KubeObject, horizon: number): void {
    if (object.kind !== 'Deployment') return;
    const w = this.open(object as Deployment, Number(object.metadata.resourceVersion ?? horizon), Number.NaN);
    this.windows.set(object.metadata.uid!, w);
    this.untimed.push(w);
  }

  add(e: LogEntry): void {
    const time = Date.parse(e.time);
    this.newest = Math.max(this.newest, time);
    for (const w of this.untimed.splice(0)) w.since = time;
    if (e.kind !== 'Deployment') return;
    const current = this.windows.get(e.uid);
    if (isRemoval(e.type)) {
      if (current) this.judge(current, time);
      this.windows.delete(e.uid);
      return;
    }
    const d = e.object as Deployment;
    if (!current || count(d.metadata?.generation) !== current.generation) {
      if (current) this.judge(current, time);
      this.windows.set(e.uid, this.open(d, e.seq, time));
      return;
    }
    current.lastSeq = e.seq;
    current.converged ||= deploymentConverged(d);
  }

  private open(d: Deployment, seq: number, since: number): Window {
    return {
      what: describeObject('Deployment', d.metadata.namespace ?? '', d.metadata.name!), generation: count(d.metadata.generation),
      seq, since, lastSeq: seq, converged: deploymentConverged(d), exempt: d.spec?.paused === true || Boolean(d.metadata.deletionTimestamp),
    };
  }

  /** Judged when the window [since, end] was long enough; a failure message when it did not converge. */
  private verdict(w: Window, end: number): { judged: boolean; failure?: string } {
    const seconds = ((end - w.since) / 1000) * this.timeScale;
    if (w.exempt || Number.isNaN(seconds) || seconds < this.settleSeconds) return { judged: false };
    if (w.converged) return { judged: true };
    return { judged: true, failure: `${w.what} (generation ${w.generation}, set at seq ${w.seq}) was stable for ${Math.round(seconds)}s of lab time but never reached its replicas (last status at seq ${w.lastSeq})` };
  }

  private judge(w: Window, end: number): void {
    const { judged, failure } = this.verdict(w, end);
    if (judged) this.judged++;
    if (failure) this.failures.push(failure, [w.seq, w.lastSeq]);
  }

  result(): InvariantResult {
    const failures = this.failures.all();
    let checked = this.judged;
    for (const w of this.windows.values()) {
      const { judged, failure } = this.verdict(w, this.newest);
      if (judged) checked++;
      if (failure) failures.push({ message: failure, seqs: [w.seq, w.lastSeq] });
    }
    return { id: this.id, title: this.title, pass: failures.length === 0, checked, failures };
  }
}
