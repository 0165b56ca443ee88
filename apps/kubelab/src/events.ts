/**
 * `kubelab events`: the event log as people read it, one row per entry with a
 * summary of what changed (or as JSON / YAML documents), optionally following new
 * entries as they commit. The object before each change is remembered from the
 * entries already shown, so a status report says what it changed.
 */
import { decisionLines, summarize, type LogEntry } from '@kubelab/event-log';
import { forEachEntry, logStream } from './log-client.js';
import { entryDocument, entryRow, headerRow, painter, type OutputFormat } from './log-format.js';

export interface EventsOptions {
  /** Query of GET /kubelab/v1/events: since, sinceTime, kind, namespace, name, type, actor. */
  params: Record<string, string | undefined>;
  follow: boolean;
  format: OutputFormat;
  colour: boolean;
}

/** Writes matching entries to `write` until the log (or, following, `signal`) ends. */
export async function showEvents(apiUrl: string, options: EventsOptions, write: (text: string) => void, signal?: AbortSignal): Promise<void> {
  const paint = painter(options.colour);
  const before = new Map<string, Record<string, unknown>>();
  if (options.format === 'table') write(`${headerRow(paint)}\n`);
  const show = (e: LogEntry) => {
    if (options.format !== 'table') {
      write(entryDocument(e, options.format));
      return;
    }
    const key = `${e.kind}/${e.namespace}/${e.name}/${e.uid}`;
    write(`${entryRow(e, summarize(e, before.get(key)), paint)}\n`);
    for (const line of decisionLines(e)) write(`${' '.repeat(7)}${paint('dim', line)}\n`);
    before.set(key, e.object);
  };
  const stream = await logStream(apiUrl, { ...options.params, follow: options.follow ? 'true' : undefined }, signal);
  try {
    await forEachEntry(stream, show);
  } catch (e) {
    if (!signal?.aborted) throw e;
  }
}
