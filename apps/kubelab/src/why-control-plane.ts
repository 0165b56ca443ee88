/**
 * What `kubelab why` says of a pod that no node holds while the control plane's scheduler is down because of its
 * static pod manifest: the Event on kube-scheduler-controlplane that said so (static-pod-process.ts), with its seq, and
 * the learner's shell session that made the edit, or the move of the machines' clock, when the Event names it as its
 * cause (node-session-record.ts, commands/clock.ts).
 */
import type { ConfigMap, Pod } from '@kubelab/api';
import { labClockConfigMap } from '@kubelab/bus';
import { eventOf, eventSubject, type LogEntry, type LogObject } from '@kubelab/event-log';
import { manifestChangedReason } from './static-pod-process.js';

/** The newest word of the scheduler's manifest when it keeps the scheduler down and `pod` waits for a node; else undefined. */
export function schedulerHeldDown(pod: LogObject, kubeSystemEvents: readonly LogEntry[]): LogEntry | undefined {
  if ((pod as Pod).spec?.nodeName || (pod as Pod).metadata?.deletionTimestamp) return undefined;
  const words = kubeSystemEvents.filter((e) => eventOf(e).reason === manifestChangedReason && eventSubject(e)?.name === 'kube-scheduler-controlplane');
  const newest = words[words.length - 1];
  return newest && eventOf(newest).type === 'Warning' ? newest : undefined;
}

/**
 * The line `why` prints for it; with `edit`, its cause: the entry of the learner's shell session that changed the
 * manifest, or the move of the machines' clock (`kubelab clock`) past the scheduler's certificate.
 */
export function schedulerHeldDownLine(word: LogEntry, edit?: LogEntry): string {
  const message = eventOf(word).message;
  if (edit?.kind === 'ConfigMap') {
    const offset = (edit.object as ConfigMap).data?.offset ?? '0s';
    return `Pending: no scheduler runs since seq ${word.seq}: ${message}\n  the machines' clock was moved on at seq ${edit.seq}, by ${edit.actor}: ${offset} ahead of the host's (ConfigMap ${labClockConfigMap.namespace}/${labClockConfigMap.name})`;
  }
  const line = `Pending: no scheduler runs since seq ${word.seq}, when kube-scheduler-controlplane's manifest changed: ${message}`;
  return edit ? `${line}\n  the manifest was edited in the session of seq ${edit.seq}, by ${edit.actor}: ${eventOf(edit).message}` : line;
}
