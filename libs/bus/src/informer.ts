/**
 * An informer: a local cache of one kind, kept by list + the committed event stream.
 * Events are numbered gap-free, so a missing seq (or a head beacon ahead of what
 * arrived) means something was lost: the cache asks the api-server for the events it
 * missed, as a reflector's watch resumes from its last resourceVersion, and lists its
 * kind again only when they are too old to be remembered.
 * An event whose headers show it cannot concern the cache (another kind, another
 * node's pod) only advances the seq: its body is never parsed.
 * A kubelet-agent's caches follow lanes instead (event-lanes.ts): only their nodes' pods and
 * the kinds agents cache come to them, each lane's event naming the one before it.
 */
import { isAuditEntry, type KubeObject, type Pod } from '@kubelab/api';
import { Events, type Msg, type NatsConnection } from 'nats';
import type { ApiClient, ResourceRef } from './api-client.js';
import { eventSummary, type EventSummary } from './event-headers.js';
import { laneOf, laneSubject } from './event-lanes.js';
import type { BusEvent, HeadBeacon } from './messages.js';
import { listen, type Listening } from './shared-subscription.js';
import { subjects } from './subjects.js';

/** What an informer's handlers are told; `T` is the informer's kind (a Pod for a pod informer). */
export type InformerHandler<T extends KubeObject = KubeObject> = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T, event?: BusEvent) => void;

/**
 * One field-selected list of a partitioned cache (a kubelet's `spec.nodeName=<node>`), with the
 * test of an event's headers that says it is in that part. Parts must be by fields an object
 * never leaves once it has them (a pod's spec.nodeName, a name): an object changing part is not
 * followed out of the cache.
 */
export interface InformerPart {
  fieldSelector: string;
  holds(summary: EventSummary): boolean;
  /** With `lanes`: the lane its events are on, when not its kind's (a node's pods). */
  lane?: string;
}

export interface InformerOptions<T extends KubeObject = KubeObject> {
  /** Only this namespace's objects. */
  namespace?: string;
  /** The cache is the union of these lists, each listed on its own: e.g. a pod list per node an agent hosts. */
  parts?: InformerPart[];
  /** As client-go's SetTransform: what the cache keeps of each object (the handlers see the same). */
  transform?: (object: T) => T;
  /**
   * As client-go's Indexers: per index name, the values an object is filed under, so that `byIndex`
   * answers "the pods of this owner" from a map instead of a scan of the whole cache.
   */
  indexers?: Record<string, (object: T) => readonly string[]>;
  /**
   * Follows the lanes of its parts (or its kind's) instead of the whole stream, as a kubelet-agent's caches do
   * (event-lanes.ts): NATS brings it only what it may hold. Only for the kinds a lane carries.
   */
  lanes?: boolean;
}

/**
 * As the transform kube-controller-manager's and kube-scheduler's informers are given: an object
 * cached without its managedFields, which no controller reads (an update sent without them keeps
 * the live ones) and which make up a third of a pod. Changes the freshly parsed object in place.
 * The metadata is made anew, its members in their order, rather than managedFields deleted: V8 turns
 * an object that loses a member other than its last into a dictionary, ~430 bytes more per object
 * (the cached pods' metadata were, their managedFields not being last).
 */
export function stripManagedFields<T extends KubeObject>(object: T): T {
  if (!('managedFields' in object.metadata)) return object;
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  object.metadata = metadata;
  return object;
}

/** An event as it arrived: what its headers say, and its body, parsed on first need; on a lane, which. */
interface Arrived {
  summary: EventSummary;
  data: Uint8Array;
  event?: BusEvent;
  lane?: string;
}

/** A relist's result: the items, the newest resourceVersion among the lists (`listed`) and the oldest. */
interface Listing<T> {
  listed: number;
  oldest: number;
  items: T[];
}

/** How long a relist of several parts waits for the events committed between their lists before it lists again. */
const spanArrivalMs = 2000;
/** Parts listed at once: an agent of a hundred nodes lists them in a few rounds, not a hundred. */
const partListsInFlight = 4;
const listRetryFirstMs = 200;
const listRetryMaxMs = 10_000;
const decoder = new TextDecoder();
const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const parsed = (a: Arrived): BusEvent => (a.event ??= JSON.parse(decoder.decode(a.data)) as BusEvent);

