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
}

/** The headers of a committed change; `nodeName` and `previousNodeName` are a pod's spec.nodeName after and before it. */
export function eventHeaders(summary: Omit<EventSummary, 'nodeNames'> & { nodeName?: string; previousNodeName?: string }): MsgHdrs {
  const h = headers();
  h.set(names.seq, String(summary.seq));
  h.set(names.type, summary.type);
  h.set(names.kind, summary.kind);
  if (summary.namespace) h.set(names.namespace, summary.namespace);
  h.set(names.name, summary.name);
  if (summary.nodeName) h.set(names.nodeName, summary.nodeName);
  if (summary.previousNodeName && summary.previousNodeName !== summary.nodeName) h.set(names.previousNodeName, summary.previousNodeName);
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
  for (const [key, values] of h) {
    const value = values[0] ?? '';
    if (key === names.seq) seq = value;
    else if (key === names.type) type = value;
    else if (key === names.kind) kind = value;
    else if (key === names.namespace) namespace = value;
    else if (key === names.name) name = value;
    else if (key === names.nodeName && value) nodeNames.unshift(value);
    else if (key === names.previousNodeName && value) nodeNames.push(value);
  }
  if (!seq) return undefined;
  return { seq: Number(seq), type, kind, namespace, name, nodeNames };
}
