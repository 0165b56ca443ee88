/**
 * A pod's detail panel: its lifecycle (a row per entry of its newest incarnation and
 * per Event about it: time, type, phase, container states and reasons, restarts,
 * Ready) and its why chain, told by the CLI's own pure helpers (storySeeds,
 * causalChain, summarize) so the page and `kubelab why` agree.
 */
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { causalChain, storySeeds } from '../../causal-chain.js';
import { summarize } from '../../event-summary.js';
import type { LogEntry } from '../../log-client.js';
import { previousObjects } from '../../why.js';

export interface LifecycleRow {
  seq: number;
  time: string;
  type: string;
  phase: string;
  containers: string;
  restarts: number;
  ready: string;
  summary: string;
}

export interface ChainLine {
  seq: number;
  time: string;
  actor: string;
  object: string;
  type: string;
  summary: string;
}

/** `web running`, `web waiting (CrashLoopBackOff)`, `web terminated (OOMKilled, exit 137)`. */
function containerText(s: ContainerStatus): string {
  const { running, waiting, terminated } = s.state ?? {};
  if (running) return `${s.name} running`;
  if (waiting) return `${s.name} waiting (${waiting.reason ?? 'Waiting'})`;
  if (terminated) return `${s.name} terminated (${terminated.reason ?? 'Terminated'}, exit ${terminated.exitCode})`;
  return `${s.name} unknown`;
}

/** The pod's lifecycle, oldest first: its own entries with their status, and the Events about it (probe results among them). */
export function lifecycleRows(own: readonly LogEntry[], kubeEvents: readonly LogEntry[]): LifecycleRow[] {
  const seeds = storySeeds(own, kubeEvents).sort((a, b) => a.seq - b.seq);
  const before = previousObjects(seeds);
  return seeds.map((e) => {
    const isPod = e.kind === 'Pod';
    const statuses: ContainerStatus[] = isPod ? (e.object?.status?.containerStatuses ?? []) : [];
    const ready = isPod ? ((e.object?.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status ?? '-') : '';
    return {
      seq: e.seq, time: e.time, type: e.type,
      phase: isPod ? (e.object?.status?.phase ?? 'Pending') : '',
      containers: statuses.map(containerText).join(', '),
      restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
      ready, summary: summarize(e, before.get(e.seq)),
    };
  });
}

/** The why chain as far as `known` reaches, and the seqs to fetch before asking again. */
export function whyChain(own: readonly LogEntry[], kubeEvents: readonly LogEntry[], known: ReadonlyMap<number, LogEntry>): { lines: ChainLine[]; missing: number[] } {
  const { chain, missing } = causalChain(storySeeds(own, kubeEvents), known);
  const before = previousObjects([...known.values(), ...chain]);
  const lines = chain.map((e) => ({
    seq: e.seq, time: e.time, actor: e.actor, type: e.type,
    object: `${e.kind}/${e.namespace ? `${e.namespace}/` : ''}${e.name}`,
    summary: summarize(e, before.get(e.seq)),
  }));
  return { lines, missing };
}
