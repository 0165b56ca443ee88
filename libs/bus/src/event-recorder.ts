/**
 * v1 Events, correlated as client-go's EventCorrelator does (tools/record events_cache.go): the same reason and
 * message about the same object bumps `count` and `lastTimestamp` instead of adding a new Event (so `kubectl describe`
 * shows "x4 over 2m"); from the tenth message of one reason about one object within 10 minutes, one Event "(combined
 * from similar events): …" counts them all (a ReplicaSet of 1,000 replicas has 10 "Created pod" Events, not 1,000); and
 * a source writes at most 25 Events and repeats about one object, then one per 5 minutes (the rest are dropped). Every
 * component records through it: the kubelet, the scheduler (which, as kube-scheduler's events.k8s.io recorder, only
 * counts repeats), the controllers.
 */
import { groupVersionOf, kubeTime, resourceTypeForKind, tokensAt, type Budget, type CoreEvent, type KubeObject, type ThrottleLimit } from '@kubelab/api';
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

/** client-go's defaults: similar Events (one reason about one object) are combined from the 10th message within 10 minutes of the last. */
const similarEventsCombined = 10;
const similarWindowMs = 600_000;
/** client-go's spam filter: a token bucket per object, 25 deep, refilled by one every 5 minutes. */
const spamLimit: ThrottleLimit = { qps: 1 / 300, burst: 25 };

export interface EventRecorderOptions {
  /**
   * False for the scheduler: kube-scheduler writes through events.k8s.io's recorder, which counts repeats but neither
   * combines similar Events nor drops an object's spam.
   */
  correlate?: boolean;
  /** The clock, in ms (Date.now unless told). */
  now?: () => number;
}

/**
 * The messages of one reason about one object seen within the window, and when the last was; forgotten once older than
 * the window (as if never seen), so that a node's kubelet does not keep them for every pod it runs.
 */
