/**
 * Resource usage on the board: what metrics.k8s.io says a pod or node uses, as bars
 * against what it requested and its limit (a pod) or its allocatable (a node), the
 * way `kubectl top` and `kubectl describe node` put them side by side. Pure: metrics
 * and objects in, bars out.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '@kubelab/api';

export type UsageResource = 'cpu' | 'memory';

/** One resource's bar: `fill` and `requestMark` are fractions of the bar's full width. */
export interface UsageBar {
  resource: UsageResource;
  /** Base units: cores for cpu, bytes for memory. */
  used: number;
  request?: number;
  /** The container limits' sum (a pod) or the allocatable (a node): the bar's full width when known. */
  limit?: number;
  fill: number;
  requestMark?: number;
  /** True past the request (a pod) or past 90% of the allocatable (a node). */
  over: boolean;
  text: string;
}

/** metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics, the fields the board reads. */
export interface PodMetrics {
  metadata: { namespace?: string; name?: string };
  containers: { name: string; usage: Partial<Record<UsageResource, string>> }[];
}
export interface NodeMetrics {
  metadata: { name?: string };
  usage: Partial<Record<UsageResource, string>>;
}

const resources: readonly UsageResource[] = ['cpu', 'memory'];

function quantity(value: string | number | undefined): number {
  if (value === undefined) return 0;
  try {
    return parseQuantity(value);
  } catch {
    return 0;
  }
}

/** `212m` for cores, `96Mi` for bytes: kubectl top's units. */
export function usageText(resource: UsageResource, value: number): string {
  return resource === 'cpu' ? `${Math.round(value * 1000)}m` : `${Math.round(value / 1048576)}Mi`;
}

/** The sum over containers of one resource's requests or limits; undefined when a container lacks it (a limit then means nothing for the pod). */
function containerSum(pod: Pod, field: 'requests' | 'limits', resource: UsageResource, everyContainer: boolean): number | undefined {
  const values = (pod.spec?.containers ?? []).map((c) => c.resources?.[field]?.[resource]);
  if (values.length === 0 || (everyContainer ? values.some((v) => v === undefined) : values.every((v) => v === undefined))) return undefined;
  return values.reduce((sum, v) => sum + quantity(v), 0);
}

function bar(resource: UsageResource, used: number, request: number | undefined, limit: number | undefined, overAt: number | undefined, room?: number): UsageBar {
  const scale = limit ?? room ?? Math.max(request ?? 0, used);
  const parts = [`${resource} ${usageText(resource, used)}`];
  if (request !== undefined) parts.push(`requests ${usageText(resource, request)}`);
  if (limit !== undefined) parts.push(`${overAt === undefined ? 'limit' : 'allocatable'} ${usageText(resource, limit)}`);
  return {
    resource, used, ...(request !== undefined ? { request } : {}), ...(limit !== undefined ? { limit } : {}),
    fill: scale > 0 ? Math.min(1, used / scale) : 0,
    ...(request !== undefined && scale > 0 ? { requestMark: Math.min(1, request / scale) } : {}),
    over: overAt === undefined ? request !== undefined && used > request : limit !== undefined && used > overAt * limit,
    text: parts.join(' · '),
  };
}

/**
 * A pod's bars from its PodMetrics, drawn against its limit, or without one against the
 * allocatable of its node (what it may take); undefined while metrics-server has none for it.
 */
export function podUsage(pod: Pod, metrics: PodMetrics | undefined, node?: Node): UsageBar[] | undefined {
  if (!metrics) return undefined;
  return resources.map((resource) => {
    const used = metrics.containers.reduce((sum, c) => sum + quantity(c.usage[resource]), 0);
    const allocatable = node?.status?.allocatable?.[resource];
    return bar(resource, used, containerSum(pod, 'requests', resource, false), containerSum(pod, 'limits', resource, true), undefined, allocatable === undefined ? undefined : quantity(allocatable));
  });
}

/** A node's bars from its NodeMetrics, against its allocatable, with its pods' requests marked. */
export function nodeUsage(node: Node, metrics: NodeMetrics | undefined, pods: readonly Pod[]): UsageBar[] | undefined {
  if (!metrics) return undefined;
  return resources.map((resource) => {
    const allocatable = node.status?.allocatable?.[resource];
    const requested = pods.reduce((sum, p) => sum + (containerSum(p, 'requests', resource, false) ?? 0), 0);
    return bar(resource, quantity(metrics.usage[resource]), requested, allocatable === undefined ? undefined : quantity(allocatable), 0.9);
  });
}

/** The metrics lists by the key the board uses: namespace/name for pods, name for nodes. */
export interface UsageMetrics {
  pods: ReadonlyMap<string, PodMetrics>;
  nodes: ReadonlyMap<string, NodeMetrics>;
}

export const noMetrics: UsageMetrics = { pods: new Map(), nodes: new Map() };

export function metricsFromLists(pods: readonly PodMetrics[], nodes: readonly NodeMetrics[]): UsageMetrics {
  return {
    pods: new Map(pods.map((m) => [`${m.metadata.namespace ?? ''}/${m.metadata.name ?? ''}`, m])),
    nodes: new Map(nodes.map((m) => [m.metadata.name ?? '', m])),
  };
}
