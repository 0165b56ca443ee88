/**
 * What every invariant of the event log shares: it is fed entries in seq order (or
 * seeded with a compaction snapshot's objects first) and keeps only the state of live
 * objects, so a long soak is checked in bounded memory; `result` can be asked at any time.
 */
import type { KubeObject, Pod } from '@kubelab/api';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { LogEntry } from '@kubelab/event-log';

/** One way the log broke an invariant, with the seqs of the entries that show it. */
export interface InvariantFailure {
  message: string;
  seqs: number[];
}

export interface InvariantResult {
  id: string;
  title: string;
  pass: boolean;
  /** How many things were judged (pods, objects, windows …), so a PASS over nothing is visible. */
  checked: number;
  failures: InvariantFailure[];
}

export interface Invariant {
  readonly id: string;
  readonly title: string;
  /** An object as the compaction snapshot at `horizon` holds it (its resourceVersion is the seq that last wrote it). */
  seed(object: KubeObject, horizon: number): void;
  add(entry: LogEntry): void;
  result(): InvariantResult;
}

/** The failures of one invariant; a long soak keeps the first ones and counts the rest. */
export class Failures {
  private readonly list: InvariantFailure[] = [];
  private dropped = 0;

  constructor(private readonly limit = 100) {}

  push(message: string, seqs: number[]): void {
    if (this.list.length < this.limit) this.list.push({ message, seqs });
    else this.dropped++;
  }

  all(): InvariantFailure[] {
    return this.dropped === 0 ? [...this.list] : [...this.list, { message: `… and ${this.dropped} more`, seqs: [] }];
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

export const objectKeyOf = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/** `Pod default/web-0`, `Node node-1`. */
export const describeObject = (kind: string, namespace: string, name: string) => `${kind} ${namespace ? `${namespace}/` : ''}${name}`;

/** The event takes its object out of the log (PodDeleted, JobDeleted …). */
export const isRemoval = (type: string) => type.endsWith('Deleted');

/** The event brings a new object into the log (PodCreated …). */
export const isCreation = (type: string) => type.endsWith('Created');

/** The kind of the owner that controls the object, when one does. */
export function controllerOf(object: KubeObject | undefined): { kind: string; name: string; uid: string } | undefined {
  const refs: readonly OwnerReference[] = object?.metadata?.ownerReferences ?? [];
  const ref = refs.find((r) => r?.controller) ?? (refs.length === 1 ? refs[0] : undefined);
  return ref ? { kind: String(ref.kind), name: String(ref.name), uid: String(ref.uid) } : undefined;
}

/** The pod's phase is Running, or one of its containers runs (a pod can run before its phase says so). */
export function podRuns(pod: Pod | undefined): boolean {
  if (pod?.status?.phase === 'Running') return true;
  const containers: readonly ContainerStatus[] = [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.initContainerStatuses ?? [])];
  return containers.some((c) => c?.state?.running !== undefined && c?.state?.running !== null);
}
