/**
 * The cluster as the dashboard draws it: nodes and pods, listed once and then kept
 * current by watch events, or taken whole from a past state (GET /kubelab/v1/state).
 * Pure: objects in, a new view out.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';

export interface ClusterView {
  nodes: ReadonlyMap<string, Node>;
  /** By namespace/name. */
  pods: ReadonlyMap<string, Pod>;
}

/** One line of a watch stream (kubectl-wire §5). */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
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
export function viewFromState(items: readonly any[]): ClusterView {
  return viewFromLists(items.filter((o) => o.kind === 'Node'), items.filter((o) => o.kind === 'Pod'));
}

/** The view after one watch event of the nodes (`Node`) or pods (`Pod`) watch; bookmarks and errors change nothing. */
export function applyWatchEvent(view: ClusterView, kind: 'Node' | 'Pod', event: WatchEvent): ClusterView {
  if (event.type === 'BOOKMARK' || event.type === 'ERROR') return view;
  const key = kind === 'Node' ? (event.object.metadata?.name ?? '') : podKey(event.object);
  const current = new Map<string, any>(kind === 'Node' ? view.nodes : view.pods);
  if (event.type === 'DELETED') current.delete(key);
  else current.set(key, event.object);
  return kind === 'Node' ? { ...view, nodes: current } : { ...view, pods: current };
}
