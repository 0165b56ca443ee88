/**
 * The APIService a cluster with metrics-server shows (`kubectl get apiservices`): v1beta1.metrics.k8s.io, backed by
 * kube-system/metrics-server and Available. Here the api-server itself serves that group, so the APIService is served
 * beside the projection, read-only, like the heartbeat Leases, and never written to the event log.
 */
import { randomUUID } from 'node:crypto';
import { kubeTime, metricsApiServiceName as name, type KubeObject } from '@kubelab/api';
import type { LiveObjects } from '../store/live-objects.js';
import type { StoredObject } from '../store/object-store.js';

export class MetricsApiService implements LiveObjects {
  private readonly stored: StoredObject;

  /** The APIService as of `since` (the api-server's start), at resourceVersion `resourceVersion`. */
  constructor(since: Date, resourceVersion: number) {
    const at = kubeTime(since);
    const object: KubeObject = {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name, uid: randomUUID(), resourceVersion: String(Math.max(1, resourceVersion)), creationTimestamp: at, labels: { 'k8s-app': 'metrics-server' } },
      spec: {
        service: { namespace: 'kube-system', name: 'metrics-server', port: 443 },
        group: 'metrics.k8s.io', version: 'v1beta1', insecureSkipTLSVerify: true, groupPriorityMinimum: 100, versionPriority: 100,
      },
      status: { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: at, reason: 'Passed', message: 'all checks passed' }] },
    };
    this.stored = { object, json: JSON.stringify(object) };
  }

  get(kind: string, namespace: string, objectName: string): StoredObject | undefined {
    return kind === 'APIService' && objectName === name ? this.stored : undefined;
  }

  list(kind: string): StoredObject[] {
    return kind === 'APIService' ? [this.stored] : [];
  }
}
