/**
 * `kubelab replay --at` and `kubelab verify`. The api-server folds the log with the
 * event store's own `replay` (GET /kubelab/v1/state), so the CLI never keeps a second
 * copy of the projection. `replay` prints nodes and pods as kubectl would have shown
 * them then (STATUS and AGE at that moment); `verify` compares the live list endpoints
 * with the fold of the log and what the log wrote while they were listed.
 */
import { createHash } from 'node:crypto';
import { isAuditEntry, isMetricsApiService, printTable, resourceTypes, resourceTypesOfCrd, storedTypes, type KubeObject, type ResourceType } from '@kubelab/api';
import { isHeartbeatLease } from '@kubelab/bus';
import type { ClusterState } from '@kubelab/event-log';
import { alignColumns } from '@kubelab/shell';
import { stringify as toYaml } from 'yaml';
import { clusterState, forEachEntry, forEachStateObject, logEntry, logStream } from './log-client.js';
import type { LogPoint } from './log-range.js';
import type { OutputFormat } from './log-format.js';
import { compareVersions, differingPaths, objectKeyOf, type ToRead, type Version } from './state-diff.js';

const typeOf = (kind: string) => resourceTypes.find((t) => t.kind === kind && t.group === '')!;

/** Columns kubectl shows without -o wide, as aligned text; `namespaced` adds NAMESPACE first. */
function table(t: ResourceType, objects: KubeObject[], now: Date, namespaced: boolean): string[] {
  const printed = printTable(t, objects, now, 'None');
  const shown = printed.columnDefinitions.map((c, i) => [c, i] as const).filter(([c]) => c.priority === 0);
  const rows = [
    [...(namespaced ? ['NAMESPACE'] : []), ...shown.map(([c]) => c.name.toUpperCase())],
    ...printed.rows.map((r, n) => [...(namespaced ? [objects[n].metadata.namespace ?? ''] : []), ...shown.map(([, i]) => String(r.cells[i] ?? ''))]),
  ];
  return alignColumns(rows);
}

