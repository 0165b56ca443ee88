/**
 * v1 Events from the kubelet, aggregated as Kubernetes does: the same reason and
 * message about the same object bumps `count` and `lastTimestamp` instead of adding
 * a new Event (so `kubectl describe` shows "x4 over 2m").
 */
import { randomBytes } from 'node:crypto';
import { kubeTime } from '@kubelab/api';
import type { KubeObject } from '@kubelab/api';
import type { ApiClient } from '@kubelab/bus';
import type { Logger } from 'pino';

const events = { group: '', version: 'v1', plural: 'events' };

export interface EventIntent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export class EventRecorder {
  private readonly seen = new Map<string, KubeObject>();

  constructor(private readonly client: ApiClient, private readonly node: string, private readonly log: Logger) {}

  /** Records an event about `pod` (optionally one of its containers); never throws. */
  async record(pod: KubeObject, intent: EventIntent, fieldPath?: string): Promise<void> {
    const m = pod.metadata;
    const key = `${m.uid}|${fieldPath ?? ''}|${intent.reason}|${intent.message}`;
    const now = kubeTime(new Date());
    const previous = this.seen.get(key);
    try {
      if (previous) {
        const updated = { ...previous, count: (previous.count ?? 1) + 1, lastTimestamp: now };
        this.seen.set(key, await this.client.update(events, m.namespace!, updated));
        return;
      }
      const event: KubeObject = {
        apiVersion: 'v1', kind: 'Event',
        metadata: { name: `${m.name}.${randomBytes(8).toString('hex')}`, namespace: m.namespace },
        involvedObject: { kind: 'Pod', namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: 'v1', resourceVersion: m.resourceVersion, ...(fieldPath ? { fieldPath } : {}) },
        reason: intent.reason, message: intent.message, type: intent.type,
        source: { component: 'kubelet', host: this.node },
        firstTimestamp: now, lastTimestamp: now, count: 1,
        reportingComponent: 'kubelet', reportingInstance: this.node,
      };
      this.seen.set(key, await this.client.create(events, m.namespace!, event));
    } catch (e) {
      this.log.warn({ err: (e as Error).message, reason: intent.reason, pod: m.name }, 'event not recorded');
    }
  }

  /** Forgets the aggregation keys of a pod that is gone. */
  forget(uid: string): void {
    for (const key of this.seen.keys()) if (key.startsWith(`${uid}|`)) this.seen.delete(key);
  }
}
