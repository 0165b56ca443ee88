/**
 * Each chaos drill is written to the event log as a core v1 Event before it is
 * carried out, by the api-server's client named `chaos` (its User-Agent), so every
 * timeline, `kubectl get events` and `kubelab why` show what the lab did on purpose.
 * The supervisor records its restarts of lab processes the same way, as `kubelab`.
 */
import { hostname } from 'node:os';
import { causeHeader } from '@kubelab/api';
import { eventNameSuffix } from '@kubelab/bus';

/** The object a drill acts on, as the Event's involvedObject names it. */
export interface ChaosTarget {
  kind: string;
  name: string;
  namespace?: string;
  apiVersion?: string;
}

/** The Event's reason for a drill: ChaosKillAgent for kill-agent. */
export const reasonOf = (action: string) => `Chaos${action.split('-').map((w) => (w === 'oom' ? 'OOM' : w[0].toUpperCase() + w.slice(1))).join('')}`;

/** Where the Event lives: a namespaced object's namespace; Nodes and lab services in default and kube-system. */
const namespaceOf = (t: ChaosTarget) => t.namespace ?? (t.kind === 'Node' ? 'default' : 'kube-system');

/**
 * Records the drill (or what `actor` did), caused by the log entry `cause` when one led to it (a learner's shell session on a
 * node); resolves with an error message when the api-server did not take it (it may be the one down).
 */
export async function recordChaos(
  apiUrl: string, target: ChaosTarget, reason: string, message: string, actor = 'chaos', type: 'Warning' | 'Normal' = 'Warning', cause?: number,
): Promise<string | undefined> {
  const namespace = namespaceOf(target);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const event = {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${target.name}.${eventNameSuffix()}`, namespace },
    involvedObject: { apiVersion: target.apiVersion ?? 'v1', kind: target.kind, name: target.name, ...(target.kind === 'Node' ? {} : { namespace }) },
    reason, message, type, source: { component: actor, host: hostname() },
    firstTimestamp: now, lastTimestamp: now, count: 1, reportingComponent: actor, reportingInstance: hostname(),
  };
  try {
    const res = await fetch(`${apiUrl}/api/v1/namespaces/${namespace}/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': actor, ...(cause === undefined ? {} : { [causeHeader]: String(cause) }) }, body: JSON.stringify(event),
      signal: AbortSignal.timeout(3000),
    });
    return res.ok ? undefined : `the api-server refused the event (${res.status})`;
  } catch {
    return 'the api-server did not answer';
  }
}
