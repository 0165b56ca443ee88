/**
 * The api-server's operations, shared by the HTTP (kubectl) and NATS (services)
 * front doors: reads from the committed projection, writes through the committer.
 */
import {
  badRequest, checkDeletePreconditions, expired, matchesFields, matchesLabels, notFound, parseFieldSelector, parseLabelSelector,
  SelectorError, storeKindOf, translateFieldSelector, validateFieldSelector, type Command, type FieldRequirement, type KubeObject, type LabelRequirement, type ResourceType, type UserInfo,
} from '@kubelab/api';
import type { AuditRecorder } from './audit/audit-recorder.js';
import type { EtcdStore } from './etcd/etcd-store.js';
import { RequestMetrics } from './metrics/request-metrics.js';
import type { ResourceMetrics } from './metrics/resource-metrics.js';
import type { CommandResult, Committer } from './store/committer.js';
import type { LiveObjects } from './store/live-objects.js';
import { headerOf, type ObjectStore, type StoredObject } from './store/object-store.js';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: StoredObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Parsed label and field selectors, with Kubernetes' 400 for bad ones. */
export interface Selectors {
  labels: LabelRequirement[];
  fields: FieldRequirement[];
}

export function parseSelectors(t: ResourceType, labelSelector?: string, fieldSelector?: string): Selectors {
  return refusingBadSelectors(() => {
    const fields = validateFieldSelector(t, fieldSelector ? parseFieldSelector(fieldSelector) : []);
    return { labels: labelSelector ? parseLabelSelector(labelSelector) : [], fields };
  });
}

/**
 * The field selector a request asked of the served type `t`, checked for it and rewritten
 * onto the fields of its stored objects (events.k8s.io/v1 `regarding.name` → the core
 * Event's `involvedObject.name`), with Kubernetes' 400 when `t` refuses it.
 */
export function storedFieldSelector(t: ResourceType, fieldSelector?: string): string | undefined {
  return refusingBadSelectors(() => translateFieldSelector(t, fieldSelector));
}

function refusingBadSelectors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
}

/** True when the object passes both selectors. */
export function selected(obj: KubeObject, s: Selectors): boolean {
  return matchesLabels(s.labels, obj.metadata.labels ?? {}) && matchesFields(s.fields, obj);
}

interface ContinueToken {
  rv: number;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return parsed;
  } catch {
    // fall through to the refusal below
  }
  throw badRequest('invalid continue token');
}

const keyOf = (s: StoredObject) => {
  const { namespace, name } = headerOf(s);
  return `${namespace ?? ''}/${name}`;
};

/** selected for a stored object: its labels are read without parsing a settled pod, and the whole object only for a field selector. */
const storedSelected = (s: StoredObject, selectors: Selectors): boolean =>
  matchesLabels(selectors.labels, headerOf(s).labels ?? {}) && (selectors.fields.length === 0 || matchesFields(selectors.fields, s.object));

export class ApiService {
  /** How long the requests this api-server served took (apiserver_request_duration_seconds at /metrics), over HTTPS and NATS alike. */
  readonly requests = new RequestMetrics();

  constructor(
    private readonly store: ObjectStore,
    private readonly committer: Committer,
    private readonly oldestResumableSeq: () => number,
    /** Where refusals and dropped connections are written: the log's audit entries. */
    readonly audit: AuditRecorder,
    /** The resource metrics API (metrics.k8s.io), read from the agents' usage reports. */
    readonly metrics: ResourceMetrics,
    private readonly live?: LiveObjects,
    /** The store as etcd's tools see it, for the control-plane node's etcdctl and etcd. */
    readonly etcd?: EtcdStore,
  ) {}

  get lastSeq(): number {
    return this.committer.lastCommittedSeq;
  }

  /** Resolves once reads show every write acknowledged before the call, whichever api-server of a shared log took it. */
  caughtUp(): Promise<void> {
    return this.committer.caughtUp();
  }

  /** One object, or 404. */
  get(t: ResourceType, namespace: string, name: string): StoredObject {
    const found = this.tryGet(t, namespace, name);
    if (!found) throw notFound(t, name);
    return found;
  }

  /** One object, or undefined. */
  tryGet(t: ResourceType, namespace: string, name: string): StoredObject | undefined {
    const ns = t.namespaced ? namespace : '';
    return this.live?.get(storeKindOf(t), ns, name) ?? this.store.get(storeKindOf(t), ns, name);
  }

  /**
   * Objects of a kind in a namespace (undefined: all), filtered and paged: a page walks from where the last one ended
   * until it is full. As kube-apiserver, remainingItemCount is given only to a list without selectors.
   */
  list(t: ResourceType, namespace: string | undefined, options: ListOptions): ListResult {
    const selectors = parseSelectors(t, options.labelSelector, options.fieldSelector);
    let rv = this.lastSeq;
    let after: string | undefined;
    if (options.continue) {
      const token = decodeContinue(options.continue);
      if (token.rv < this.oldestResumableSeq()) throw expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
      rv = token.rv;
      after = token.start;
    }
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const { walk, countAfter } = this.candidates(t, namespace, selectors, after);
    const items: StoredObject[] = [];
    let full = false;
    for (const s of walk) {
      if (!storedSelected(s, selectors)) continue;
      if (items.length === limit) {
        full = true;
        break;
      }
      items.push(s);
    }
    if (!full) return { items, resourceVersion: String(rv) };
    const last = keyOf(items[items.length - 1]);
    const next = Buffer.from(JSON.stringify({ rv, start: last })).toString('base64url');
    const unselected = selectors.labels.length === 0 && selectors.fields.length === 0;
    return { items, resourceVersion: String(rv), continue: next, ...(unselected ? { remainingItemCount: countAfter(last) } : {}) };
  }