const noData: Uint8Array = new Uint8Array();

/** An event that came parsed (replayed, or without headers) is summarised from its body. */
function arrivedEvent(event: BusEvent, data: Uint8Array = noData): Arrived {
  const nodeName = event.kind === 'Pod' ? (event.object as Pod | undefined)?.spec?.nodeName : undefined;
  return { summary: { seq: event.seq, type: event.type, kind: event.kind, namespace: event.namespace, name: event.name, nodeNames: nodeName ? [nodeName] : [] }, data, event };
}

/** An event without headers (a publisher that sends none) is summarised from its body. */
function arrived(msg: Msg): Arrived {
  const summary = eventSummary(msg.headers);
  if (summary) return { summary, data: msg.data };
  return arrivedEvent(JSON.parse(decoder.decode(msg.data)) as BusEvent, msg.data);
}

/** Each message's headers, summarised once for every informer that hears it. */
const summarised = new WeakMap<Msg, EventSummary>();

/** What an event of `kubelab.events` is, read once per message for every listener of the process (its headers, or its body without). */
export function summaryOf(msg: Msg): EventSummary {
  let summary = summarised.get(msg);
  if (!summary) summarised.set(msg, (summary = arrived(msg).summary));
  return summary;
}

/** An event as one informer receives it: the headers every informer of the process shares, its own copy of the body to parse. */
function arrivedOnce(msg: Msg): Arrived {
  return { summary: summaryOf(msg), data: msg.data };
}

/**
 * `T` is the kind the informer caches (`Informer<Pod>` for pods): every object it holds arrived as
 * an event or a list item of `resource.kind`, so it is narrowed to `T` once, where it arrives.
 */
export class Informer<T extends KubeObject = KubeObject> {
  private readonly cache = new Map<string, T>();
  /** Per index name, per value, the objects filed under it by key. */
  private readonly indexes = new Map<string, Map<string, Map<string, T>>>();
  /** The newest seq this process has seen of the whole log (not only this kind). */
  private seenSeq = 0;
  private synced = false;
  private relisting: Promise<void> | undefined;
  private buffered: Arrived[] = [];
  /** Per part, the resourceVersion it was last listed at: an event at or below it is already in the list. */
  private readonly listedAt = new Map<InformerPart, number>();
  private subs: Listening[] = [];
  private readonly handlers: InformerHandler<T>[] = [];
  /** How many times the cache caught up with the events it missed, replayed by the api-server (observable in tests). */
  replays = 0;
  /** How many times the cache had to relist after a gap, the events it missed no longer remembered. */
  relists = 0;
  /** How many lists failed (timed out, refused) and were tried again. */
  listFailures = 0;
  /** How many replay requests went unanswered in time and were tried again. */
  replayFailures = 0;
  private stopped = false;
  /** With `lanes`: per lane followed, the seq through which the cache holds every event of it. */
  private readonly laneSeen = new Map<string, number>();
  /** With `lanes`: the lanes found to have missed an event, which the next replay catches up. */
  private readonly behind = new Set<string>();

  constructor(private readonly client: ApiClient, private readonly resource: ResourceRef & { kind: string }, private readonly options: InformerOptions<T> = {}) {
    if (!options.lanes) return;
    const kindLane = laneOf(resource.kind, undefined);
    for (const lane of options.parts ? options.parts.map((p) => p.lane ?? kindLane) : [kindLane]) {
      if (lane === undefined) throw new Error(`no lane carries every ${resource.kind} of this cache`);
      this.laneSeen.set(lane, 0);
    }
  }

  onChange(handler: InformerHandler<T>): void {
    this.handlers.push(handler);
  }

  /** Subscribes, lists, and resolves once the cache holds the listed state. */
  async start(): Promise<void> {
    const nc = this.client.connection;
    // Over the connection's one subscription to each (shared-subscription.ts): a process's informers, two dozen in the
    // controller-manager, have each event sent and its headers read once, not once each.
    if (this.options.lanes) {
      for (const lane of this.laneSeen.keys()) this.subs.push(listen(nc, laneSubject(lane), (msg) => this.receive({ ...arrivedOnce(msg), lane })));
      this.subs.push(this.resyncOnReconnect(nc));
    } else {
      this.subs.push(listen(nc, subjects.events, (msg) => this.receive(arrivedOnce(msg))));
      this.subs.push(listen(nc, subjects.head, (msg) => this.beacon(JSON.parse(decoder.decode(msg.data)) as HeadBeacon)));
    }
    await this.relist();
  }

