/**
 * `kubelab replay --at` and `kubelab verify`. The api-server folds the log with the
 * event store's own `replay` (GET /kubelab/v1/state), so the CLI never keeps a second
 * copy of the projection. `replay` prints nodes and pods as kubectl would have shown
 * them then (STATUS and AGE at that moment); `verify` compares the live list endpoints
 * with the fold of the log, each kind at the seq its list stands at.
 */
import { isMetricsApiService, printTable, resourceTypes, resourceTypesOfCrd, storedTypes, type KubeObject, type ResourceType } from '@kubelab/api';
import { isHeartbeatLease } from '@kubelab/bus';
import type { ClusterState } from '@kubelab/event-log';
import { alignColumns } from '@kubelab/shell';
import { stringify as toYaml } from 'yaml';
import { clusterState, logEntry } from './log-client.js';
import type { LogPoint } from './log-range.js';
import type { OutputFormat } from './log-format.js';
import { stateDifferences } from './state-diff.js';

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

interface LiveList {
  kind: string;
  resourceVersion: string;
  items: KubeObject[];
}

async function liveList(apiUrl: string, t: ResourceType): Promise<LiveList> {
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const res = await fetch(`${apiUrl}${base}/${t.plural}`);
  if (!res.ok) throw new Error(`listing ${t.plural}: the api-server answered ${res.status}`);
  const list = (await res.json()) as { metadata: { resourceVersion: string }; items: KubeObject[] };
  return { kind: t.kind, resourceVersion: list.metadata.resourceVersion, items: list.items.map((o) => ({ ...o, kind: o.kind ?? t.kind })) };
}

/** Every logged kind listed live, custom resources included (the stored version of every kind the CRDs serve). */
async function liveLists(apiUrl: string): Promise<LiveList[]> {
  const builtIn = await Promise.all(storedTypes.map((t) => liveList(apiUrl, t)));
  const crds = builtIn[storedTypes.findIndex((t) => t.kind === 'CustomResourceDefinition')].items;
  const customTypes = crds.flatMap(resourceTypesOfCrd).filter((t) => t.storage === 'log');
  return [...builtIn, ...(await Promise.all(customTypes.map((t) => liveList(apiUrl, t))))];
}

const seqsOf = (lists: readonly LiveList[]) => [...new Set(lists.map((l) => l.resourceVersion))].sort((a, b) => Number(a) - Number(b));

/** Listings tried before comparing: one whose lists all stand at one seq needs one fold of the log. */
const attempts = 5;

/**
 * Compares the live list of every kind with the log folded to the seq that list stands at (a list is consistent at
 * its resourceVersion). It lists again, a few times, while the lists stand at different seqs, as each seq costs a
 * fold of the log; a cluster that never stops changing is compared seq by seq.
 */
export async function verify(apiUrl: string): Promise<{ agree: boolean; lines: string[] }> {
  let lists = await liveLists(apiUrl);
  for (let attempt = 1; attempt < attempts && seqsOf(lists).length > 1; attempt++) lists = await liveLists(apiUrl);
  const seqs = seqsOf(lists);
  const differences: string[] = [];
  let objects = 0;
  for (const seq of seqs) {
    const atSeq = lists.filter((l) => l.resourceVersion === seq);
    const kinds = new Set(atSeq.map((l) => l.kind));
    // Heartbeat Leases (served from NATS KV) and the metrics APIService are never logged: they have nothing to agree with.
    const live = atSeq.flatMap((l) => l.items).filter((o) => !isHeartbeatLease(o) && !isMetricsApiService(o));
    const replayed = (await clusterState(apiUrl, { at: seq })).items.filter((o) => kinds.has(o.kind!));
    objects += live.length;
    differences.push(...stateDifferences(replayed, live));
  }
  const at = seqs.length === 1 ? `seq ${seqs[0]}` : `seqs ${seqs[0]} to ${seqs[seqs.length - 1]}`;
  if (differences.length === 0) return { agree: true, lines: [`the event log and the live state agree: ${objects} objects at ${at}`] };
  return { agree: false, lines: [`the event log replayed to ${at} differs from the live state:`, ...differences.map((d) => `  ${d}`)] };
}
