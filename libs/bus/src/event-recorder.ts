/**
 * v1 Events, aggregated as Kubernetes does: the same reason and message about the
 * same object bumps `count` and `lastTimestamp` instead of adding a new Event (so
 * `kubectl describe` shows "x4 over 2m"). Every component records through it:
 * the kubelet, the scheduler, the controllers.
 */
import { groupVersionOf, kubeTime, resourceTypeForKind, type CoreEvent, type KubeObject } from '@kubelab/api';
import type { Logger } from 'pino';
import { ApiRequestError, type ApiClient } from './api-client.js';

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

/**
 * What a recorder keeps of an Event it wrote, to count a repeat on it: where it is, its count, and the extra data a
 * repeat merges into. A repeat is a patch of these, as client-go's EventCorrelator sends it, not an update of the whole
 * Event: a kubelet keeps a few per pod for as long as the pod runs, and the whole Event was ten times as large.
 */
interface Written {
  readonly name: string;
  readonly namespace: string;
  readonly count: number;
  readonly annotations?: Record<string, string>;
}

export class EventRecorder {
  /** By aggregation key, in the order they were last recorded (a Map keeps insertion order). */
  private readonly seen = new Map<string, Written>();
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

  /** Creates the Event, or counts a repeat on the one already written; one deleted meanwhile is created anew, as client-go does. */
  private async write(key: string, involved: KubeObject, intent: EventIntent, now: string, fieldPath?: string, cause?: number): Promise<void> {
    const previous = this.seen.get(key);
    try {
      if (previous && (await this.repeat(key, previous, intent, now, cause))) return;
      const event = this.event(involved, intent, now, fieldPath);
      const { metadata } = event;
      await this.client.send({ verb: 'create', ...events, namespace: metadata.namespace!, body: event, cause });
      this.remember(key, { name: metadata.name!, namespace: metadata.namespace!, count: 1, ...(metadata.annotations ? { annotations: metadata.annotations } : {}) });
    } catch (e) {
      this.log.warn({ err: (e as Error).message, reason: intent.reason, object: involved.metadata.name }, 'event not recorded');
    }
  }

  /** Counts a repeat on the Event `previous` by a patch (keeping the newest extra data: the decision behind this occurrence); false when it is gone. */
  private async repeat(key: string, previous: Written, intent: EventIntent, now: string, cause?: number): Promise<boolean> {
    const annotations = intent.annotations ? { ...previous.annotations, ...intent.annotations } : previous.annotations;
    const patch = { count: previous.count + 1, lastTimestamp: now, ...(intent.annotations ? { metadata: { annotations } } : {}) };
    try {
      await this.client.send({ verb: 'patch', ...events, namespace: previous.namespace, name: previous.name, body: patch, patchType: 'strategic', cause });
    } catch (e) {
      if (!(e instanceof ApiRequestError && e.code === 404)) throw e;
      this.seen.delete(key);
      return false;
    }
    this.remember(key, { name: previous.name, namespace: previous.namespace, count: patch.count, ...(annotations ? { annotations } : {}) });
    return true;
  }

  private event(involved: KubeObject, intent: EventIntent, now: string, fieldPath?: string): CoreEvent {
    const m = involved.metadata;
    const type = resourceTypeForKind(involved.apiVersion ?? '', involved.kind ?? '');
    return {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: `${m.name}.${eventNameSuffix()}`, namespace: m.namespace || 'default', ...(intent.annotations ? { annotations: intent.annotations } : {}) },
      involvedObject: {
        kind: involved.kind, namespace: m.namespace, name: m.name, uid: m.uid,
        apiVersion: type ? groupVersionOf(type) : involved.apiVersion, resourceVersion: m.resourceVersion, ...(fieldPath ? { fieldPath } : {}),
      },
      reason: intent.reason, message: intent.message, type: intent.type,
      source: { component: this.source.component, ...(this.source.host ? { host: this.source.host } : {}) },
      firstTimestamp: now, lastTimestamp: now, count: 1,
      reportingComponent: this.source.component, reportingInstance: this.source.host ?? this.source.component,
    };
  }

  /** Keeps what a repeat of `key` needs of the Event written, as the most recent. */
  private remember(key: string, written: Written): void {
    this.seen.delete(key);
    this.seen.set(key, written);
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