  /**
   * What a list walks, from just after `after`: a node's pods when the field selector names one (the store's index, as
   * a kubelet lists them), the kind's objects with the live ones merged in (few: Leases, an APIService), or else the
   * projection's, one by one; and how many of them come after a key.
   */
  private candidates(t: ResourceType, namespace: string | undefined, selectors: Selectors, after: string | undefined): { walk: Iterable<StoredObject>; countAfter: (key: string) => number } {
    const kind = storeKindOf(t);
    const scope = t.namespaced ? namespace : undefined;
    const node = kind === 'Pod' ? selectors.fields.find((f) => f.field === 'spec.nodeName' && f.operator !== '!=') : undefined;
    const live = this.live?.list(kind, scope) ?? [];
    if (!node && live.length === 0) return { walk: this.store.walk(kind, scope, after), countAfter: (key) => this.store.countAfter(kind, scope, key) };
    const all = this.withLive(t, node ? this.store.podsOn(node.value, scope) : this.store.list(kind, scope), namespace);
    const from = after === undefined ? all : all.filter((s) => keyOf(s) > after);
    return { walk: from, countAfter: (key) => all.filter((s) => keyOf(s) > key).length };
  }

  /** The projection's objects with the live ones merged in, in key order (a live object wins its key). */
  private withLive(t: ResourceType, stored: StoredObject[], namespace: string | undefined): StoredObject[] {
    const live = this.live?.list(storeKindOf(t), t.namespaced ? namespace : undefined) ?? [];
    if (live.length === 0) return stored;
    const merged = new Map(stored.map((s) => [keyOf(s), s]));
    for (const s of live) merged.set(keyOf(s), s);
    return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  }

  /** What the projection holds, in Prometheus' text format (part of GET /metrics): how many pods it keeps as text (settled pods). */
  storageMetricsText(): string {
    const name = 'kubelab_apiserver_settled_pods';
    return `# HELP ${name} Pods held as text, not objects: running and ready, or finished, and unchanged for --settle-pods-after-seconds.\n# TYPE ${name} gauge\n${name} ${this.store.settledPods}\n`;
  }

  /** A list as JSON text, its items' texts written one by one. */
  listJson(t: ResourceType, result: ListResult): string {
    const apiVersion = t.group ? `${t.group}/${t.version}` : t.version;
    const metadata = JSON.stringify({
      resourceVersion: result.resourceVersion,
      ...(result.continue ? { continue: result.continue, remainingItemCount: result.remainingItemCount } : {}),
    });
    return `{"kind":"${t.listKind}","apiVersion":"${apiVersion}","metadata":${metadata},"items":[${result.items.map((s) => s.json).join(',')}]}`;
  }

  /**
   * Writes as `actor` (named in the log); `user`, when the request was authenticated, is what admission judges. A delete of
   * a live object its source lets clients delete (a heartbeat Lease) goes to that source: nothing of it is in the log.
   */
  async execute(command: Command, actor: string, cause: number | null = null, user?: UserInfo): Promise<CommandResult> {
    if (command.type === 'Delete') return (await this.deleteLive(command)) ?? this.committer.execute(command, actor, cause, user);
    if (command.type !== 'DeleteCollection') return this.committer.execute(command, actor, cause, user);
    const live = await this.deleteLiveCollection(command);
    if (live.deleted.length === 0) return this.committer.execute(command, actor, cause, user);
    const logged = await this.committer.execute({ ...command, names: live.rest }, actor, cause, user);
    const list = JSON.parse(logged.body) as { items: unknown[] };
    return { ...logged, body: JSON.stringify({ ...list, items: [...live.deleted, ...list.items] }) };
  }

  /** DELETE of one live object, answered with it as kube-apiserver answers an immediate deletion; undefined when its source keeps it. */
  private async deleteLive(c: Extract<Command, { type: 'Delete' }>): Promise<CommandResult | undefined> {
    const kind = storeKindOf(c.resource);
    const ns = c.resource.namespaced ? c.namespace : '';
    const found = this.live?.get(kind, ns, c.name);
    if (!found || !this.live?.delete) return undefined;
    checkDeletePreconditions(c.resource, found.object, c.options);
    if (!(await this.live.delete(kind, ns, c.name, c.options.dryRun === true))) return undefined;
    return { code: 200, body: found.json, warnings: [] };
  }

  /** The live objects of a DELETE on a collection, deleted; the names left for the log. */
  private async deleteLiveCollection(c: Extract<Command, { type: 'DeleteCollection' }>): Promise<{ deleted: KubeObject[]; rest: string[] }> {
    const kind = storeKindOf(c.resource);
    const ns = c.resource.namespaced ? c.namespace : '';
    const deleted: KubeObject[] = [];
    const rest: string[] = [];
    for (const name of c.names) {
      const found = this.live?.get(kind, ns, name);
      if (found && (await this.live?.delete?.(kind, ns, name, c.options.dryRun === true))) deleted.push(found.object);
      else rest.push(name);
    }
    return { deleted, rest };
  }
}
