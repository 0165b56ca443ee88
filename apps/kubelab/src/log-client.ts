/**
 * The CLI's reader of the api-server's event log (/kubelab/v1): entries by filter,
 * a follower, one entry by seq, and the cluster state folded to a seq. A refusal
 * surfaces as an error carrying the server's Status message.
 */
import type { KubeObject, UnrecordedRefusal } from '@kubelab/api';
import type { ClusterState, LogEntry } from '@kubelab/event-log';

/** A non-2xx answer, with the Status message when the server sent one. */
export class LogRequestError extends Error {
  constructor(readonly httpStatus: number, message: string) {
    super(message);
  }
}

async function ok(res: Response, what: string): Promise<Response> {
  if (res.ok) return res;
  const status = (await res.json().catch(() => ({}))) as { message?: string };
  throw new LogRequestError(res.status, `${what}: ${status.message ?? `the api-server answered ${res.status}`}`);
}

const queryOf = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((p): p is [string, string] => p[1] !== undefined)).toString();

/** Every entry matching `params` (since, sinceTime, until, kind, namespace, name, type, actor). */
export async function readLog(apiUrl: string, params: Record<string, string | undefined>): Promise<LogEntry[]> {
  const res = await ok(await fetch(`${apiUrl}/kubelab/v1/events?${queryOf(params)}`), 'reading the event log');
  return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEntry);
}

/** The raw NDJSON stream of matching entries; with follow it stays open until `signal` aborts. */
export async function logStream(apiUrl: string, params: Record<string, string | undefined>, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
  const res = await ok(await fetch(`${apiUrl}/kubelab/v1/events?${queryOf(params)}`, { signal }), 'reading the event log');
  return res.body as unknown as AsyncIterable<Uint8Array>;
}

/** Calls `onLine` for each line of the stream as it arrives, waiting for it when it returns a promise. */
async function forEachLine(stream: AsyncIterable<Uint8Array>, onLine: (line: string) => void | Promise<void>): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of stream) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line) await onLine(line);
    }
  }
}

/** Calls `onEntry` for each entry of the stream as it arrives, waiting for it when it returns a promise. */
export const forEachEntry = (stream: AsyncIterable<Uint8Array>, onEntry: (e: LogEntry) => void | Promise<void>): Promise<void> =>
  forEachLine(stream, (line) => onEntry(JSON.parse(line) as LogEntry));

/** One entry; undefined when the log no longer has it (compacted) or never had it. */
export async function logEntry(apiUrl: string, seq: number): Promise<LogEntry | undefined> {
  const res = await fetch(`${apiUrl}/kubelab/v1/events/${seq}`);
  if (res.status === 404 || res.status === 410) return undefined;
  return (await (await ok(res, `reading event ${seq}`)).json()) as LogEntry;
}

/** The cluster folded from the log: at a seq, at a time, or (neither) at the log's end. */
export async function clusterState(apiUrl: string, at: { at?: string; time?: string }): Promise<ClusterState> {
  const items: KubeObject[] = [];
  const seq = await forEachStateObject(apiUrl, at, (o) => items.push(o));
  return { kind: 'ClusterState', apiVersion: 'kubelab/v1', seq, items } as ClusterState;
}

/**
 * The cluster folded from the log (as `clusterState`), object by object as they arrive: the api-server writes each on
 * a line of its own, after a first line that says the seq. Resolves to that seq.
 */
export async function forEachStateObject(apiUrl: string, at: { at?: string; time?: string }, onObject: (o: KubeObject) => void): Promise<number> {
  const res = await ok(await fetch(`${apiUrl}/kubelab/v1/state?${queryOf(at)}`), 'replaying the event log');
  let seq: number | undefined;
  let whole = false;
  await forEachLine(res.body as unknown as AsyncIterable<Uint8Array>, (line) => {
    if (seq === undefined) seq = Number(/"seq":(\d+)/.exec(line)?.[1]);
    else if (line.startsWith('{')) onObject(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as KubeObject);
    else whole = line === ']}';
  });
  if (seq === undefined || Number.isNaN(seq)) throw new Error('replaying the event log: the api-server answered without a seq');
  // A fold that failed half-way is cut off: what came is not the state, and comparing it would report what is missing as differences.
  if (!whole) throw new Error('replaying the event log: the api-server\'s answer ended before the last object');
  return seq;
}

/** The refusals the api-server kept only in memory (GET /kubelab/v1/refusals): newest last, and how many there were since it started. */
export async function unrecordedRefusals(apiUrl: string): Promise<{ total: number; items: UnrecordedRefusal[] }> {
  const res = await ok(await fetch(`${apiUrl}/kubelab/v1/refusals`), 'reading the refusals not in the event log');
  return (await res.json()) as { total: number; items: UnrecordedRefusal[] };
}
