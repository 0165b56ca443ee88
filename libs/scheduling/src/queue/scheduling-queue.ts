/**
 * kube-scheduler's PriorityQueue, pure and driven by a clock the caller passes in:
 * activeQ (priority first, then queue time), backoffQ (pods waiting out a growing
 * back-off after a failed attempt) and the unschedulable pool (pods waiting for a
 * cluster event that could help, or for unschedulableTimeout to pass). Pods with
 * spec.schedulingGates are held apart and never tried (the SchedulingGates PreEnqueue
 * plugin) until an update removes their last gate.
 */
import type { Pod } from '@kubelab/api';
import { podPriority } from '../pod/priority.js';
import { podKey } from '../snapshot/bound-pod.js';
import { IndexedHeap } from './indexed-heap.js';

/** Cluster changes that can make an unschedulable pod schedulable (storage ones: what VolumeBinding and VolumeRestrictions register). */
export type ClusterEvent =
  | 'NodeAdd' | 'NodeUpdate' | 'NodeSchedulable' | 'NodeTaintRemoved' | 'PodDelete'
  | 'PersistentVolumeClaimAddOrUpdate' | 'PersistentVolumeAddOrUpdate' | 'StorageClassAddOrUpdate';

/** Queue timings; durations are in cluster time and divided by `timeScale` (a lab running 20× faster waits 1/20). */
export interface SchedulingQueueOptions {
  timeScale?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  unschedulableTimeoutMs?: number;
}

interface QueuedPod {
  uid: string;
  pod: Pod;
  priority: number;
  /** When it (re-)entered the queue: ties in priority go first-come first-served. */
  queuedAt: number;
  seq: number;
  attempts: number;
  backoffUntil: number;
}

/** The pod still has scheduling gates, so the scheduler must not try it. */
function isSchedulingGated(pod: Pod): boolean {
  const gates = pod.spec?.schedulingGates;
  return Array.isArray(gates) && gates.length > 0;
}