  /**
   * On lanes, the events published while the connection was down (a partition drill cut it) are replayed as soon as it is
   * back, not when the next event or beacon of a lane shows the gap: a quiet lane's beacon comes every ten seconds.
   */
  private resyncOnReconnect(nc: NatsConnection): Listening {
    const statuses = nc.status()[Symbol.asyncIterator]();
    void (async () => {
      for (let next = await statuses.next(); !next.done; next = await statuses.next()) {
        if (next.value.type !== Events.Reconnect || !this.synced) continue;
        for (const lane of this.laneSeen.keys()) this.behind.add(lane);
        void this.resync();
      }
    })();
    return { unsubscribe: () => void statuses.return?.() };
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  get(namespace: string, name: string): T | undefined {
    return this.cache.get(`${namespace}/${name}`);
  }

  /** The cached objects filed under `value` by the indexer `index` (one of `options.indexers`). */
  byIndex(index: string, value: string): T[] {
    const filed = this.indexes.get(index)?.get(value);
    if (!filed) {
      if (!this.options.indexers?.[index]) throw new Error(`no index ${index}`);
      return [];
    }
    return [...filed.values()];
  }

  /** The seq the cache is current at. */
  get resourceVersion(): number {
    return this.seenSeq;
  }

  stop(): void {
    this.stopped = true;
    this.subs.forEach((s) => s.unsubscribe());
    this.subs = [];
  }

  private receive(event: Arrived): void {
    if (!this.synced) {
      this.buffered.push(event);
      return;
    }
    if (event.lane !== undefined) return this.receiveOnLane(event, event.lane);
    if (event.summary.seq <= this.seenSeq) return;
    if (event.summary.seq !== this.seenSeq + 1) {
      this.buffered.push(event);
      void this.resync();
      return;
    }
    this.seenSeq = event.summary.seq;
    this.apply(event);
  }

  /**
   * An event or a beacon of a lane: applied when the cache has seen the lane through the event before it; else (and for a
   * beacon ahead of what arrived, sent after the events it counts) the events missed are replayed.
   */
  private receiveOnLane(event: Arrived, lane: string): void {
    const seen = this.laneSeen.get(lane)!;
    const { seq, lanePrevious, laneHead } = event.summary;
    if (seq <= seen) return;
    if (laneHead || lanePrevious === undefined || lanePrevious > seen) {
      if (!laneHead) this.buffered.push(event);
      this.behind.add(lane);
      void this.resync();
      return;
    }
    this.laneSeen.set(lane, seq);
    this.seenSeq = Math.max(this.seenSeq, seq);
    this.apply(event);
  }

  private beacon(head: HeadBeacon): void {
    if (this.synced && head.seq > this.seenSeq && !this.relisting) {
      // The beacon is sent after the events it counts; one beacon of slack avoids racing them.
      setTimeout(() => {
        if (this.synced && head.seq > this.seenSeq) void this.resync();
      }, 500);
    }
  }

  /** Whether the event can change this cache: of its kind and namespace, in one of its parts listed before it. */
  private concerns(arrival: Arrived): boolean {
    const { summary } = arrival;
    // A refusal or a dropped connection counts in the gap-free order but changes no object.
    if (isAuditEntry(summary.type) || summary.kind !== this.resource.kind) return false;
    if (this.options.namespace !== undefined && summary.namespace !== this.options.namespace) return false;
    return this.options.parts?.some((p) => (this.listedAt.get(p) ?? 0) < summary.seq && p.holds(summary)) ?? true;
  }

  private apply(arrival: Arrived): void {
    if (!this.concerns(arrival)) return;
    const event = parsed(arrival);
    const arrivedObject = event.object as T;
    const object = this.options.transform ? this.options.transform(arrivedObject) : arrivedObject;
    const key = keyOf(object);
    // As a selected watch tells it: an object new to the cache (a pod just bound to a node of this agent) is ADDED.
    const type = event.watchType === 'DELETED' ? 'DELETED' : this.cache.has(key) ? 'MODIFIED' : 'ADDED';
    this.store(key, type === 'DELETED' ? undefined : object);
    for (const h of this.handlers) h(type, object, event);
  }

  /** Caches `object` at `key` (undefined: drops the key), and files it in the indexes where the one it replaces was. */
  private store(key: string, object: T | undefined): void {
    const old = this.cache.get(key);
    if (object) this.cache.set(key, object);
    else this.cache.delete(key);
    for (const [index, valuesOf] of Object.entries(this.options.indexers ?? {})) {
      let byValue = this.indexes.get(index);
      if (!byValue) this.indexes.set(index, (byValue = new Map()));
      const values = object ? valuesOf(object) : [];
      for (const value of old ? valuesOf(old) : []) {
        if (values.includes(value)) continue;
        const filed = byValue.get(value)!;
        filed.delete(key);
        if (filed.size === 0) byValue.delete(value);
      }
      // An object staying under a value keeps its place there, as it keeps its place in the cache.
      for (const value of values) {
        let filed = byValue.get(value);
        if (!filed) byValue.set(value, (filed = new Map()));
        filed.set(key, object!);
      }
    }
  }

  private relist(): Promise<void> {
    this.relisting ??= this.doRelist().finally(() => (this.relisting = undefined));
    return this.relisting;
  }

  /** After a gap: the missed events replayed, or the kind listed again when they are too old. */
  private resync(): Promise<void> {
    this.relisting ??= this.catchUp().finally(() => {
      this.relisting = undefined;
      // A lane found behind by the events that waited for this catch-up (its own gap, not the one caught up) is caught up next.
      if (this.behind.size > 0 && this.synced) void this.resync();
    });
    return this.relisting;
  }

  private async catchUp(): Promise<void> {
    this.synced = false;
    if (!(await this.replay())) await this.doRelist();
  }

  /**
   * Applies the events after the cache's seq that the api-server still has, in pages, until one reaches its newest;
   * false when they are compacted away. A page not answered (in time, or at all while the api-server is cut off from
   * NATS) is asked again after a back-off, as a list is: a busy api-server asked for whole lists instead only gets busier.
   */
  private async replay(): Promise<boolean> {
    const { kind } = this.resource;
    // On lanes, only those behind, from the oldest seen of them, each skipping what it had: a lane of a quiet node, seen
    // through a change long ago, is not made to replay everything since with it.
    const lanes = this.options.lanes ? (this.behind.size > 0 ? [...this.behind] : [...this.laneSeen.keys()]) : [];
    this.behind.clear();
    const kindLane = laneOf(kind, undefined);
    const parts = this.options.lanes ? this.options.parts?.filter((p) => lanes.includes(p.lane ?? kindLane!)) : this.options.parts;
    const filter = { kind, namespace: this.options.namespace, fieldSelectors: parts?.map((p) => p.fieldSelector) };
    let after = this.options.lanes ? Math.min(...lanes.map((lane) => this.laneSeen.get(lane)!)) : this.seenSeq;
    for (let complete = false, delayMs = listRetryFirstMs; !complete; ) {
      if (this.stopped) return false;
      const reply = await this.client.replay({ after, ...filter }).catch(() => undefined);
      if (reply?.expired) return false;
      if (!reply) {
        this.replayFailures++;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, listRetryMaxMs);
        continue;
      }
      // Applied page by page, so a long span is never held whole; a relist after a later page expires diffs what is cached.
      for (const e of reply.events) {
        const arrival = arrivedEvent(e);
        if (!this.options.lanes) this.apply(arrival);
        else if (this.replayedOnLane(arrival, lanes)) this.apply(arrival);
      }
      for (const lane of lanes) this.laneSeen.set(lane, Math.max(this.laneSeen.get(lane)!, reply.through));
      this.seenSeq = Math.max(this.seenSeq, reply.through);
      after = reply.through;
      complete = reply.complete;
    }
    this.replays++;
    this.synced = true;
    for (const e of this.buffered.splice(0).sort((a, b) => a.summary.seq - b.summary.seq)) this.receive(e);
    return true;
  }

