/**
 * v1 Events, aggregated as Kubernetes does: the same reason and message about the
 * same object bumps `count` and `lastTimestamp` instead of adding a new Event (so
 * `kubectl describe` shows "x4 over 2m"). Every component records through it:
 * the kubelet, the scheduler, the controllers.
 */
import { groupVersionOf, kubeTime, resourceTypeForKind, shareStrings, type CoreEvent, type KubeObject } from '@kubelab/api';
import type { Logger } from 'pino';
import type { ApiClient } from './api-client.js';
import { stripManagedFields } from './informer.js';

const events = { group: '', version: 'v1', plural: 'events' };

export interface EventIntent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Extra data kept with the Event (the scheduler's verdicts, a controller's cause). */
  annotations?: Record<string, string>;
}

/** Who reports: `kubelet` on node-1, `default-scheduler`, `replicaset-controller`. */
export interface EventSource {
  component: string;
  host?: string;
}

/**
 * The Events a recorder remembers to count repeats on, least recently recorded forgotten first: client-go's
 * EventCorrelator keeps an LRU cache of 4096 (maxLruCacheEntries). Unbounded, a controller that creates a pod
 * after another kept every "Created pod: …" Event it ever wrote.
 */
export const aggregatedEvents = 4096;

export class EventRecorder {
  /**
   * By aggregation key, in the order they were last recorded (a Map keeps insertion order), each without its
   * managedFields: a kubelet keeps a few per pod for as long as the pod runs, and an update sent without them keeps the
   * stored ones; their strings shared (a reason, a message, a container's field path are the same for every pod).
   */
  private readonly seen = new Map<string, CoreEvent>();
  /** The write in flight for each key: a repeat waits for it, as client-go's correlator counts before it sends. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(private readonly client: ApiClient, private readonly source: EventSource, private readonly log: Logger) {}

  /**
   * Records an event about `involved` (optionally one of its containers); never throws. Repeats
   * recorded while the first is still being written wait for it and count on it.
   */
  async record(involved: KubeObject, intent: EventIntent, fieldPath?: string, cause?: number): Promise<void> {
    // Joined, not a template: V8 keeps a template's result as a rope that holds each of its parts, a copy of the message
    // and field path for every key kept.
    const key = [involved.metadata.uid, fieldPath ?? '', intent.reason, intent.message].join('|');
    const now = kubeTime(new Date());
    const written = (this.writing.get(key) ?? Promise.resolve()).then(() => this.write(key, involved, intent, now, fieldPath, cause));
    this.writing.set(key, written);
    await written;
    if (this.writing.get(key) === written) this.writing.delete(key);
  }

  /** Creates the Event, or counts a repeat on the one already written. */
  private async write(key: string, involved: KubeObject, intent: EventIntent, now: string, fieldPath?: string, cause?: number): Promise<void> {
    const m = involved.metadata;
    const namespace = m.namespace || 'default';
    const previous = this.seen.get(key);
    try {
      if (previous) {
        // A repeat keeps the newest extra data: the decision behind this occurrence, not the first one's.
        const metadata = intent.annotations ? { ...previous.metadata, annotations: { ...previous.metadata.annotations, ...intent.annotations } } : previous.metadata;
        const updated = { ...previous, metadata, count: (previous.count ?? 1) + 1, lastTimestamp: now };
        this.remember(key, await this.client.update<CoreEvent>(events, namespace, updated, cause));
        return;
      }
      const type = resourceTypeForKind(involved.apiVersion ?? '', involved.kind ?? '');
      const event: CoreEvent = {
        apiVersion: 'v1', kind: 'Event',
        metadata: { name: `${m.name}.${eventNameSuffix()}`, namespace, ...(intent.annotations ? { annotations: intent.annotations } : {}) },
        involvedObject: {
          kind: involved.kind, namespace: m.namespace, name: m.name, uid: m.uid,
          apiVersion: type ? groupVersionOf(type) : involved.apiVersion, resourceVersion: m.resourceVersion, ...(fieldPath ? { fieldPath } : {}),
        },
        reason: intent.reason, message: intent.message, type: intent.type,
        source: { component: this.source.component, ...(this.source.host ? { host: this.source.host } : {}) },
        firstTimestamp: now, lastTimestamp: now, count: 1,
        reportingComponent: this.source.component, reportingInstance: this.source.host ?? this.source.component,
      };
      this.remember(key, await this.client.create<CoreEvent>(events, namespace, event, cause));
    } catch (e) {
      this.log.warn({ err: (e as Error).message, reason: intent.reason, object: m.name }, 'event not recorded');
    }
  }

  private remember(key: string, event: CoreEvent): void {
    this.seen.delete(key);
    this.seen.set(key, shareStrings(stripManagedFields(event)));
    if (this.seen.size > aggregatedEvents) this.seen.delete(this.seen.keys().next().value!);
  }

  /** Forgets the aggregation keys of an object that is gone. */
  forget(uid: string): void {
    for (const key of this.seen.keys()) if (key.startsWith(`${uid}|`)) this.seen.delete(key);
  }
}

/**
 * client-go names an Event `<object>.<UnixNano in hex>`, so a list (ordered by name)
 * is in time order; the nanoseconds within the millisecond come from the
 * monotonic clock, which keeps two events of one millisecond apart.
 */
export function eventNameSuffix(): string {
  return (BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n)).toString(16);
}
