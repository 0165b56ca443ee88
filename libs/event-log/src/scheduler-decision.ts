/**
 * The scheduler's reasons, which it writes as a JSON annotation on its Scheduled and
 * FailedScheduling Events, spelt out as lines a person reads under such an entry.
 */
import type { LogEntry } from './log-entry.js';

/** The annotation the scheduler puts on Scheduled and FailedScheduling events. */
export const decisionAnnotation = 'kubelab.dev/scheduling-decision';

/** Lines that spell out the scheduler's decision on an Event, if it carries one. */
export function decisionLines(e: LogEntry): string[] {
  const text = e.object?.metadata?.annotations?.[decisionAnnotation];
  if (e.kind !== 'Event' || typeof text !== 'string') return [];
  let d: { nodesEvaluated?: number; feasibleNodes?: number; filtered?: Record<string, string[]>; filteredNotShown?: number; topScores?: { node: string; total: number; scores: Record<string, number> }[] };
  try {
    d = JSON.parse(text);
  } catch {
    return [`scheduler decision: ${text}`];
  }
  const lines = [`scheduler: ${d.nodesEvaluated ?? '?'} nodes evaluated, ${d.feasibleNodes ?? '?'} feasible`];
  for (const [node, reasons] of Object.entries(d.filtered ?? {})) lines.push(`  filtered ${node}: ${reasons.join('; ')}`);
  if (d.filteredNotShown) lines.push(`  … and ${d.filteredNotShown} more nodes filtered`);
  for (const s of d.topScores ?? []) {
    lines.push(`  score ${s.node} ${s.total} (${Object.entries(s.scores).map(([plugin, score]) => `${plugin} ${score}`).join(', ')})`);
  }
  return lines;
}
