/**
 * An independent client following every pod through the Kubernetes API, as the pod
 * startup SLI's measurement does (clusterloader2's pod_startup_latency): list, then
 * watch from the list's resourceVersion, relisting on 410 Gone. For each pod it keeps
 * its creationTimestamp, when the watch first showed it, and when the watch first
 * showed it Running with every container started.
 */
import type { Pod } from '@kubelab/api';
import { fetch } from 'undici';

export interface PodTimes {
  /** metadata.creationTimestamp: whole seconds, as Kubernetes writes it. */
  created: number;
  /** When this client first saw the pod (list or ADDED), on its own clock. */
  seen: number;
  /** When this client first saw it Running, every container started. */
  running?: number;
}

/** Running, with every container started: the end of a pod's startup as the SLI measures it. */
export const started = (pod: Pod) => pod.status?.phase === 'Running'
  && (pod.status.containerStatuses ?? []).length > 0
  && (pod.status.containerStatuses ?? []).every((c) => c.state?.running);

/** A GET of the pods the follower reads (a collection URL's query after `?`), on its connection and abort signal. */
export type PodsGet = (query: string) => Promise<{ json(): Promise<unknown>; body: unknown }>;

/**
 * Pods as a client follows them: `list` pages the collection (500 a page) and gives each pod to `observe`, returning the
 * list's resourceVersion; `follow` watches from it until `signal` aborts, relisting on 410 Gone and watching again after
 * a broken stream.
 */
export function podFollower(get: PodsGet, observe: (pod: Pod, now: number) => void, signal: AbortSignal) {
  const list = async (): Promise<string> => {
    let next: string | undefined;
    let rv = '';
    do {
      const page = (await (await get(`limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`)).json()) as { metadata: { resourceVersion: string; continue?: string }; items: Pod[] };
      const now = Date.now();
      for (const pod of page.items) observe(pod, now);
      rv ||= page.metadata.resourceVersion;
      next = page.metadata.continue;
    } while (next);
    return rv;
  };
  const follow = async (from: string): Promise<void> => {
    let rv = from;
    while (!signal.aborted) {
      try {
        const res = await get(`watch=1&allowWatchBookmarks=true&resourceVersion=${rv}`);
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
            // A watch line: an ERROR carries a Status (410 Gone: relist), every other event a pod.
            const event = JSON.parse(buffer.slice(0, nl)) as { type: 'ERROR'; object?: { code?: number } } | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: Pod };
            buffer = buffer.slice(nl + 1);
            if (event.type === 'ERROR') {
              rv = event.object?.code === 410 ? await list() : rv;
              continue;
            }
            rv = event.object.metadata.resourceVersion!;
            if (event.type === 'ADDED' || event.type === 'MODIFIED') observe(event.object, Date.now());
          }
        }
      } catch (e) {
        if (signal.aborted) return;
        process.stderr.write(`bench: the pod watch broke (${(e as Error).message}); watching again from ${rv}\n`);
      }
    }
  };
  return { list, follow };
}

export class PodWatch {
  readonly pods = new Map<string, PodTimes>();
  private runningCount = 0;
  private readonly controller = new AbortController();
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(private readonly apiUrl: string, private readonly counts: (name: string) => boolean) {}

  get running(): number {
    return this.runningCount;
  }

  /** Lists, then watches in the background until stop(). */
  async start(): Promise<void> {
    const get: PodsGet = (query) => fetch(`${this.apiUrl}/api/v1/pods?${query}`, { signal: this.controller.signal });
    const pods = podFollower(get, (pod, now) => this.observe(pod, now), this.controller.signal);
    void pods.follow(await pods.list());
  }

  /** Resolves once `count` pods counted are Running. */
  untilRunning(count: number): Promise<void> {
    if (this.runningCount >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  stop(): void {
    this.controller.abort();
  }

  private observe(pod: Pod, now: number): void {
    const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (!this.counts(name)) return;
    let times = this.pods.get(name);
    if (!times) {
      times = { created: Date.parse(pod.metadata.creationTimestamp!), seen: now };
      this.pods.set(name, times);
    }
    if (times.running === undefined && started(pod)) {
      times.running = now;
      this.runningCount++;
      this.waiters = this.waiters.filter((w) => (w.count <= this.runningCount ? (w.resolve(), false) : true));
    }
  }
}
