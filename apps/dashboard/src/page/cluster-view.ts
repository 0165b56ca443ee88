/**
 * The cluster as the dashboard draws it: nodes and pods, listed once and then kept
 * current by watch events, or taken whole from a past state (GET /kubelab/v1/state).
 * Pure: objects in, a new view out.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Status } from 'kubernetes-types/meta/v1';

export interface ClusterView {
  nodes: ReadonlyMap<string, Node>;
  /** By namespace/name. */
  pods: ReadonlyMap<string, Pod>;
}

/** One line of a watch stream (kubectl-wire §5). */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  /** A node or a pod, as the watch's kind says; an ERROR's Status (never read). */
  object: Node | Pod | Status;
}

export const podKey = (pod: Pod): string => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;

export const emptyView: ClusterView = { nodes: new Map(), pods: new Map() };

export function viewFromLists(nodes: readonly Node[], pods: readonly Pod[]): ClusterView {
  return {
    nodes: new Map(nodes.map((n) => [n.metadata?.name ?? '', n])),
    pods: new Map(pods.map((p) => [podKey(p), p])),
  };
}

/** The nodes and pods among every object of a cluster state. */
export function viewFromState(items: readonly { kind?: string }[]): ClusterView {
  return viewFromLists(items.filter((o): o is Node => o.kind === 'Node'), items.filter((o): o is Pod => o.kind === 'Pod'));
}

function applied<T>(objects: ReadonlyMap<string, T>, key: string, deleted: boolean, object: T): Map<string, T> {
  const next = new Map(objects);
  if (deleted) next.delete(key);
  else next.set(key, object);
  return next;
}

/** The view after one watch event of the nodes (`Node`) or pods (`Pod`) watch; bookmarks and errors change nothing. */
export function applyWatchEvent(view: ClusterView, kind: 'Node' | 'Pod', event: WatchEvent): ClusterView {
  if (event.type === 'BOOKMARK' || event.type === 'ERROR') return view;
  const deleted = event.type === 'DELETED';
  if (kind === 'Node') {
    const node = event.object as Node;
    return { ...view, nodes: applied(view.nodes, node.metadata?.name ?? '', deleted, node) };
  }
  const pod = event.object as Pod;
  return { ...view, pods: applied(view.pods, podKey(pod), deleted, pod) };
}
