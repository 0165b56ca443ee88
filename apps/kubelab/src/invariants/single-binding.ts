/**
 * `single-binding`: a pod is placed once. The scheduler binds it (PodBound, or a pod
 * created with spec.nodeName already set); after that neither a second bind nor any
 * write may move it to another node. Kept per live pod uid, dropped at its removal.
 */
import type { KubeObject, Pod } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import { describeObject, Failures, isRemoval, type Invariant, type InvariantResult } from './invariant.js';

interface Placement {
  node: string;
  /** The entry that placed the pod there. */
  seq: number;
}

export class SingleBinding implements Invariant {
  readonly id = 'single-binding';
  readonly title = 'no pod was bound twice or moved to another node';
  private readonly placed = new Map<string, Placement>();
  private readonly failures = new Failures();
  private bound = 0;

  seed(object: KubeObject, horizon: number): void {
    const node = object.kind === 'Pod' ? (object as Pod).spec?.nodeName : undefined;
    if (node) this.placed.set(object.metadata.uid!, { node, seq: Number(object.metadata.resourceVersion ?? horizon) });
  }

  add(e: LogEntry): void {
    if (e.kind !== 'Pod') return;
    if (isRemoval(e.type)) {
      this.placed.delete(e.uid);
      return;
    }
    const node = (e.object as Pod | undefined)?.spec?.nodeName ?? '';
    const before = this.placed.get(e.uid);
    const what = describeObject(e.kind, e.namespace, e.name);
    const where = (n: string) => n || 'no node';
    if (e.type === 'PodBound' && before) {
      this.failures.push(`${what} (uid ${e.uid}) was bound twice: to ${where(before.node)} at seq ${before.seq}, then to ${where(node)} at seq ${e.seq}`, [before.seq, e.seq]);
    } else if (before && node !== before.node) {
      this.failures.push(`${what} (uid ${e.uid}) moved from ${where(before.node)} (bound at seq ${before.seq}) to ${where(node)} at seq ${e.seq} (${e.type} by ${e.actor})`, [before.seq, e.seq]);
    }
    if (!before && !node) return;
    if (!before) this.bound++;
    if (!before || node !== before.node || e.type === 'PodBound') this.placed.set(e.uid, { node, seq: e.seq });
  }

  result(): InvariantResult {
    return { id: this.id, title: this.title, pass: this.failures.empty, checked: this.bound, failures: this.failures.all() };
  }
}
