/**
 * events.k8s.io/v1 Event ↔ core v1 Event, field for field as kube-apiserver converts them
 * (pkg/apis/events/v1 conversion): both are one stored kind, so `kubectl get events` and
 * `kubectl get events.events.k8s.io` show the same objects.
 */
import type { KubeObject } from '../object.js';

/** core field → events.k8s.io field; fields of the same name in both are copied as they are. */
const renamed: ReadonlyArray<readonly [string, string]> = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
  ['reportingComponent', 'reportingController'],
];
const shared = ['metadata', 'eventTime', 'series', 'related', 'reportingInstance', 'action', 'reason', 'type'];

function move(from: KubeObject, pairs: ReadonlyArray<readonly [string, string]>, apiVersion: string): KubeObject {
  const out: KubeObject = { kind: 'Event', apiVersion, metadata: from.metadata };
  for (const field of shared) if (from[field] !== undefined) out[field] = from[field];
  for (const [source, target] of pairs) if (from[source] !== undefined && from[source] !== '') out[target] = from[source];
  return out;
}

/** A stored core Event as events.k8s.io/v1 shows it. */
export function eventToEventsV1(core: KubeObject): KubeObject {
  return move(core, renamed, 'events.k8s.io/v1');
}

/** An events.k8s.io/v1 Event as the core Event it is stored as. */
export function eventFromEventsV1(event: KubeObject): KubeObject {
  return move(event, renamed.map(([core, events]) => [events, core] as const), 'v1');
}
