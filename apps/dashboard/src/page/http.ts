/**
 * The page's requests to its own origin (the dashboard server proxies them): JSON
 * reads, JSON posts, and newline-delimited streams (watches, the followed log).
 */
import { splitLines } from './ndjson.js';

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error(body?.message ?? `${path} answered ${res.status}`);
  return body as T;
}

/** POSTs a JSON body; the answer's message, marked as failed on a non-2xx status. */
export async function postJson(path: string, body: unknown): Promise<{ ok: boolean; message: string }> {
  try {
    const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await res.json().catch(() => ({}));
    return { ok: res.ok && answer.ok !== false, message: answer.message ?? `${path} answered ${res.status}` };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** Calls `onLine` with each parsed line of a streamed answer until the stream ends or `signal` aborts. */
export async function streamLines<T>(path: string, onLine: (value: T) => void, signal?: AbortSignal): Promise<void> {
  const res = await fetch(path, { signal });
  if (!res.ok || !res.body) throw new Error(`${path} answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    const split = splitLines(rest, chunk.value);
    rest = split.rest;
    for (const line of split.lines) onLine(JSON.parse(line) as T);
  }
}