function creationTime(pod: Pod): number {
  const parsed = Date.parse(pod.metadata.creationTimestamp ?? '');
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** The pod as isPodUpdated compares it: without status and bookkeeping metadata. */
function schedulingRelevant(pod: Pod): string {
  const { resourceVersion: _rv, generation: _g, managedFields: _m, ...metadata } = pod.metadata;
  return JSON.stringify([metadata, pod.spec]);
}

/** The pods waiting to be scheduled, and when each may next be tried. */
export class SchedulingQueue {
  private readonly scale: number;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly unschedulableTimeout: number;
  private readonly active = new IndexedHeap<QueuedPod>(
    (q) => q.uid,
    (a, b) => a.priority > b.priority || (a.priority === b.priority && (a.queuedAt < b.queuedAt || (a.queuedAt === b.queuedAt && a.seq < b.seq))),
  );
  private readonly backoff = new IndexedHeap<QueuedPod>((q) => q.uid, (a, b) => a.backoffUntil < b.backoffUntil || (a.backoffUntil === b.backoffUntil && a.seq < b.seq));
  /** In the order they became unschedulable, so the oldest is always first. */
  private readonly unschedulable = new Map<string, { queued: QueuedPod; since: number }>();
  private readonly inFlight = new Map<string, QueuedPod>();
  /** Pods held back by their scheduling gates, tried only once the last gate is gone. */
  private readonly gated = new Map<string, Pod>();
  private seq = 0;

  constructor(options: SchedulingQueueOptions = {}) {
    this.scale = options.timeScale && options.timeScale > 0 ? options.timeScale : 1;
    this.initialBackoff = options.initialBackoffMs ?? 1_000;
    this.maxBackoff = options.maxBackoffMs ?? 10_000;
    this.unschedulableTimeout = options.unschedulableTimeoutMs ?? 5 * 60_000;
  }

  /** A new pending pod goes straight to activeQ, or among the gated ones (an already queued one is updated instead). */
  add(pod: Pod): void {
    const uid = podKey(pod);
    if (this.knows(uid)) return this.update(pod);
    if (isSchedulingGated(pod)) {
      this.gated.set(uid, pod);
      return;
    }
    this.active.push({ uid, pod, priority: podPriority(pod), queuedAt: creationTime(pod), seq: this.seq++, attempts: 0, backoffUntil: 0 });
  }

  /** Replaces the queued pod; an unschedulable one whose spec or metadata changed gets another try. */
  update(pod: Pod, now = 0): void {
    const uid = podKey(pod);
    if (this.gated.has(uid)) {
      if (isSchedulingGated(pod)) {
        this.gated.set(uid, pod);
        return;
      }
      this.gated.delete(uid);
      return this.add(pod);
    }
    const parked = this.unschedulable.get(uid);
    if (parked) {
      const changed = schedulingRelevant(parked.queued.pod) !== schedulingRelevant(pod);
      parked.queued.pod = pod;
      parked.queued.priority = podPriority(pod);
      if (changed) {
        this.unschedulable.delete(uid);
        this.activeOrBackoff(parked.queued, now);
      }
      return;
    }
    const queued = this.active.get(uid) ?? this.backoff.get(uid) ?? this.inFlight.get(uid);
    if (!queued) return this.add(pod);
    const refreshed = { ...queued, pod, priority: podPriority(pod) };
    if (this.active.has(uid)) this.active.push(refreshed);
    else if (this.backoff.has(uid)) this.backoff.push(refreshed);
    else this.inFlight.set(uid, refreshed);
  }

  /** Forgets the pod (deleted, or bound by someone). */
  delete(uid: string): void {
    this.active.delete(uid);
    this.backoff.delete(uid);
    this.unschedulable.delete(uid);
    this.inFlight.delete(uid);
    this.gated.delete(uid);
  }

  /** The next pod to schedule, after moving in pods whose back-off or unschedulable timeout is over. */
  pop(now: number): Pod | undefined {
    this.flush(now);
    const next = this.active.pop();
    if (!next) return undefined;
    next.attempts++;
    this.inFlight.set(next.uid, next);
    return next.pod;
  }

  /** The pod fit nowhere: park it until a cluster event (or the unschedulable timeout) brings it back. */
  markUnschedulable(pod: Pod, now: number): void {
    const queued = this.takeInFlight(pod, now);
    this.unschedulable.delete(queued.uid);
    this.unschedulable.set(queued.uid, { queued, since: now });
  }

  /** Scheduling or binding failed for another reason: retry after the back-off. */
  markError(pod: Pod, now: number): void {
    const queued = this.takeInFlight(pod, now);
    this.unschedulable.delete(queued.uid);
    this.backoff.push(queued);
  }

  /** A cluster event that could help: every unschedulable pod goes back to activeQ (or backoffQ if still backing off). */
  moveAllToActiveOrBackoff(_event: ClusterEvent, now: number): void {
    const parked = [...this.unschedulable.values()];
    this.unschedulable.clear();
    for (const { queued } of parked) this.activeOrBackoff(queued, now);
  }

  /** When `pop` may next return a pod: now if one is ready, the earliest timer otherwise, undefined if none. */
  nextWakeup(now: number): number | undefined {
    if (this.active.size > 0) return now;
    const times: number[] = [];
    const backingOff = this.backoff.peek();
    if (backingOff) times.push(backingOff.backoffUntil);
    const oldest = this.unschedulable.values().next().value;
    if (oldest) times.push(oldest.since + this.unschedulableTimeout / this.scale);
    return times.length > 0 ? Math.max(now, Math.min(...times)) : undefined;
  }

  /** Pods waiting in activeQ, backoffQ and the unschedulable pool (not the gated ones, which wait for no one but their gates' owners). */
  size(): number {
    return this.active.size + this.backoff.size + this.unschedulable.size;
  }

  /** Back-off after `attempts` tries: 1 s doubling up to 10 s, in lab time. */
  backoffDuration(attempts: number): number {
    const doubled = this.initialBackoff * 2 ** Math.max(0, attempts - 1);
    return Math.min(doubled, this.maxBackoff) / this.scale;
  }

  private knows(uid: string): boolean {
    return this.active.has(uid) || this.backoff.has(uid) || this.unschedulable.has(uid) || this.inFlight.has(uid) || this.gated.has(uid);
  }

  private takeInFlight(pod: Pod, now: number): QueuedPod {
    const uid = podKey(pod);
    const known = this.inFlight.get(uid) ?? this.active.get(uid) ?? this.backoff.get(uid) ?? this.unschedulable.get(uid)?.queued;
    this.inFlight.delete(uid);
    this.active.delete(uid);
    this.backoff.delete(uid);
    const attempts = Math.max(1, known?.attempts ?? 1);
    return { uid, pod, priority: podPriority(pod), queuedAt: now, seq: this.seq++, attempts, backoffUntil: now + this.backoffDuration(attempts) };
  }

  private activeOrBackoff(queued: QueuedPod, now: number): void {
    if (queued.backoffUntil > now) this.backoff.push(queued);
    else this.active.push(queued);
  }

  private flush(now: number): void {
    for (let ready = this.backoff.peek(); ready && ready.backoffUntil <= now; ready = this.backoff.peek()) {
      this.backoff.pop();
      this.active.push(ready);
    }
    for (const [uid, { queued, since }] of this.unschedulable) {
      if (since + this.unschedulableTimeout / this.scale > now) break;
      this.unschedulable.delete(uid);
      this.activeOrBackoff(queued, now);
    }
  }
}
