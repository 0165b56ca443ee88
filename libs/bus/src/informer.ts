/**
 * An informer: a local cache of one kind, kept by list + the committed event stream.
 * Events are numbered gap-free, so a missing seq (or a head beacon ahead of what
 * arrived) means something was lost: the cache relists and carries on.
 */
import { isAuditEntry, type KubeObject } from '@kubelab/api';
import type { Subscription } from 'nats';
import type { ApiClient, ResourceRef } from './api-client.js';
import type { BusEvent, HeadBeacon } from './messages.js';
import { subjects } from './subjects.js';

export type InformerHandler = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject, event?: BusEvent) => void;

const decoder = new TextDecoder();
/**
 * After a relist that failed (the api-server did not answer: restarting, or moving to another member of a NATS
 * cluster), the next try waits this long, doubling up to the cap: client-go's reflector backs off so, 800 ms to 30 s.
 */
const relistBackoff = { initialMs: 800, maxMs: 30_000 };
const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  /** The newest seq this process has seen of the whole log (not only this kind). */
  private seenSeq = 0;
  private synced = false;
  private relisting: Promise<void> | undefined;
  private buffered: BusEvent[] = [];
  private subs: Subscription[] = [];
  private readonly handlers: InformerHandler[] = [];
  /** How many times the cache had to relist after a gap (observable in tests and logs). */
  relists = 0;
  private retryMs = relistBackoff.initialMs;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly client: ApiClient, private readonly resource: ResourceRef & { kind: string }, private readonly namespace?: string) {}

  onChange(handler: InformerHandler): void {
    this.handlers.push(handler);
  }

  /** Subscribes, lists, and resolves once the cache holds the listed state. */
  async start(): Promise<void> {
    const nc = this.client.connection;
    this.subs.push(nc.subscribe(subjects.events, { callback: (_e, msg) => this.receive(JSON.parse(decoder.decode(msg.data)) as BusEvent) }));
    this.subs.push(nc.subscribe(subjects.head, { callback: (_e, msg) => this.beacon(JSON.parse(decoder.decode(msg.data)) as HeadBeacon) }));
    await this.relist();
  }

  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.cache.get(`${namespace}/${name}`);
  }

  /** The seq the cache is current at. */
  get resourceVersion(): number {
    return this.seenSeq;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.subs.forEach((s) => s.unsubscribe());
    this.subs = [];
  }

  private receive(event: BusEvent): void {
    if (!this.synced) {
      this.buffered.push(event);
      return;
    }
    if (event.seq <= this.seenSeq) return;
    if (event.seq !== this.seenSeq + 1) {
      this.resync();
      return;
    }
    this.apply(event);
  }

  private beacon(head: HeadBeacon): void {
    if (this.synced && head.seq > this.seenSeq && !this.relisting) {
      // The beacon is sent after the events it counts; one beacon of slack avoids racing them.
      setTimeout(() => {
        if (this.synced && head.seq > this.seenSeq) this.resync();
      }, 500);
    }
  }

  private apply(event: BusEvent): void {
    this.seenSeq = event.seq;
    // A refusal or a dropped connection counts in the gap-free order but changes no object.
    if (isAuditEntry(event.type) || event.kind !== this.resource.kind) return;
    if (this.namespace !== undefined && event.namespace !== this.namespace) return;
    const key = keyOf(event.object);
    if (event.watchType === 'DELETED') this.cache.delete(key);
    else this.cache.set(key, event.object);
    for (const h of this.handlers) h(event.watchType, event.object, event);
  }

  private relist(): Promise<void> {
    this.relisting ??= this.doRelist().finally(() => (this.relisting = undefined));
    return this.relisting;
  }

  /** Relists after a gap until a relist succeeds: the cache stays as it was (and events wait in order) meanwhile. */
  private resync(): void {
    this.relist().then(() => (this.retryMs = relistBackoff.initialMs), () => {
      if (this.stopped) return;
      this.retryTimer = setTimeout(() => this.resync(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, relistBackoff.maxMs);
    });
  }

  private async doRelist(): Promise<void> {
    this.synced = false;
    if (this.seenSeq > 0) this.relists++;
    const list = await this.client.list(this.resource, this.namespace);
    const listed = Number(list.metadata.resourceVersion);
    const fresh = new Map(list.items.map((o) => [keyOf(o), o] as const));
    for (const [key, old] of this.cache) if (!fresh.has(key)) this.emit('DELETED', old);
    for (const [key, obj] of fresh) {
      const old = this.cache.get(key);
      if (!old) this.emit('ADDED', obj);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit('MODIFIED', obj);
    }
    this.cache.clear();
    fresh.forEach((v, k) => this.cache.set(k, v));
    this.seenSeq = Math.max(this.seenSeq, listed);
    this.synced = true;
    const pending = this.buffered.splice(0).sort((a, b) => a.seq - b.seq);
    for (const e of pending) this.receive(e);
  }

  private emit(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject): void {
    for (const h of this.handlers) h(type, obj);
  }
}
