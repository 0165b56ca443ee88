/**
 * Publishes committed changes on NATS in seq order, and the head beacon every second. Each
 * event carries headers (seq, type, kind, namespace, name, a pod's node before and after) so
 * that a consumer skips what cannot concern it without parsing the body. What a kubelet-agent
 * caches goes on the lanes too (event-lanes.ts): a bound pod's events on its node's, the kinds
 * agents cache whole on theirs, each naming the lane's event before it, and each lane that had
 * events gets its beacon every second.
 */
import type { NatsConnection } from 'nats';
import type { KubeObject, Pod } from '@kubelab/api';
import { eventHeaders, laneHeadHeaders, lanesOf, laneSubject, LaneTally, subjects, type BusEvent, type EventSummary } from '@kubelab/bus';
import type { CommittedChange } from '../store/committed-change.js';
import type { RememberedChange } from '../store/watch-hub.js';

const encoder = new TextEncoder();

/**
 * The event's JSON text on the stream, `json` its object's when known. The object goes without its managedFields: no
 * reader of the stream reads them (the informers that cache pods, nodes and workloads drop them, as kube-controller-manager's
 * do, and an update sent without them keeps the stored ones), and they were a third of each pod's text that every
 * component received, and parsed, at every change. Reads through the API still have them.
 */
export function busEventOf(c: RememberedChange, json?: string): string {
  const event: Omit<BusEvent, 'object'> = {
    seq: c.seq, time: c.time, type: c.type, watchType: c.watchType, kind: c.kind, namespace: c.namespace, name: c.name,
    uid: c.uid, actor: c.actor, cause: c.cause,
  };
  return `${JSON.stringify(event).slice(0, -1)},"object":${busObjectJson(c.object, json)}}`;
}

function busObjectJson(object: KubeObject, json: string | undefined): string {
  if (!object?.metadata || !('managedFields' in object.metadata)) return json ?? JSON.stringify(object);
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return JSON.stringify({ ...object, metadata });
}

/** What the headers of a change say: a pod's node after the change, then before it when that differs. */
function summaryOf(c: RememberedChange): EventSummary {
  const nodeName = c.kind === 'Pod' ? (c.object as Pod | undefined)?.spec?.nodeName : undefined;
  const previousNodeName = c.kind === 'Pod' ? (c.previous as Pod | undefined)?.spec?.nodeName : undefined;
  const nodeNames = [nodeName, previousNodeName !== nodeName ? previousNodeName : undefined].filter((n): n is string => !!n);
  return { seq: c.seq, type: c.type, kind: c.kind, namespace: c.namespace, name: c.name, nodeNames };
}

const headersOf = (summary: EventSummary, lanePrevious?: number) => eventHeaders({
  ...summary, nodeName: summary.nodeNames[0], previousNodeName: summary.nodeNames[1], ...(lanePrevious === undefined ? {} : { lanePrevious }),
});

/** Every how many beacons every lane gets one, not only those that had events (event-lanes.ts). */
const everyLaneBeacon = 10;

/**
 * Returns the publisher for the committer and a stop function for the beacon. Of several api-servers sharing a log only the
 * one that `leads` publishes: informers need every event once, in seq order. Each counts every change on the lanes, so
 * that it names each lane's last change when it publishes; `recent`, the changes it remembers at start-up, tell it where
 * the lanes were, so that an api-server started again does not make every agent replay.
 */
export function natsEventPublisher(
  nc: NatsConnection, lastSeq: () => number, leads: () => boolean = () => true, recent: readonly RememberedChange[] = [],
): { publish: (changes: readonly CommittedChange[]) => void; stop: () => void } {
  const lanes = new LaneTally();
  for (const c of recent) lanes.count(c.seq, lanesOf(summaryOf(c)));
  let beacons = 0;
  const beacon = setInterval(() => {
    if (nc.isClosed() || !leads()) return;
    nc.publish(subjects.head, encoder.encode(JSON.stringify({ seq: lastSeq() })));
    for (const [lane, seq] of lanes.beacons(++beacons % everyLaneBeacon === 0)) nc.publish(laneSubject(lane), undefined, { headers: laneHeadHeaders(seq) });
  }, 1000);
  return {
    publish: (changes) => {
      const publishes = !nc.isClosed() && leads();
      for (const c of changes) {
        const summary = summaryOf(c);
        const onLanes = lanesOf(summary);
        const previous = lanes.count(c.seq, onLanes);
        if (!publishes) continue;
        const body = encoder.encode(busEventOf(c, c.json));
        nc.publish(subjects.events, body, { headers: headersOf(summary) });
        onLanes.forEach((lane, i) => nc.publish(laneSubject(lane), body, { headers: headersOf(summary, previous[i]) }));
      }
    },
    stop: () => clearInterval(beacon),
  };
}
