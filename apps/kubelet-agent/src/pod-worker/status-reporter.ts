/**
 * The status manager of one pod: publishes the status the lifecycle computed when it changed (on wall-clock time, as
 * the kubelet's PatchPodStatus: the status alone, each top-level field it no longer has set to null), one update in
 * flight at a time, again until it goes through; and tells its own report coming back through the informer from a
 * change someone else made.
 */
import { shareConditions, sortedKeys, type Pod } from '@kubelab/api';
import { createHash } from 'node:crypto';
import type { KubeletPodStatus } from '@kubelab/pod-lifecycle';
import type { NodeRuntimeDeps } from '../node-runtime-deps.js';
import { runsWithoutMirror } from '../static-pods.js';

const pods = { group: '', version: 'v1', plural: 'pods' };
/** Real milliseconds before a status report that did not go through is tried again. */
const statusRetryMs = 1000;

/**
 * A status as the reporter remembers it: a digest of its JSON, not the JSON, a kilobyte or more per running pod; its
 * keys in order, so that its own report coming back is known by its content, whatever the order the stored status holds
 * them in (the api-server keeps an object's own order: a merge patch adds new fields last). Told by its text, every report came back as someone else's change, and the pod was
 * synced and its unchanged status sent again: half the status reports of a lab starting pods changed nothing. A pod
 * without a status (a static pod read from its manifest) has the digest of null.
 */
const digest = (status: unknown) => createHash('sha1').update(JSON.stringify(sortedKeys(status ?? null))).digest('base64');

/** How many reports on their way a worker knows as its own when they come back: a busy api-server has a few at most. */
const unechoedKept = 8;

/** What the reporter needs of its worker: whether it stopped, and a fresh report to retry with. */
export interface StatusReporterHost {
  stopped(): boolean;
  report(): void;
}

export class StatusReporter {
  /** The digest of the status last reported or seen stored; '' when the next report goes out whatever it says. */
  private lastReported = '';
  /**
   * The digest of the lab status (its JSON as computed) that `lastReported` was made from, while it still stands: the same
   * status computed again (every probe period, a result unchanged) is known without mapping its times to the wall clock and
   * putting its keys in order. '' once `lastReported` changes otherwise.
   */
  private lastLab = '';
  /**
   * The digests of the reports sent since the stored status was last one of them, oldest first: a report made while the
   * one before it is on its way comes back after it was made, and is still this worker's own.
   */
  private unechoed: string[] = [];
  /** The status the lifecycle last computed, on lab time. */
  private labStatus?: KubeletPodStatus;
  /** The log entry of an exec session that ended a container (`kill 1`): the cause of the next report. */
  private sessionCause?: number;
  private reporting: Promise<void> = Promise.resolve();

  constructor(private readonly deps: Pick<NodeRuntimeDeps, 'client' | 'log' | 'time'>, private readonly host: StatusReporterHost) {}

  /** The status last computed (lab time), until the first report: undefined. */
  get lastLabStatus(): KubeletPodStatus | undefined {
    return this.labStatus;
  }

  /** True when `pod` is this worker's own report coming back (the last or one sent before it): same spec, same deletion. */
  isEcho(pod: Pod, previous: Pod): boolean {
    if (JSON.stringify(pod.spec) !== JSON.stringify(previous.spec) || pod.metadata.deletionTimestamp !== previous.metadata.deletionTimestamp) return false;
    const stored = digest(pod.status);
    const sent = this.unechoed.indexOf(stored);
    if (sent >= 0) this.unechoed.splice(0, sent + 1);
    return sent >= 0 || stored === this.lastReported;
  }

  /**
   * The stored status is what the API holds now: as the kubelet's status manager reconciles, a status someone else
   * changed (the node controller marking the pod not Ready while the node was unreachable) is set right again.
   */
  observed(pod: Pod): void {
    this.lastReported = digest(pod.status);
    this.lastLab = '';
    this.unechoed = [];
  }

  /** The next report goes out even if unchanged (a static pod's new mirror pod). */
  forget(): void {
    this.lastReported = '';
    this.lastLab = '';
  }

  /** An exec session ended a container: its log entry is the cause of the next report. */
  sessionEnded(cause: number | undefined): void {
    this.sessionCause = cause ?? this.sessionCause;
  }

  /** Publishes `labStatus` for `pod` when it changed; `cause` unless an exec session's is pending. */
  publish(pod: Pod, labStatus: KubeletPodStatus, cause: number | undefined): void {
    const lab = createHash('sha1').update(JSON.stringify(labStatus)).digest('base64');
    if (lab === this.lastLab) return;
    this.labStatus = shareConditions({ status: labStatus }).status;
    // A static pod without its mirror pod has nothing in the API to report to yet; its mirror pod, once made, gets it.
    if (runsWithoutMirror(pod)) return;
    const status = this.deps.time.convert(labStatus, 'toWall');
    const reported = digest(status);
    this.lastLab = lab;
    if (reported === this.lastReported) return;
    this.lastReported = reported;
    if (this.unechoed.push(reported) > unechoedKept) this.unechoed.shift();
    const dropped = Object.keys(pod.status ?? {}).filter((k) => !(k in status));
    const patch = { status: { ...Object.fromEntries(dropped.map((k) => [k, null])), ...status } };
    const reportedCause = this.sessionCause ?? cause;
    this.sessionCause = undefined;
    const { namespace = '', name = '' } = pod.metadata;
    this.reporting = this.reporting.then(() =>
      this.deps.client.send({ verb: 'patchStatus', ...pods, namespace, name, body: patch, patchType: 'merge', cause: reportedCause }).then(
        () => undefined,
        (e: Error) => {
          this.deps.log.debug({ err: e.message, pod: name }, 'status not reported');
          // Not reported (the api-server or NATS was down): try again until it is.
          if (this.lastReported === reported) this.forget();
          if (!this.host.stopped()) setTimeout(() => this.host.stopped() || this.host.report(), statusRetryMs).unref();
        },
      ),
    );
  }

  /** Resolves once every report made so far has gone out (or failed). */
  flushed(): Promise<void> {
    return this.reporting;
  }
}
