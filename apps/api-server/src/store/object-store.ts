/**
 * The api-server's in-memory projection: committed objects (what reads and watches
 * see) plus an overlay of decided-but-not-yet-committed changes (what the next
 * decision must see). Only the committer moves entries from the overlay to committed.
 */
import { podReferences, sharedValue, shareStrings, type KubeObject, type Pod, type PodReferences, type StateView } from '@kubelab/api';
import { decodeRowData, encodeRowData } from '@kubelab/event-store';
import { TextTemplate } from './text-template.js';
import { firstAfter, OrderedKeys } from './ordered-keys.js';

/** A stored object and its JSON text, as a reply carries it. */
export interface StoredObject {
  readonly object: KubeObject;
  readonly json: string;
}

/**
 * An object as the projection holds it: its JSON text is written when a reply asks for it, never kept. Kept beside
 * every object, the text was as large as the object itself (100 MiB of 300 at 10,000 pods and their Events), and a
 * list of 500 pods writes it in a few milliseconds.
 */
class Projected implements StoredObject {
  constructor(readonly object: KubeObject) {}

  get json(): string {
    return JSON.stringify(this.object);
  }
}

/**
 * An object held as its log row's stored form alone (row-codec.ts: its JSON deflated against the kind's dictionary),
 * inflated and parsed each time it is read. Events are most of what a busy cluster's api-server holds (five for every pod
 * started: at 100,000 pods, 500,000 of them) and are read seldom: as JSON text an Event took 1.8 KB, deflated 0.3 KB, and
 * one string is nothing for the collector to mark.
 */
class HeldAsText implements StoredObject {
  constructor(private readonly stored: string) {}

  get json(): string {
    return decodeRowData(this.stored);
  }

  get object(): KubeObject {
    return JSON.parse(this.json) as KubeObject;
  }
}

/** What a list orders and selects by and the Node authorizer reads of every pod: kept beside a settled pod's text. */
export interface ObjectHeader {
  readonly namespace?: string;
  readonly name?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A pod that has settled (running and ready, or finished) and not changed for `settleAfterMs`, held as its JSON text's
 * differences from another pod's of its owner (text-template.ts), or, when it has another shape, deflated as its log row
 * is (row-codec.ts); written back and parsed each time it is read. A running pod is written three or four times as it
 * starts and then seldom: as an object it took 3.3 KB of the api-server, so 0.6-0.9 KB (at 100,000 pods, 330 MB
 * against 60-90). What every list and the Node authorizer read of each pod is kept beside it, so that neither parses a pod
 * it passes over.
 */
class SettledPod implements StoredObject, ObjectHeader {
  constructor(
    /** The delta from `template`, or without one the deflated row. */
    private readonly text: string,
    private readonly template: TextTemplate | undefined,
    readonly namespace: string | undefined,
    readonly name: string | undefined,
    readonly labels: Readonly<Record<string, string>> | undefined,
    readonly nodeName: string,
    readonly references: PodReferences,
  ) {}

  get json(): string {
    return this.template ? this.template.expand(this.text) : decodeRowData(this.text);
  }

  get object(): KubeObject {
    return JSON.parse(this.json) as KubeObject;
  }
}

/** Pods of another shape than their owner's template in a row before one of them becomes the template: odd ones are held deflated. */
const missesBeforeNewTemplate = 4;

/** The templates a settled pod's text is held against (TextTemplate), by owner: one per ReplicaSet, the most recent kept. */
class Templates {
  private readonly byOwner = new Map<string, { readonly template: TextTemplate; misses: number }>();

  constructor(private readonly kept = 1024) {}

