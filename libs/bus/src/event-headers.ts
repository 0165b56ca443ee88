/**
 * NATS headers on each event of `kubelab.events`: what a consumer needs to decide, without
 * parsing the body, whether the event can concern it, and to keep counting the gap-free seq.
 * A kubelet-agent's caches hold a few kinds and only its nodes' pods, as a kubelet's
 * field-selected watch does, so most events are counted and skipped on their headers alone.
 */
import { headers, type MsgHdrs } from 'nats';

const names = {
  seq: 'Kubelab-Seq',
  type: 'Kubelab-Type',
  kind: 'Kubelab-Kind',
  namespace: 'Kubelab-Namespace',
  name: 'Kubelab-Name',
  nodeName: 'Kubelab-Node-Name',
  previousNodeName: 'Kubelab-Previous-Node-Name',
  lanePrevious: 'Kubelab-Lane-Previous',
  laneHead: 'Kubelab-Lane-Head',
} as const;

/** An event as its headers describe it. */
export interface EventSummary {
  seq: number;
  /** The domain event type (PodBound, …), audit entries' included. */
  type: string;
  kind: string;
  namespace: string;
  name: string;
  /** A pod's spec.nodeName after the change and, when it differs, before it: the nodes whose kubelets it concerns. */
  nodeNames: string[];
  /** On a lane (event-lanes.ts): the seq of the lane's event before this one, or a later seq that it is no later than. */
  lanePrevious?: number;
  /** A lane's beacon, without a body: `seq` is the last event on the lane. */
  laneHead?: boolean;
}

/**
 * The headers of a committed change; `nodeName` and `previousNodeName` are a pod's spec.nodeName after and before it, and
 * `lanePrevious` is set on a lane's copy (event-lanes.ts).
 */
export function eventHeaders(summary: Omit<EventSummary, 'nodeNames' | 'laneHead'> & { nodeName?: string; previousNodeName?: string }): MsgHdrs {
  const h = headers();
  h.set(names.seq, String(summary.seq));
  h.set(names.type, summary.type);
  h.set(names.kind, summary.kind);
  if (summary.namespace) h.set(names.namespace, summary.namespace);
  h.set(names.name, summary.name);
  if (summary.nodeName) h.set(names.nodeName, summary.nodeName);
  if (summary.previousNodeName && summary.previousNodeName !== summary.nodeName) h.set(names.previousNodeName, summary.previousNodeName);
  if (summary.lanePrevious !== undefined) h.set(names.lanePrevious, String(summary.lanePrevious));
  return h;
}

/**
 * The summary an event's headers carry; undefined when it has none (then only its body tells). Read in one pass: every
 * process reads every event's headers, and nats.js's `get` lists all the keys anew for each name it is asked.
 */
export function eventSummary(h: MsgHdrs | undefined): EventSummary | undefined {
  if (!h) return undefined;
  let seq = '';
  let type = '';
  let kind = '';
  let namespace = '';
  let name = '';
  const nodeNames: string[] = [];
  let lanePrevious: number | undefined;
  let laneHead = false;
  for (const [key, values] of h) {
    const value = values[0] ?? '';
    if (key === names.seq) seq = value;
    else if (key === names.type) type = value;
    else if (key === names.kind) kind = value;
    else if (key === names.namespace) namespace = value;
    else if (key === names.name) name = value;
    else if (key === names.nodeName && value) nodeNames.unshift(value);
    else if (key === names.previousNodeName && value) nodeNames.push(value);
    else if (key === names.lanePrevious) lanePrevious = Number(value);
    else if (key === names.laneHead) laneHead = true;
  }
  if (!seq) return undefined;
  const summary: EventSummary = { seq: Number(seq), type, kind, namespace, name, nodeNames };
  if (lanePrevious !== undefined) summary.lanePrevious = lanePrevious;
  if (laneHead) summary.laneHead = true;
  return summary;
}

/** A lane's beacon (event-lanes.ts): the seq of the last event on it. */
export function laneHeadHeaders(seq: number): MsgHdrs {
  const h = headers();
  h.set(names.seq, String(seq));
  h.set(names.laneHead, '1');
  return h;
}