/** The other kinds at that point, counted: "Deployment 1, ReplicaSet 1, Service 1". */
function otherKinds(items: KubeObject[]): string {
  const counts = new Map<string, number>();
  for (const o of items) if (o.kind !== 'Node' && o.kind !== 'Pod' && o.kind !== 'Event') counts.set(o.kind!, (counts.get(o.kind!) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
}

/** The state at a seq or time, as lines in the chosen format. */
export async function replayAt(apiUrl: string, point: LogPoint, format: OutputFormat): Promise<string[]> {
  const state: ClusterState = await clusterState(apiUrl, 'seq' in point ? { at: String(point.seq) } : { time: point.time });
  if (format === 'json') return [JSON.stringify(state, null, 2)];
  if (format === 'yaml') return [toYaml(state).trimEnd()];
  const time = state.seq > 0 ? (await logEntry(apiUrl, state.seq))?.time : undefined;
  const now = time ? new Date(time) : new Date();
  const nodes = state.items.filter((o) => o.kind === 'Node');
  const pods = state.items.filter((o) => o.kind === 'Pod');
  return [
    `the cluster at seq ${state.seq}${time ? ` (${time})` : ''}, rebuilt from the event log`,
    '',
    ...(nodes.length ? table(typeOf('Node'), nodes, now, false) : ['no nodes']),
    '',
    ...(pods.length ? table(typeOf('Pod'), pods, now, true) : ['no pods']),
    '',
    `also: ${otherKinds(state.items) || 'nothing else'}`,
  ];
}

/** Objects per page when verify lists a kind: few requests, and never a whole large kind in one answer. */
const listPage = 5000;

const digestOf = (o: KubeObject) => createHash('sha1').update(JSON.stringify(o)).digest('base64');
const keyOf = (o: KubeObject) => objectKeyOf(o.kind!, o.metadata.namespace, o.metadata.name!);
const collectionUrl = (apiUrl: string, t: ResourceType) => `${apiUrl}${t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`}`;

/**
 * Lists a kind page by page into `into` (key → version), leaving out what is never logged: heartbeat Leases (served
 * from NATS KV) and the metrics APIService. Returns the seq its first page stood at; `keep` gets the objects too.
 */
async function listLive(apiUrl: string, t: ResourceType, into: Map<string, Version>, keep?: KubeObject[]): Promise<number> {
  let first: number | undefined;
  let next: string | undefined;
  do {
    const res = await fetch(`${collectionUrl(apiUrl, t)}/${t.plural}?limit=${listPage}${next ? `&continue=${encodeURIComponent(next)}` : ''}`);
    if (!res.ok) throw new Error(`listing ${t.plural}: the api-server answered ${res.status}`);
    const list = (await res.json()) as { metadata: { resourceVersion: string; continue?: string }; items: KubeObject[] };
    first ??= Number(list.metadata.resourceVersion);
    for (const item of list.items) {
      const o = { ...item, kind: item.kind ?? t.kind };
      if (isHeartbeatLease(o) || isMetricsApiService(o)) continue;
      into.set(keyOf(o), { resourceVersion: o.metadata.resourceVersion!, digest: digestOf(o) });
      keep?.push(o);
    }
    next = list.metadata.continue;
  } while (next);
  return first;
}

/** Every logged kind listed live, custom resources included (the stored version of every kind the CRDs serve); the lowest seq a list began at. */
async function listEveryKind(apiUrl: string, live: Map<string, Version>, types: Map<string, ResourceType>): Promise<number> {
  const crds: KubeObject[] = [];
  const firstSeqs = await Promise.all(storedTypes.map((t) => listLive(apiUrl, t, live, t.kind === 'CustomResourceDefinition' ? crds : undefined)));
  const customTypes = crds.flatMap(resourceTypesOfCrd).filter((t) => t.storage === 'log');
  firstSeqs.push(...(await Promise.all(customTypes.map((t) => listLive(apiUrl, t, live)))));
  for (const t of [...storedTypes, ...customTypes]) types.set(t.kind, t);
  return Math.min(...firstSeqs);
}

/** The live object a key names, now; undefined when it is gone. */
async function liveObject(apiUrl: string, key: string, types: ReadonlyMap<string, ResourceType>): Promise<KubeObject | undefined> {
  const [kind, path] = key.split(' ');
  const t = types.get(kind)!;
  const [namespace, name] = path.includes('/') ? path.split('/') : [undefined, path];
  const res = await fetch(`${collectionUrl(apiUrl, t)}${namespace ? `/namespaces/${namespace}` : ''}/${t.plural}/${name}`);
  return res.ok ? { ...((await res.json()) as KubeObject), kind } : undefined;
}

/** Reads the log's entry an object must match, and says which fields differ, if any. */
async function readOut(apiUrl: string, r: ToRead, types: ReadonlyMap<string, ResourceType>): Promise<string | undefined> {
  const entry = await logEntry(apiUrl, r.seq);
  if (!entry) return `differs: ${r.key}: the log no longer has its version ${r.seq}`;
  const logged = entry.object as KubeObject;
  if (objectKeyOf(entry.kind, entry.namespace, entry.name) !== r.key) return `differs: ${r.key}: the log wrote no version ${r.seq} of it`;
  if (r.digest !== undefined && digestOf(logged) === r.digest) return undefined;
  const now = await liveObject(apiUrl, r.key, types);
  return `differs: ${r.key}: ${now ? differingPaths(logged, now).join(', ') || 'changed again since it was listed' : 'deleted since it was listed'}`;
}

/**
 * Compares every live object with the log. Each kind is listed in pages (every object kept only as a digest), then
 * the log is folded once, to its end, and read from where the first list began: an object the log did not write
 * meanwhile must be as the fold has it, one it wrote must be one of its versions (compareVersions). Memory and time
 * grow with the objects, not with how busy the cluster is.
 */
export async function verify(apiUrl: string): Promise<{ agree: boolean; lines: string[] }> {
  const live = new Map<string, Version>();
  const types = new Map<string, ResourceType>();
  const since = await listEveryKind(apiUrl, live, types);
  const replayed = new Map<string, Version>();
  const seq = await forEachStateObject(apiUrl, {}, (o) => {
    if (types.has(o.kind!)) replayed.set(keyOf(o), { resourceVersion: o.metadata.resourceVersion!, digest: digestOf(o) });
  });
  const changed = new Map<string, Map<number, string>>();
  if (seq > since) {
    await forEachEntry(await logStream(apiUrl, { since: String(since), until: String(seq) }), (e) => {
      if (isAuditEntry(e.type) || !types.has(e.kind)) return;
      const key = objectKeyOf(e.kind, e.namespace, e.name);
      const versions = changed.get(key) ?? new Map<number, string>();
      changed.set(key, versions.set(e.seq, digestOf(e.object as KubeObject)));
    });
  }
  const { lines, toRead } = compareVersions(live, replayed, changed, since);
  for (const r of toRead) {
    const line = await readOut(apiUrl, r, types);
    if (line) lines.push(line);
  }
  if (lines.length === 0) return { agree: true, lines: [`the event log and the live state agree: ${live.size} objects at seq ${seq}`] };
  return { agree: false, lines: [`the event log replayed to seq ${seq} differs from the live state:`, ...lines.map((d) => `  ${d}`)] };
}
