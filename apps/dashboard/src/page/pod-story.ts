/**
 * A pod's detail panel, read like `kubectl describe pod` and `kubelab why`: its
 * lifecycle (a row per entry of its newest incarnation with phase, Ready and
 * restarts, and per Event about it with the Event's type and "Reason: message",
 * probe failures among them) and its why chain (a row per step: seq, time, actor,
 * the object, and the one-line summary the CLI prints, with the scheduler's
 * reasons under a Scheduled Event). Told by the CLI's own pure helpers
 * (storySeeds, causalChain, chaosRoots, summarize, objectRef, decisionLines) so
 * the page and `kubelab why` agree.
 */
import type { PodStatus } from 'kubernetes-types/core/v1';
import { causalChain, chaosRoots, decisionLines, eventOf, objectRef, previousObjects, storySeeds, summarize, type LogEntry } from '@kubelab/event-log';

/** A row of the pod's own entries: its state after the entry and what the entry changed. */
export interface StatusRow {
  kind: 'status';
  seq: number;
  time: string;
  type: string;
  phase: string;
  restarts: number;
  ready: string;
  summary: string;
}

/** A row of a Kubernetes Event about the pod: `Normal` or `Warning`, and "Reason: message". */
export interface EventRow {
  kind: 'event';
  seq: number;
  time: string;
  eventType: string;
  summary: string;
  /** Written by a chaos drill (actor `chaos`). */
  chaos: boolean;
}

export type LifecycleRow = StatusRow | EventRow;

export interface ChainLine {
  seq: number;
  time: string;
  actor: string;
  /** `Pod default/web-1`; for an Event, the object it is about. */
  object: string;
  summary: string;
  /** The scheduler's decision under a Scheduled or FailedScheduling Event; empty otherwise. */
  details: string[];
  chaos: boolean;
}

function statusRow(e: LogEntry, summary: string): StatusRow {
  const status = e.object?.status as PodStatus | undefined;
  const statuses = status?.containerStatuses ?? [];
  return {
    kind: 'status', seq: e.seq, time: e.time, type: e.type,
    phase: status?.phase ?? 'Pending',
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    ready: (status?.conditions ?? []).find((c) => c.type === 'Ready')?.status ?? '-',
    summary,
  };
}

/** The pod's lifecycle, oldest first: its own entries with their status, and the Events about it. */
export function lifecycleRows(own: readonly LogEntry[], kubeEvents: readonly LogEntry[]): LifecycleRow[] {
  const seeds = storySeeds(own, kubeEvents).sort((a, b) => a.seq - b.seq);
  const before = previousObjects(seeds);
  return seeds.map((e) => {
    const summary = summarize(e, before.get(e.seq));
    if (e.kind !== 'Event') return statusRow(e, summary);
    return { kind: 'event', seq: e.seq, time: e.time, eventType: eventOf(e).type ?? 'Normal', summary, chaos: e.actor === 'chaos' };
  });
}

/**
 * The why chain as far as `known` reaches, and the seqs to fetch before asking
 * again. Like `kubelab why`, the chaos drills (among `chaosEvents`, actor `chaos`)
 * on objects the chain passes through join it with their own causes.
 */
export function whyChain(own: readonly LogEntry[], kubeEvents: readonly LogEntry[], chaosEvents: readonly LogEntry[], known: ReadonlyMap<number, LogEntry>): { lines: ChainLine[]; missing: number[] } {
  const story = causalChain(storySeeds(own, kubeEvents), known).chain;
  const reached = new Map([...known, ...story.map((e) => [e.seq, e] as const)]);
  const { chain, missing } = causalChain([...story, ...chaosRoots(story, chaosEvents)], reached);
  const before = previousObjects([...reached.values()]);
  const lines = chain.map((e) => ({
    seq: e.seq, time: e.time, actor: e.actor, object: objectRef(e),
    summary: summarize(e, before.get(e.seq)), details: decisionLines(e), chaos: e.actor === 'chaos',
  }));
  return { lines, missing };
}