interface Similar {
  readonly messages: string[];
  at: number;
}

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
  /** By object and reason (`object|type|reason`, the object by objectKey), least recently seen first. */
  private readonly similar = new Map<string, Similar>();
  /** Each object's token bucket (by objectKey), least recently used first; forgotten once it would be full again. */
  private readonly buckets = new Map<string, Budget>();
  private readonly correlate: boolean;
  private readonly now: () => number;

  constructor(private readonly client: ApiClient, private readonly source: EventSource, private readonly log: Logger, options: EventRecorderOptions = {}) {
    this.correlate = options.correlate ?? true;
    this.now = options.now ?? Date.now;
  }

  /**
   * Records an event about `involved` (optionally one of its containers); never throws. Repeats
   * recorded while the first is still being written wait for it and count on it.
   */
  async record(involved: KubeObject, intent: EventIntent, fieldPath?: string, cause?: number): Promise<void> {
    const at = this.now();
    const object = objectKey(involved);
    const combined = this.correlate && this.combines(object, intent, at);
    if (combined) intent = { ...intent, message: `(combined from similar events): ${intent.message}` };
    // Joined, not a template: V8 keeps a template's result as a rope that holds each of its parts, a copy of the message
    // and field path for every key kept. A combined Event's key is its reason's: every later similar one counts on it.
    const key = combined ? [object, '*', intent.type, intent.reason].join('|') : [object, fieldPath ?? '', intent.reason, intent.message].join('|');
    const now = kubeTime(new Date(at));
    const sends = !this.correlate || this.admits(object, at);
    const written = (this.writing.get(key) ?? Promise.resolve()).then(() => (sends ? this.write(key, involved, intent, now, fieldPath, cause) : this.dropped(key)));
    this.writing.set(key, written);
    await written;
    if (this.writing.get(key) === written) this.writing.delete(key);
  }

  /**
   * True when `intent` is the 10th message or more of its reason about the object within 10 minutes of the last: it is
   * then written as the combined Event. Like client-go, the set of messages stays below 10 (one is let go), so a repeat of
   * a message still in it counts on that message's own Event.
   */
  private combines(object: string, intent: EventIntent, at: number): boolean {
    const key = [object, intent.type, intent.reason].join('|');
    const seen = this.similar.get(key);
    const similar = seen && at - seen.at <= similarWindowMs ? seen : { messages: [], at };
    if (!similar.messages.includes(intent.message)) similar.messages.push(intent.message);
    similar.at = at;
    remember(this.similar, key, similar);
    forgetBefore(this.similar, at - similarWindowMs);
    if (similar.messages.length < similarEventsCombined) return false;
    similar.messages.shift();
    return true;
  }

  /** Takes a token from the object's bucket; false when it is empty (the Event is dropped, as client-go's spam filter drops it). */
  private admits(object: string, at: number): boolean {
    const bucket = { tokens: tokensAt(this.buckets.get(object), at, spamLimit), at };
    const admitted = bucket.tokens >= 1;
    if (admitted) bucket.tokens -= 1;
    remember(this.buckets, object, bucket);
    forgetBefore(this.buckets, at - (spamLimit.burst / spamLimit.qps) * 1000);
    return admitted;
  }

  /** A repeat dropped by the spam filter is still counted, as client-go counts it before it filters: the next one sent says how many there were. */
  private dropped(key: string): void {
    const previous = this.seen.get(key);
    if (previous) remember(this.seen, key, { ...previous, count: previous.count + 1 });
  }

  /** Creates the Event, or counts a repeat on the one already written; one deleted meanwhile is created anew, as client-go does. */
  private async write(key: string, involved: KubeObject, intent: EventIntent, now: string, fieldPath?: string, cause?: number): Promise<void> {
    const previous = this.seen.get(key);
    try {
      if (previous && (await this.repeat(key, previous, intent, now, cause))) return;
      const event = this.event(involved, intent, now, fieldPath);
      const { metadata } = event;
      await this.client.send({ verb: 'create', ...events, namespace: metadata.namespace!, body: event, cause });
      remember(this.seen, key, { name: metadata.name!, namespace: metadata.namespace!, count: 1, ...(metadata.annotations ? { annotations: metadata.annotations } : {}) });
    } catch (e) {
      this.log.warn({ err: (e as Error).message, reason: intent.reason, object: involved.metadata.name }, 'event not recorded');
    }
  }

  /** Counts a repeat on the Event `previous` by a patch (keeping the newest extra data: the decision behind this occurrence); false when it is gone. */
  private async repeat(key: string, previous: Written, intent: EventIntent, now: string, cause?: number): Promise<boolean> {
    const annotations = intent.annotations ? { ...previous.annotations, ...intent.annotations } : previous.annotations;
    // The message too, as client-go's patch has it: a combined Event shows the latest of the messages it counts.
    const patch = { count: previous.count + 1, lastTimestamp: now, message: intent.message, ...(intent.annotations ? { metadata: { annotations } } : {}) };
    try {
      await this.client.send({ verb: 'patch', ...events, namespace: previous.namespace, name: previous.name, body: patch, patchType: 'strategic', cause });
    } catch (e) {
      if (!(e instanceof ApiRequestError && e.code === 404)) throw e;
      this.seen.delete(key);
      return false;
    }
    remember(this.seen, key, { name: previous.name, namespace: previous.namespace, count: patch.count, ...(annotations ? { annotations } : {}) });
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

  /** Forgets what it correlated about an object that is gone. */
  forget(uid: string): void {
    for (const keys of [this.seen, this.similar]) for (const key of keys.keys()) if (key.startsWith(`${uid}|`)) keys.delete(key);
    this.buckets.delete(uid);
  }
}

/** An object as the recorder tells it apart: its uid, or without one its kind, namespace and name (client-go's keys hold all four). */
const objectKey = (o: KubeObject) => o.metadata.uid ?? [o.kind, o.metadata.namespace ?? '', o.metadata.name].join('/');

/** Sets `key` as the most recently used of `cache`, the least recently used let go past client-go's 4096. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > aggregatedEvents) cache.delete(cache.keys().next().value!);
}

/** Lets go the entries of `cache` (least recently used first) last used before `before`. */
function forgetBefore(cache: Map<string, { readonly at: number }>, before: number): void {
  for (const [key, { at }] of cache) {
    if (at >= before) return;
    cache.delete(key);
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
