/**
 * The board the dashboard draws: one column per node (its `kubectl get nodes`
 * STATUS), the pods bound to it as cards (their `kubectl get pods` READY, STATUS and
 * RESTARTS), and a Pending column for pods no node holds yet. With metrics.k8s.io,
 * cards and columns carry usage bars (usage.ts).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { nodeStatus, podReadiness, podRestarts, podStatus } from '@kubelab/api';
import { podKey, type ClusterView } from './cluster-view.js';
import { nodeTone, podTone, type StatusTone } from './status-tone.js';
import { noMetrics, nodeUsage, podUsage, type UsageBar, type UsageMetrics } from './usage.js';

export interface PodCard {
  key: string;
  namespace: string;
  name: string;
  ready: string;
  status: string;
  restarts: string;
  tone: StatusTone;
  /** The containers running now, which a terminal can enter: the pod's default container first (kubectl's choice without -c). */
  containers: string[];
  /** CPU and memory against requests and limits; undefined without metrics for the pod. */
  usage?: UsageBar[];
}

export interface NodeColumn {
  name: string;
  /** `Ready`, `NotReady,SchedulingDisabled`, … (`Unknown` for a node the view no longer has). */
  status: string;
  tone: StatusTone;
  cordoned: boolean;
  pods: PodCard[];
  /** CPU and memory against the allocatable; undefined without metrics for the node. */
  usage?: UsageBar[];
}

export interface Board {
  nodes: NodeColumn[];
  pending: PodCard[];
}

/** kubectl's default container: the one the annotation names, else the first of the spec. */
const defaultContainerAnnotation = 'kubectl.kubernetes.io/default-container';

function runningContainers(pod: Pod): string[] {
  const running = new Set((pod.status?.containerStatuses ?? []).filter((s) => s.state?.running).map((s) => s.name));
  const names = (pod.spec?.containers ?? []).map((c) => c.name).filter((name) => running.has(name));
  const preferred = pod.metadata?.annotations?.[defaultContainerAnnotation];
  return preferred && names.includes(preferred) ? [preferred, ...names.filter((n) => n !== preferred)] : names;
}

function podCard(pod: Pod, now: Date, metrics: UsageMetrics, node?: Node): PodCard {
  const status = podStatus(pod);
  const usage = podUsage(pod, metrics.pods.get(podKey(pod)), node);
  return {
    key: podKey(pod), namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '',
    ready: podReadiness(pod), status, restarts: podRestarts(pod, now), tone: podTone(status), containers: runningContainers(pod),
    ...(usage ? { usage } : {}),
  };
}

const byKey = (a: PodCard, b: PodCard) => a.key.localeCompare(b.key);

/** Columns in node-name order; pods bound to a node the view lacks get a column of their own. */
export function boardOf(view: ClusterView, now: Date, metrics: UsageMetrics = noMetrics): Board {
  const bound = new Map<string, Pod[]>([...view.nodes.keys()].map((name) => [name, []]));
  const pending: PodCard[] = [];
  for (const pod of view.pods.values()) {
    const node = pod.spec?.nodeName;
    if (!node) pending.push(podCard(pod, now, metrics));
    else bound.set(node, [...(bound.get(node) ?? []), pod]);
  }
  const nodes = [...bound.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([name, pods]) => {
    const node = view.nodes.get(name);
    const status = node ? nodeStatus(node) : 'Unknown';
    const usage = node && nodeUsage(node, metrics.nodes.get(name), pods);
    return {
      name, status, tone: nodeTone(status), cordoned: Boolean(node?.spec?.unschedulable), pods: pods.map((p) => podCard(p, now, metrics, node)).sort(byKey),
      ...(usage ? { usage } : {}),
    };
  });
  return { nodes, pending: pending.sort(byKey) };
}
