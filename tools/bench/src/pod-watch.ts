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

const started = (pod: Pod) => pod.status?.phase === 'Running'
  && (pod.status.containerStatuses ?? []).length > 0
  && (pod.status.containerStatuses ?? []).every((c) => c.state?.running);

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
    const rv = await this.list();
    void this.follow(rv);
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

  private async list(): Promise<string> {
    let next: string | undefined;
    let rv = '';
    do {
      const page = (await fetch(`${this.apiUrl}/api/v1/pods?limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`, { signal: this.controller.signal })
        .then((r) => r.json())) as { metadata: { resourceVersion: string; continue?: string }; items: Pod[] };
      const now = Date.now();
      for (const pod of page.items) this.observe(pod, now);
      rv ||= page.metadata.resourceVersion;
      next = page.metadata.continue;
    } while (next);
    return rv;
  }

  private async follow(from: string): Promise<void> {
    let rv = from;
    while (!this.controller.signal.aborted) {
      try {
        const res = await fetch(`${this.apiUrl}/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}`, { signal: this.controller.signal });
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
            // A watch line: an ERROR carries a Status (410 Gone: relist), every other event a pod.
            const event = JSON.parse(buffer.slice(0, nl)) as { type: 'ERROR'; object?: { code?: number } } | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: Pod };
            buffer = buffer.slice(nl + 1);
            if (event.type === 'ERROR') {
              rv = event.object?.code === 410 ? await this.list() : rv;
              continue;
            }
            rv = event.object.metadata.resourceVersion!;
            if (event.type === 'ADDED' || event.type === 'MODIFIED') this.observe(event.object, Date.now());
          }
        }
      } catch (e) {
        if (this.controller.signal.aborted) return;
        process.stderr.write(`bench: the pod watch broke (${(e as Error).message}); watching again from ${rv}\n`);
      }
    }
  }
}
