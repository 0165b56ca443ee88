/**
 * What every controller of the process shares: the api-server client (each
 * controller acts under its own name), the informers (one cache per kind for all
 * controllers), the lab clock and an event recorder per controller.
 */
import {
  labelSelectorFromObject, matchesLabels, type ClusterRole, type ConfigMap, type ControllerRevision, type CronJob, type DaemonSet, type Deployment,
  type EndpointSlice, type Endpoints, type HorizontalPodAutoscaler, type Job, type KubeObject, type Namespace, type Node, type PersistentVolume,
  type PersistentVolumeClaim, type Pod, type PodDisruptionBudget, type ReplicaSet, type ReplicationController, type ResourceQuota, type Secret,
  type Service, type ServiceAccount, type StatefulSet, type StorageClass,
} from '@kubelab/api';
import { EventRecorder, type ApiClient, type BusEvent } from '@kubelab/bus';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { asReplicaSet } from '@kubelab/controllers';
import type { Logger } from 'pino';
import type { ControllerManagerConfig } from './config.js';

export const refs = {
  pods: { group: '', version: 'v1', plural: 'pods', kind: 'Pod' },
  nodes: { group: '', version: 'v1', plural: 'nodes', kind: 'Node' },
  services: { group: '', version: 'v1', plural: 'services', kind: 'Service' },
  endpoints: { group: '', version: 'v1', plural: 'endpoints', kind: 'Endpoints' },
  endpointSlices: { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', kind: 'EndpointSlice' },
  replicaSets: { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet' },
  deployments: { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment' },
  jobs: { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job' },
  statefulSets: { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet' },
  daemonSets: { group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet' },
  controllerRevisions: { group: 'apps', version: 'v1', plural: 'controllerrevisions', kind: 'ControllerRevision' },
  cronJobs: { group: 'batch', version: 'v1', plural: 'cronjobs', kind: 'CronJob' },
  namespaces: { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace' },
  configMaps: { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap' },
  secrets: { group: '', version: 'v1', plural: 'secrets', kind: 'Secret' },
  persistentVolumeClaims: { group: '', version: 'v1', plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' },
  persistentVolumes: { group: '', version: 'v1', plural: 'persistentvolumes', kind: 'PersistentVolume' },
  storageClasses: { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', kind: 'StorageClass' },
  resourceQuotas: { group: '', version: 'v1', plural: 'resourcequotas', kind: 'ResourceQuota' },
  serviceAccounts: { group: '', version: 'v1', plural: 'serviceaccounts', kind: 'ServiceAccount' },
  replicationControllers: { group: '', version: 'v1', plural: 'replicationcontrollers', kind: 'ReplicationController' },
  podDisruptionBudgets: { group: 'policy', version: 'v1', plural: 'poddisruptionbudgets', kind: 'PodDisruptionBudget' },
  clusterRoles: { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', kind: 'ClusterRole' },
  horizontalPodAutoscalers: { group: 'autoscaling', version: 'v2', plural: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler' },
} as const;

/** The kind each informer of `refs` caches. */
interface CachedKinds {
  pods: Pod;
  nodes: Node;
  services: Service;
  endpoints: Endpoints;
  endpointSlices: EndpointSlice;
  replicaSets: ReplicaSet;
  deployments: Deployment;
  jobs: Job;
  statefulSets: StatefulSet;
  daemonSets: DaemonSet;
  controllerRevisions: ControllerRevision;
  cronJobs: CronJob;
  namespaces: Namespace;
  configMaps: ConfigMap;
  secrets: Secret;
  persistentVolumeClaims: PersistentVolumeClaim;
  persistentVolumes: PersistentVolume;
  storageClasses: StorageClass;
  resourceQuotas: ResourceQuota;
  serviceAccounts: ServiceAccount;
  replicationControllers: ReplicationController;
  podDisruptionBudgets: PodDisruptionBudget;
  clusterRoles: ClusterRole;
  horizontalPodAutoscalers: HorizontalPodAutoscaler;
}

/**
 * An informer seen through the kind it lists (client-go's typed listers): its cache holds
 * nothing else, so it hands the reconcilers typed objects without a cast at every read.
 */
export interface KindInformer<T extends KubeObject> {
  list(): T[];
  get(namespace: string, name: string): T | undefined;
  /** The cached objects `cacheIndexers[index]` files under `value` (the pods index only pods' own fields: see podIndexers). */
  byIndex(index: CacheIndex, value: string): T[];
  onChange(handler: (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T, event?: BusEvent) => void): void;
  /** The seq the cache is current at. */
  readonly resourceVersion: number;
  start(): Promise<void>;
  stop(): void;
}

/**
 * What a sync reads the caches by instead of scanning every object, as kube-controller-manager's listers
 * and indexers do: a namespace's objects (client-go's NamespaceIndex), the objects one controller owns,
 * and the orphans of a namespace (those a selector may adopt).
 */
export const cacheIndexers = {
  namespace: (o: KubeObject): string[] => [o.metadata.namespace ?? ''],
  controller: (o: KubeObject): string[] => {
    const owner = controllerOf(o);
    return owner ? [owner.uid] : [];
  },
  orphans: (o: KubeObject): string[] => (controllerOf(o) ? [] : [o.metadata.namespace ?? '']),
};

/** The pods' indexes: the ones every kind has, and the node a pod is bound to. */
export const podIndexers = { ...cacheIndexers, node: (pod: Pod): string[] => (pod.spec?.nodeName ? [pod.spec.nodeName] : []) };

export type CacheIndex = keyof typeof podIndexers;

/** One informer per entry of `refs`, each typed by the kind it lists. */
export type Informers = { [K in keyof typeof refs]: KindInformer<CachedKinds[K]> };

export interface LabClock {
  now: Date;
  timeScale: number;
}

export interface ControllerContext {
  client: ApiClient;
  informers: Informers;
  config: ControllerManagerConfig;
  log: Logger;
  clock(): LabClock;
}

/** A controller of the process: handlers always fill its queue; it syncs only while leading. */
export interface Controller {
  readonly name: string;
  start(): void;
  pause(): void;
  stop(): void;
}

/** The client acting as `actor` and a recorder reporting as `component` (by default the actor). */
export function actingAs(ctx: ControllerContext, actor: string, component = actor): { client: ApiClient; events: EventRecorder } {
  const client = ctx.client.as(actor);
  return { client, events: new EventRecorder(client, { component }, ctx.log) };
}

/** "namespace/name", the work queues' key. */
export const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The seq of the event that left the object as it is: the cause of what a controller does about it. */
export const seqOf = (o: KubeObject): number | undefined => Number(o.metadata.resourceVersion) || undefined;

/** A write about something already gone needs no retry: 404 is swallowed, anything else thrown. */
export function ignoreGone(e: { code?: number }): undefined {
  if (e.code === 404) return undefined;
  throw e;
}

/** Splits a queue key back into namespace and name. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The controller ownerReference of an object, if any. */
export function controllerOf(o: KubeObject): { kind: string; name: string; uid: string } | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

/** Whether an owner's selector (a ReplicaSet's, a StatefulSet's, a ReplicationController's label map…) picks the pod. */
export function selects(owner: KubeObject, dependent: KubeObject): boolean {
  // Every owner kind that reaches here (ReplicaSet, Deployment, StatefulSet, DaemonSet) selects by a LabelSelector but the ReplicationController.
  const workload = (owner.kind === 'ReplicationController' ? asReplicaSet(owner as ReplicationController) : owner) as KubeObject & { spec?: { selector?: LabelSelector } };
  const selector = workload.spec?.selector;
  if (!selector) return false;
  return matchesLabels(labelSelectorFromObject(selector), dependent.metadata.labels ?? {});
}

/** The keys of the owners of `kind` to sync for a pod: its controller, or for an orphan every one that could adopt it. */
export function ownerKeysOf(pod: Pod, kind: string, owners: KindInformer<KubeObject>): string[] {
  const owner = controllerOf(pod);
  const ns = pod.metadata.namespace!;
  if (owner) return owner.kind === kind ? [`${ns}/${owner.name}`] : [];
  return owners.list().filter((o) => o.metadata.namespace === ns && selects(o, pod)).map(keyOf);
}

/**
 * Expectations, the Kubernetes way of not acting twice on one's own writes: after a
 * sync writes, the key waits until the cache has seen the newest seq it wrote.
 */
export class Expectations {
  private readonly pending = new Map<string, number>();

  expect(key: string, seq: number | undefined): void {
    if (seq !== undefined && seq > (this.pending.get(key) ?? 0)) this.pending.set(key, seq);
  }

  /** Whether the cache at `seenSeq` reflects every write made for `key`. */
  satisfied(key: string, seenSeq: number): boolean {
    const wanted = this.pending.get(key);
    if (wanted === undefined) return true;
    if (seenSeq < wanted) return false;
    this.pending.delete(key);
    return true;
  }
}
