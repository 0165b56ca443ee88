/**
 * `job-completions`: a Job's status.succeeded never exceeds spec.completions (when
 * set). Reported once per Job, at the first entry that exceeds it.
 *
 * Counting the Job's Succeeded pods (distinct uids) against completions as well is
 * deliberately not done: Kubernetes does not promise it. A pod that is terminating is
 * already replaced (podReplacementPolicy TerminatingOrFailed, the default) and may
 * still exit 0; a pod of a lost node may have finished after its replacement started;
 * for Indexed Jobs two pods of one index can both succeed (only the index counts).
 * kube-controller-manager itself only warns (TooManySucceededPods) when that happens.
 */
import type { Job, KubeObject } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import { describeObject, Failures, isRemoval, type Invariant, type InvariantResult } from './invariant.js';

export class JobCompletions implements Invariant {
  readonly id = 'job-completions';
  readonly title = "no Job's status.succeeded exceeded spec.completions";
  /** Live Jobs with completions set, and whether they were reported already. */
  private readonly jobs = new Map<string, { reported: boolean }>();
  private readonly failures = new Failures();
  private seen = 0;

  seed(object: KubeObject, horizon: number): void {
    if (object.kind !== 'Job') return;
    this.check(object as Job, object.metadata.uid!, Number(object.metadata.resourceVersion ?? horizon));
  }

  add(e: LogEntry): void {
    if (e.kind !== 'Job') return;
    if (isRemoval(e.type)) this.jobs.delete(e.uid);
    else this.check(e.object as Job, e.uid, e.seq);
  }

  private check(job: Job, uid: string, seq: number): void {
    const completions = job.spec?.completions;
    if (typeof completions !== 'number') return;
    let state = this.jobs.get(uid);
    if (!state) {
      state = { reported: false };
      this.jobs.set(uid, state);
      this.seen++;
    }
    const succeeded = Number(job.status?.succeeded ?? 0);
    if (state.reported || succeeded <= completions) return;
    state.reported = true;
    this.failures.push(`${describeObject('Job', job.metadata.namespace ?? '', job.metadata.name!)} has status.succeeded ${succeeded} at seq ${seq}, more than its ${completions} completions`, [seq]);
  }

  result(): InvariantResult {
    return { id: this.id, title: this.title, pass: this.failures.empty, checked: this.seen, failures: this.failures.all() };
  }
}
