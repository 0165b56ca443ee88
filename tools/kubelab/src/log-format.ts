/**
 * How log entries look on a terminal: one row per entry (seq, time, actor, type,
 * object, summary), coloured only when asked (stdout a TTY and no NO_COLOR), and
 * the scheduler's decision annotation spelt out under a Scheduled row.
 */
import { stringify as toYaml } from 'yaml';
import type { LogEntry } from './log-client.js';

export type OutputFormat = 'table' | 'json' | 'yaml';

export const outputFormats: readonly OutputFormat[] = ['table', 'json', 'yaml'];

/** The annotation the scheduler puts on Scheduled and FailedScheduling events. */
export const decisionAnnotation = 'kubelab.dev/scheduling-decision';

/** Colour on a terminal a person reads, never into a file or pipe, never against NO_COLOR. */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined;
}

const codes = { dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;
type Colour = keyof typeof codes;

export type Paint = (colour: Colour, text: string) => string;

export const painter = (colour: boolean): Paint => (c, text) => (colour ? `\u001b[${codes[c]}m${text}\u001b[0m` : text);

function typeColour(e: LogEntry): Colour | undefined {
  if (e.kind === 'Event') return e.object?.type === 'Warning' ? 'yellow' : undefined;
  if (e.type.endsWith('Created')) return 'green';
  if (e.type.endsWith('Deleted') || e.type.endsWith('DeletionRequested')) return 'red';
  return undefined;
}

/** `Pod default/web-1`, `Node node-2`; for an Event, the object it is about. */
export function objectRef(e: LogEntry): string {
  const involved = e.kind === 'Event' ? e.object?.involvedObject ?? e.object?.regarding : undefined;
  if (involved?.kind && involved.name) return `${involved.kind} ${involved.namespace ? `${involved.namespace}/` : ''}${involved.name}`;
  return `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
}

const pad = (text: string, width: number) => (text.length >= width ? `${text} ` : text.padEnd(width));

/** The header of the table. */
export function headerRow(paint: Paint): string {
  return paint('dim', `${pad('SEQ', 7)}${pad('TIME', 13)}${pad('ACTOR', 27)}${pad('TYPE', 26)}${pad('OBJECT', 44)}SUMMARY`);
}

/** One entry as a row; times in UTC with milliseconds, as stored. */
export function entryRow(e: LogEntry, summary: string, paint: Paint): string {
  const colour = typeColour(e);
  const type = pad(e.type, 26);
  return `${paint('dim', pad(String(e.seq), 7))}${pad(e.time.slice(11, 23), 13)}${paint('cyan', pad(e.actor, 27))}${colour ? paint(colour, type) : type}${pad(objectRef(e), 44)}${summary}`;
}

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

/** An entry as -o json (one line, the API's shape) or -o yaml (one document). */
export function entryDocument(e: LogEntry, format: Exclude<OutputFormat, 'table'>): string {
  return format === 'json' ? `${JSON.stringify(e)}\n` : `---\n${toYaml(e)}`;
}
