/**
 * The resource metrics API (metrics.k8s.io) the api-server serves in metrics-server's place: the agents' usage reports,
 * followed in their NATS KV bucket, read against the cluster's nodes and pods. Both front doors (HTTP and the bus) read
 * through it; nothing of it reaches the event log.
 */
import { badRequest, getMetrics, listMetrics, parseFieldSelector, parseLabelSelector, SelectorError, type KubeObject, type MetricsSelectors, type ResourceType } from '@kubelab/api';
import { FollowedNodeUsage, followNodeUsage, nodeUsage } from '@kubelab/bus';
import type { NatsConnection } from 'nats';
import type { ObjectStore } from '../store/object-store.js';

export class ResourceMetrics {
  private readonly reports = new FollowedNodeUsage();
  private stopFollowing: () => void = () => undefined;

  constructor(private readonly store: ObjectStore) {}

  /** Follows the agents' reports (the bucket is made here: the agents' NATS users may not make one). */
  async follow(nc: NatsConnection, replicas: number): Promise<void> {
    this.stopFollowing = await followNodeUsage(await nodeUsage(nc, replicas), this.reports);
  }

  stop(): void {
    this.stopFollowing();
  }

  private get source() {
    return {
      reports: this.reports,
      pods: (namespace: string | undefined) => this.store.list('Pod', namespace).map((s) => s.object),
      nodes: () => this.store.list('Node').map((s) => s.object),
    };
  }

  /** One node's or pod's metrics, or metrics-server's 404. */
  get(t: ResourceType, namespace: string, name: string, now = new Date()): KubeObject {
    return getMetrics(t, namespace, name, this.source, now);
  }

  /** The metrics of the nodes or pods (of `namespace`, undefined: all) the selectors pick; a malformed selector is a 400. */
  list(t: ResourceType, namespace: string | undefined, labelSelector?: string, fieldSelector?: string, now = new Date()): KubeObject[] {
    return listMetrics(t, namespace, parsedSelectors(labelSelector, fieldSelector), this.source, now);
  }
}

function parsedSelectors(labelSelector?: string, fieldSelector?: string): MetricsSelectors {
  try {
    return { labels: labelSelector ? parseLabelSelector(labelSelector) : [], fields: fieldSelector ? parseFieldSelector(fieldSelector) : [] };
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
}
