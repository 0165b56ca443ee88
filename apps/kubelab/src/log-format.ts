/**
 * How log entries look on a terminal: one row per entry (seq, time, actor, type,
 * object, summary), coloured only when asked (stdout a TTY and no NO_COLOR), or
 * as JSON / YAML documents.
 */
import { stringify as toYaml } from 'yaml';
import { objectRef, type LogEntry } from '@kubelab/event-log';

export type OutputFormat = 'table' | 'json' | 'yaml';

export const outputFormats: readonly OutputFormat[] = ['table', 'json', 'yaml'];

/** Colour on a terminal a person reads, never into a file or pipe, never against NO_COLOR. */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined;
}

const codes = { dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;
type Colour = keyof typeof codes;

export type Paint = (colour: Colour, text: string) => string;

export const painter = (colour: boolean): Paint => (c, text) => (colour ? `\u001b[${codes[c]}m${text}\u001b[0m` : text);

function typeColour(e: LogEntry): Colour | undefined {
  if (e.type === 'Refused' || e.type === 'ConnectionDropped') return 'yellow';
  if (e.kind === 'Event') return e.object?.type === 'Warning' ? 'yellow' : undefined;
  if (e.type.endsWith('Created')) return 'green';
  if (e.type.endsWith('Deleted') || e.type.endsWith('DeletionRequested')) return 'red';
  return undefined;
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

/** An entry as -o json (one line, the API's shape) or -o yaml (one document). */
export function entryDocument(e: LogEntry, format: Exclude<OutputFormat, 'table'>): string {
  return format === 'json' ? `${JSON.stringify(e)}\n` : `---\n${toYaml(e)}`;
}
