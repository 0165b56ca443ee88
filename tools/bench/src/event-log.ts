/** Reading the api-server's event log from a benchmark: the newest seq, and a follower. */
import type { KubeObject, LogEventMeta } from '@kubelab/api';

/** One entry of GET /kubelab/v1/events; the benchmarks follow Pods and Nodes, never audit entries, so each holds an object. */
export interface LogEntry extends LogEventMeta {
  object: KubeObject;
}

/** The newest seq: the resourceVersion of any list. */
export async function lastSeq(apiUrl: string): Promise<number> {
  return Number(((await fetch(`${apiUrl}/api/v1/namespaces`).then((r) => r.json())) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
}

/**
 * Follows the log after `since` (filtered by `query`, e.g. "kind=Pod"), calling
 * `onEntry` for each entry until it returns true; resolves then, rejects if the
 * stream breaks first.
 */
export function followLog(apiUrl: string, since: number, query: string, onEntry: (e: LogEntry) => boolean | void): Promise<void> {
  const controller = new AbortController();
  return fetch(`${apiUrl}/kubelab/v1/events?${query}&follow=true&since=${since}`, { signal: controller.signal }).then(async (res) => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const entry = JSON.parse(buffer.slice(0, nl)) as LogEntry;
        buffer = buffer.slice(nl + 1);
        if (onEntry(entry)) return;
      }
    }
    throw new Error('the event log stream ended early');
  }).finally(() => controller.abort());
}

/** Every entry after `since` matching `query`, without following. */
export async function readLog(apiUrl: string, since: number, query: string): Promise<LogEntry[]> {
  const text = await fetch(`${apiUrl}/kubelab/v1/events?${query}&since=${since}`).then((r) => r.text());
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEntry);
}