  /**
   * `pod`'s text (`json`) as a delta, with the template it is one of: its owner's, or a new one of its shape when the owner
   * has none or its last pods all had another shape; undefined when it is to be held deflated (a pod unlike its owner's
   * others would otherwise leave a template of its own, 4 KB, behind each).
   */
  delta(pod: Pod, json: string): { text: string; template: TextTemplate } | undefined {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller)?.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.generateName ?? ''}`;
    const held = this.byOwner.get(owner);
    const text = held?.template.delta(json);
    if (held && text !== undefined) {
      held.misses = 0;
      return { text, template: held.template };
    }
    if (held && ++held.misses < missesBeforeNewTemplate) return undefined;
    const template = new TextTemplate(json);
    const own = template.delta(json);
    if (own === undefined) return undefined;
    this.byOwner.delete(owner);
    if (this.byOwner.size >= this.kept) this.byOwner.delete(this.byOwner.keys().next().value!);
    this.byOwner.set(owner, { template, misses: 0 });
    return { text: own, template };
  }
}

/** Whether a pod's next change is likely far off: it runs and is ready, or it has finished; and nobody is deleting it. */
function isSettled(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  return phase === 'Running' && (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** `pod` as a SettledPod, `json` its JSON text. */
function settledPod(pod: Pod, json: string, templates: Templates): SettledPod {
  const { namespace, name, labels } = pod.metadata;
  const delta = templates.delta(pod, json);
  // The labels and references of a ReplicaSet's pods are alike: one copy, shared (and frozen, so the copy, not the pod's own).
  return new SettledPod(
    delta?.text ?? encodeRowData('Pod', json), delta?.template, namespace, name, labels && sharedValue({ ...labels }), pod.spec?.nodeName ?? '', sharedValue(podReferences(pod)),
  );
}

/** The namespace, name and labels of a stored object, without writing out and parsing a settled pod. */
export const headerOf = (stored: StoredObject): ObjectHeader => (stored instanceof SettledPod ? stored : stored.object.metadata);

/** The node a stored pod is bound to ('' while unscheduled). */
const nodeNameOf = (stored: StoredObject): string => (stored instanceof SettledPod ? stored.nodeName : ((stored.object as Pod).spec?.nodeName ?? ''));

/** The objects a stored pod names (its ServiceAccount, Secrets, ConfigMaps, claims), for the Node authorizer. */
export const referencesOf = (stored: StoredObject): PodReferences => (stored instanceof SettledPod ? stored.references : podReferences(stored.object));

/** Kinds the projection holds as their stored row (HeldAsText). */
const heldAsText = new Set(['Event']);

/** What the log's row of an object of `kind` holds (JSON text `json`): its stored form for a kind the projection keeps so, else the text itself. */
export const rowData = (kind: string, json: string): string => (heldAsText.has(kind) ? encodeRowData(kind, json) : json);

/** What a decision's overlay holds of `object` until it is committed. */
export const projected = (object: KubeObject): StoredObject => new Projected(object);

/**
 * What the projection keeps of a committed (or loaded) object of `kind`, `data` its log row's data (rowData, the JSON text,
 * or the stored form read back): a kind held as text keeps that; any other its `object`, with its strings shared with the
 * equal ones it already holds (an image, a node's name, a condition's type are the same in a thousand pods: JSON.parse
 * gives each its own copy).
 */
export function committedProjection(kind: string, data: string, object: () => KubeObject): StoredObject {
  return heldAsText.has(kind) ? new HeldAsText(encodeRowData(kind, data)) : new Projected(shareStrings(object()));
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/** Where in the sorted `keys` a namespace's objects (all: undefined) after the key `after` begin, and where they end: a namespace's keys are the run that starts with its prefix. */
function range(keys: readonly string[], namespace: string | undefined, after: string | undefined): [number, number] {
  const prefix = namespace === undefined ? '' : `${namespace}/`;
  const first = after !== undefined && after >= prefix ? firstAfter(keys, after, true) : firstAfter(keys, prefix, false);
  const end = namespace === undefined ? keys.length : firstAfter(keys, `${prefix}\uffff`, false);
  return [first, Math.max(first, end)];
}

export class ObjectStore {
  private readonly committed = new Map<string, Map<string, StoredObject>>();
  private readonly overlay = new Map<string, Map<string, StoredObject | null>>();
  /** Per kind, its committed keys (namespace/name) in order, made at its first list: every page of a chunked one walks them. */
  private readonly ordered = new Map<string, OrderedKeys>();
  /** Per kind, how many committed changes it has seen: what a cache of decisions about that kind keys on. */
  private readonly versions = new Map<string, number>();
  /**
   * The committed pods' keys by spec.nodeName ('' while unscheduled), as kube-apiserver's watch cache indexes pods: every
   * kubelet lists and relists its own node's pods, and a thousand nodes' lists each walking 100,000 pods kept the
   * api-server from answering anything else.
   */
  private readonly podsByNode = new Map<string, Set<string>>();
  /** Pods committed settled, in commit order from `settlingFrom`: held as SettledPod once unchanged for `settleAfterMs`. */
  private settling: { readonly key: string; readonly stored: StoredObject; readonly json?: string; readonly at: number }[] = [];
  private settlingFrom = 0;
  private settledCount = 0;
  private readonly templates = new Templates();

  /**
   * `settleAfterMs`: how long a settled pod goes unchanged before it is held as text (SettledPod), past the writes of its
   * start; `now`, the clock it is measured on (ms).
   */
  constructor(private readonly settleAfterMs = 10_000, private readonly now: () => number = Date.now) {}

  /** How many pods are held as their text (SettledPod) now. */
  get settledPods(): number {
    return this.settledCount;
  }

  /** A number that changes whenever a committed object of `kind` does. */
  version(kind: string): number {
    return this.versions.get(kind) ?? 0;
  }

  /** The view a decision reads: the overlay wins over committed state. */
  readonly decisionView: StateView = {
    get: (kind, namespace, name) => {
      const pending = this.overlay.get(kind)?.get(keyOf(namespace, name));
      if (pending !== undefined) return pending?.object;
      return this.committed.get(kind)?.get(keyOf(namespace, name))?.object;
    },
    list: (kind, namespace) => {
      const merged = new Map(this.committed.get(kind));
      for (const [k, v] of this.overlay.get(kind) ?? []) {
        if (v) merged.set(k, v);
        else merged.delete(k);
      }
      return [...merged.values()].map((s) => s.object).filter((o) => namespace === undefined || (o.metadata.namespace ?? '') === namespace);
    },
  };

  /** Every kind with committed objects. */
  kinds(): string[] {
    return [...this.committed.keys()].filter((kind) => this.committed.get(kind)!.size > 0);
  }

  /** Committed object, for reads. */
  get(kind: string, namespace: string, name: string): StoredObject | undefined {
    return this.committed.get(kind)?.get(keyOf(namespace, name));
  }

  /** Committed objects of a kind (optionally one namespace), in name order. */
  list(kind: string, namespace?: string): StoredObject[] {
    return [...this.walk(kind, namespace)];
  }

  /**
   * The same, one by one from just after the key `after` (namespace/name): a chunked list's page starts where the last
   * ended, found by a binary search, and stops when it is full, instead of every page walking the kind from its start.
   */
  *walk(kind: string, namespace?: string, after?: string): Generator<StoredObject> {
    const objects = this.committed.get(kind);
    if (!objects) return;
    const keys = this.orderedKeys(kind, objects);
    const [first, end] = range(keys, namespace, after);
    for (let i = first; i < end; i++) yield objects.get(keys[i])!;
  }

  /** How many committed objects of a kind (optionally one namespace) come after the key `after`. */
  countAfter(kind: string, namespace: string | undefined, after: string): number {
    const objects = this.committed.get(kind);
    if (!objects) return 0;
    const [first, end] = range(this.orderedKeys(kind, objects), namespace, after);
    return end - first;
  }

  private orderedKeys(kind: string, objects: Map<string, StoredObject>): readonly string[] {
    let keys = this.ordered.get(kind);
    if (!keys) this.ordered.set(kind, (keys = new OrderedKeys(() => objects.keys())));
    return keys.sorted();
  }

  /** Committed pods whose spec.nodeName is `node` ('' : unscheduled), optionally of one namespace, in name order. */
  podsOn(node: string, namespace?: string): StoredObject[] {
    const pods = this.committed.get('Pod');
    const keys = [...(this.podsByNode.get(node) ?? [])].sort();
    return keys.map((key) => pods!.get(key)!).filter((stored) => namespace === undefined || (headerOf(stored).namespace ?? '') === namespace);
  }

  /**
   * Holds up to `max` of the pods that settled at least `settleAfterMs` ago, and have not changed since, as SettledPod; how
   * many it held so. Nothing a reader sees changes: the same text, the same version.
   */
  settle(max: number): number {
    const pods = this.committed.get('Pod');
    const due = this.now() - this.settleAfterMs;
    let held = 0;
    while (held < max && this.settlingFrom < this.settling.length && this.settling[this.settlingFrom].at <= due) {
      const { key, stored, json } = this.settling[this.settlingFrom++];
      if (pods?.get(key) !== stored) continue;
      pods.set(key, settledPod(stored.object as Pod, json ?? stored.json, this.templates));
      held++;
      this.settledCount++;
    }
    if (this.settlingFrom === this.settling.length || this.settlingFrom > 4096) {
      this.settling = this.settling.slice(this.settlingFrom);
      this.settlingFrom = 0;
    }
    return held;
  }

  /** Records a decided change for later decisions (null: deleted). */
  stage(kind: string, namespace: string, name: string, stored: StoredObject | null): void {
    let m = this.overlay.get(kind);
    if (!m) this.overlay.set(kind, (m = new Map()));
    m.set(keyOf(namespace, name), stored);
  }

  /** Makes a committed change visible to reads (`json`: the object's text, when at hand); drops the overlay entry if nothing newer is staged. */
  commit(kind: string, namespace: string, name: string, stored: StoredObject | null, json?: string): void {
    const key = keyOf(namespace, name);
    let m = this.committed.get(kind);
    if (!m) this.committed.set(kind, (m = new Map()));
    if (m.has(key) !== Boolean(stored)) this.ordered.get(kind)?.changed(key, Boolean(stored));
    if (kind === 'Pod') {
      if (m.get(key) instanceof SettledPod) this.settledCount--;
      this.indexPod(key, m.get(key), stored);
      if (stored instanceof Projected && isSettled(stored.object as Pod)) this.settling.push({ key, stored, ...(json === undefined ? {} : { json }), at: this.now() });
    }
    if (stored) m.set(key, stored);
    else m.delete(key);
    this.versions.set(kind, this.version(kind) + 1);
    const staged = this.overlay.get(kind);
    if (staged?.has(key) && staged.get(key)?.object === stored?.object) staged.delete(key);
  }

  /** Files a pod's key under its node, moving it from the node of the version it replaces. */
  private indexPod(key: string, before: StoredObject | undefined, after: StoredObject | null): void {
    const [from, to] = [before && nodeNameOf(before), after ? nodeNameOf(after) : undefined];
    if (from === to) return;
    if (from !== undefined) {
      const keys = this.podsByNode.get(from)!;
      keys.delete(key);
      if (keys.size === 0) this.podsByNode.delete(from);
    }
    if (to === undefined) return;
    let keys = this.podsByNode.get(to);
    if (!keys) this.podsByNode.set(to, (keys = new Set()));
    keys.add(key);
  }

  /** Forgets every staged change (their batch failed to commit). */
  discardOverlay(): void {
    this.overlay.clear();
  }

  /** Loads committed state at start-up. */
  load(kind: string, namespace: string, name: string, stored: StoredObject): void {
    this.commit(kind, namespace, name, stored);
  }
}

