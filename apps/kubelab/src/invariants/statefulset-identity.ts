/**
 * `statefulset-identity`: at most one pod of a StatefulSet identity (namespace/pod
 * name) runs at a time. A pod runs from its first Running report (phase, or a running
 * container) until its removal from the log. Removal is normally its kubelet's
 * confirmation (PodDeleted by kubelet/<its node>, after the containers stopped); a
 * force delete (PodDeleted of a still-running pod by anyone else: `kubectl delete
 * --force --grace-period=0`, the pod garbage collector) removes it without that
 * confirmation. Kubernetes documents that the old containers may then keep running
 * next to the replacement, and that overlap is excused: the log cannot see it, so the
 * run ends at removal either way. What the log can show, and this reports, is a second
 * pod (another uid) of the identity running while the first was never removed.
 */
import type { KubeObject, Pod } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import { controllerOf, describeObject, Failures, isRemoval, podRuns, type Invariant, type InvariantResult } from './invariant.js';

interface Incarnation {
  uid: string;
  /** The seq it was first seen running; undefined while it has not run. */
  runningSince?: number;
  /** Already reported together with a later incarnation: one failure per overlap. */
  reported: Set<string>;
}

export class StatefulSetIdentity implements Invariant {
  readonly id = 'statefulset-identity';
  readonly title = 'no two pods of one StatefulSet identity ran at once';
  /** Live identities: the pods (uids) the log holds under that name, normally one. */
  private readonly identities = new Map<string, Incarnation[]>();
  private readonly failures = new Failures();
  private runs = 0;

  seed(object: KubeObject, horizon: number): void {
    if (object.kind !== 'Pod' || controllerOf(object)?.kind !== 'StatefulSet') return;
    const running = podRuns(object as Pod) ? Number(object.metadata.resourceVersion ?? horizon) : undefined;
    if (running !== undefined) this.runs++;
    this.identities.set(`${object.metadata.namespace}/${object.metadata.name}`, [{ uid: object.metadata.uid!, runningSince: running, reported: new Set() }]);
  }

  add(e: LogEntry): void {
    if (e.kind !== 'Pod') return;
    const identity = `${e.namespace}/${e.name}`;
    if (isRemoval(e.type)) {
      this.identities.delete(identity);
      return;
    }
    if (controllerOf(e.object as Pod)?.kind !== 'StatefulSet') return;
    const incarnations = this.identities.get(identity) ?? [];
    this.identities.set(identity, incarnations);
    let self = incarnations.find((i) => i.uid === e.uid);
    if (!self) {
      self = { uid: e.uid, reported: new Set() };
      incarnations.push(self);
    }
    if (self.runningSince === undefined && podRuns(e.object as Pod)) {
      self.runningSince = e.seq;
      this.runs++;
    }
    if (self.runningSince === undefined) return;
    for (const other of incarnations) {
      if (other === self || other.runningSince === undefined || other.reported.has(self.uid)) continue;
      other.reported.add(self.uid);
      self.reported.add(other.uid);
      const [first, second] = other.runningSince <= self.runningSince ? [other, self] : [self, other];
      this.failures.push(
        `two pods ${describeObject('Pod', e.namespace, e.name)} ran at once: uid ${first.uid} (running since seq ${first.runningSince}, never removed) and uid ${second.uid} (running at seq ${e.seq})`,
        [first.runningSince!, e.seq],
      );
    }
  }

  result(): InvariantResult {
    return { id: this.id, title: this.title, pass: this.failures.empty, checked: this.runs, failures: this.failures.all() };
  }
}
