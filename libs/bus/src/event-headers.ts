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

/** The summary an event's headers carry; undefined when it has none (then only its body tells). */
export function eventSummary(h: MsgHdrs | undefined): EventSummary | undefined {
  const seq = h?.get(names.seq);
  if (!h || !seq) return undefined;
  return {
    seq: Number(seq), type: h.get(names.type), kind: h.get(names.kind), namespace: h.get(names.namespace), name: h.get(names.name),
    nodeNames: [h.get(names.nodeName), h.get(names.previousNodeName)].filter(Boolean),
  };
}
