/**
 * The reasons components write as a JSON annotation on their Events, spelt out as
 * lines a person reads under such an entry: the scheduler's on Scheduled and
 * FailedScheduling, the kubelet's on Evicted, the autoscaler's on SuccessfulRescale.
 */
import { evictionDecisionAnnotation, evictionLines, type EvictionDecision } from './eviction-decision.js';
import type { LogEntry } from './log-entry.js';
import { rescaleDecisionAnnotation, rescaleLines, type RescaleDecision } from './rescale-decision.js';

/** The annotation the scheduler puts on Scheduled and FailedScheduling events. */
export const decisionAnnotation = 'kubelab.dev/scheduling-decision';

/** The scheduler's decision as its annotation holds it (any field may be missing). */
interface SchedulingDecision {
  nodesEvaluated?: number;
  feasibleNodes?: number;
  filtered?: Record<string, string[]>;
  filteredNotShown?: number;
  topScores?: { node: string; total: number; scores: Record<string, number> }[];
}

/** The scheduler's decision as lines. */
function schedulingLines(d: SchedulingDecision): string[] {
  const lines = [`scheduler: ${d.nodesEvaluated ?? '?'} nodes evaluated, ${d.feasibleNodes ?? '?'} feasible`];
  for (const [node, reasons] of Object.entries(d.filtered ?? {})) lines.push(`  filtered ${node}: ${reasons.join('; ')}`);
  if (d.filteredNotShown) lines.push(`  … and ${d.filteredNotShown} more nodes filtered`);
  for (const s of d.topScores ?? []) {
    lines.push(`  score ${s.node} ${s.total} (${Object.entries(s.scores).map(([plugin, score]) => `${plugin} ${score}`).join(', ')})`);
  }
  return lines;
}

const decisions: [annotation: string, title: string, lines: (json: string) => string[]][] = [
  [decisionAnnotation, 'scheduler decision', (json) => schedulingLines(JSON.parse(json) as SchedulingDecision)],
  [evictionDecisionAnnotation, 'eviction decision', (json) => evictionLines(JSON.parse(json) as Partial<EvictionDecision>)],
  [rescaleDecisionAnnotation, 'rescale decision', (json) => rescaleLines(JSON.parse(json) as Partial<RescaleDecision>)],
];

/** Lines that spell out the decision an Event carries, if it carries one. */
export function decisionLines(e: LogEntry): string[] {
  if (e.kind !== 'Event') return [];
  const annotations = e.object?.metadata?.annotations ?? {};
  for (const [annotation, title, lines] of decisions) {
    const text = annotations[annotation];
    if (typeof text !== 'string') continue;
    try {
      return lines(text);
    } catch {
      return [`${title}: ${text}`];
    }
  }
  return [];
}
