/**
 * Publishes committed changes on NATS in seq order, and the head beacon every second. Each
 * event carries headers (seq, type, kind, namespace, name, a pod's node before and after) so
 * that a consumer skips what cannot concern it without parsing the body.
 */
import type { NatsConnection } from 'nats';
import type { KubeObject, Pod } from '@kubelab/api';
import { eventHeaders, subjects, type BusEvent } from '@kubelab/bus';
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

function headersOf(c: CommittedChange) {
  return eventHeaders({
    seq: c.seq, type: c.type, kind: c.kind, namespace: c.namespace, name: c.name,
    nodeName: c.kind === 'Pod' ? (c.object as Pod | undefined)?.spec?.nodeName : undefined, previousNodeName: c.kind === 'Pod' ? (c.previous as Pod | undefined)?.spec?.nodeName : undefined,
  });
}

/**
 * Returns the publisher for the committer and a stop function for the beacon. Of several api-servers sharing a log only the
 * one that `leads` publishes: informers need every event once, in seq order.
 */
export function natsEventPublisher(nc: NatsConnection, lastSeq: () => number, leads: () => boolean = () => true): { publish: (changes: readonly CommittedChange[]) => void; stop: () => void } {
  const beacon = setInterval(() => {
    if (!nc.isClosed() && leads()) nc.publish(subjects.head, encoder.encode(JSON.stringify({ seq: lastSeq() })));
  }, 1000);
  return {
    publish: (changes) => {
      if (nc.isClosed() || !leads()) return;
      for (const c of changes) nc.publish(subjects.events, encoder.encode(busEventOf(c, c.json)), { headers: headersOf(c) });
    },
    stop: () => clearInterval(beacon),
  };
}