  /** Whether a replayed event is one of the `lanes` replayed that the cache has not had yet. */
  private replayedOnLane(arrival: Arrived, lanes: readonly string[]): boolean {
    const lane = laneOf(arrival.summary.kind, arrival.summary.nodeNames[0]);
    return lane !== undefined && lanes.includes(lane) && arrival.summary.seq > this.laneSeen.get(lane)!;
  }

  private async doRelist(): Promise<void> {
    this.synced = false;
    if (this.seenSeq > 0) this.relists++;
    let listing = await this.listUntilAnswered();
    // A part listed before another misses what came between: the events buffered meanwhile bring it, unless one was lost.
    // On lanes, each lane's events are told from the oldest list of its parts, and a lost one shows as one.
    while (listing && !this.options.lanes && !(await this.buffersSpan(listing.oldest, listing.listed))) listing = await this.listUntilAnswered();
    if (!listing) return;
    const { listed, items } = listing;
    const transform = this.options.transform ?? ((o: T) => o);
    const fresh = new Map(items.map((o) => [keyOf(o), transform(o)] as const));
    for (const [key, old] of this.cache) if (!fresh.has(key)) this.emit('DELETED', old);
    for (const [key, obj] of fresh) {
      const old = this.cache.get(key);
      if (!old) this.emit('ADDED', obj);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit('MODIFIED', obj);
    }
    this.cache.clear();
    this.indexes.clear();
    fresh.forEach((v, k) => this.store(k, v));
    const pending = this.buffered.splice(0).sort((a, b) => a.summary.seq - b.summary.seq);
    if (this.options.lanes) this.listedLanes(listed);
    else for (const e of pending) if (e.summary.seq > listing.oldest && e.summary.seq <= listed) this.apply(e);
    this.seenSeq = Math.max(this.seenSeq, listed);
    this.synced = true;
    for (const e of pending) this.receive(e);
  }

  /** After a list: each lane is held through the oldest list of its parts (the list's, without parts). */
  private listedLanes(listed: number): void {
    const parts = this.options.parts;
    if (!parts) {
      for (const lane of this.laneSeen.keys()) this.laneSeen.set(lane, listed);
      return;
    }
    const kindLane = laneOf(this.resource.kind, undefined);
    const oldest = new Map<string, number>();
    for (const part of parts) {
      const lane = part.lane ?? kindLane!;
      oldest.set(lane, Math.min(oldest.get(lane) ?? Infinity, this.listedAt.get(part) ?? 0));
    }
    for (const [lane, at] of oldest) this.laneSeen.set(lane, at);
  }

  /** Whether every event after `from` up to `to` is buffered, or arrives within a moment (published after commit, it may still be on its way). */
  private async buffersSpan(from: number, to: number): Promise<boolean> {
    const deadline = Date.now() + spanArrivalMs;
    let missing = Array.from({ length: to - from }, (_, i) => from + 1 + i);
    for (let checked = 0; ; ) {
      const arrived = new Set(this.buffered.slice(checked).map((e) => e.summary.seq));
      checked = this.buffered.length;
      missing = missing.filter((seq) => !arrived.has(seq));
      if (missing.length === 0) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Lists until the api-server answers, as client-go's reflector retries its ListAndWatch with
   * backoff (a list can time out while the api-server is busy); undefined once stopped.
   */
  private async listUntilAnswered(): Promise<Listing<T> | undefined> {
    for (let delayMs = listRetryFirstMs; ; delayMs = Math.min(delayMs * 2, listRetryMaxMs)) {
      if (this.stopped) return undefined;
      try {
        return await this.listAll();
      } catch {
        if (this.stopped) return undefined;
        this.listFailures++;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** The whole list, or each part's in turn: `listed` is the newest resourceVersion among them, `oldest` the oldest. */
  private async listAll(): Promise<Listing<T>> {
    const parts = this.options.parts;
    if (!parts) {
      const list = await this.client.list<T>(this.resource, this.options.namespace);
      const listed = Number(list.metadata.resourceVersion);
      return { listed, oldest: listed, items: list.items };
    }
    this.listedAt.clear();
    const items: T[] = [];
    const queue = [...parts];
    const lister = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const list = await this.client.list<T>(this.resource, this.options.namespace, { fieldSelector: part.fieldSelector });
        this.listedAt.set(part, Number(list.metadata.resourceVersion));
        items.push(...list.items);
      }
    };
    await Promise.all(Array.from({ length: Math.min(partListsInFlight, parts.length) }, lister));
    const at = [...this.listedAt.values()];
    return { listed: Math.max(0, ...at), oldest: at.length ? Math.min(...at) : 0, items };
  }

  private emit(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void {
    for (const h of this.handlers) h(type, obj);
  }
}
