/**
 * What the scheduler keeps of a pod bound to a node, as kube-scheduler's informers are given a
 * transform: what its BoundPod digests (labels, controller owner, requests, priority, host ports,
 * inter-pod affinity, claims, being deleted, phase), the disks VolumeRestrictions compares,
 * what preemption weighs of a victim (priority, start time) and what its Events and eviction name
 * (kind, namespace, name, uid, resourceVersion). A pod waiting for a node is kept whole: it is
 * scheduled, written back and explained from its cached copy. A bound pod's managedFields, image,
 * command, env, probes, status conditions and container statuses were ~6 KB of the 10,000 pods'
 * cache; what is left is shared between the replicas of a workload where equal.
 */
import { definedOnly, sharedValue, type Pod } from '@kubelab/api';
import type { Container, ContainerPort, PodSpec, Volume } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { isExclusiveDisk } from '../filters/volume-restrictions-state.js';

/** `value`'s members that are set: a view has no member its pod lacks (`'cpu' in requests` must not change). */
/** A container as requests and host ports read it. */
function containerView(container: Container, withPorts: boolean): Container {
  const hostPorts = withPorts ? (container?.ports ?? []).filter((p) => typeof p?.hostPort === 'number' && p.hostPort > 0) : [];
  return definedOnly({
    name: container?.name,
    restartPolicy: container?.restartPolicy,
    resources: container?.resources?.requests ? { requests: container.resources.requests } : undefined,
    ports: hostPorts.length ? hostPorts.map((p): ContainerPort => definedOnly({ containerPort: p.containerPort, hostPort: p.hostPort, hostIP: p.hostIP, protocol: p.protocol })) : undefined,
  });
}

/** The claims and the one-node disks among the pod's volumes (a generic ephemeral volume's claim is not counted on the node). */
function volumesView(volumes: readonly Volume[] | undefined): Volume[] | undefined {
  const kept = (volumes ?? []).filter((v) => v?.persistentVolumeClaim || isExclusiveDisk(v));
  return kept.length ? kept.map((v) => (v.persistentVolumeClaim ? { name: v.name, persistentVolumeClaim: v.persistentVolumeClaim } : v)) : undefined;
}

const listOrUndefined = <T>(items: T[]) => (items.length ? items : undefined);

/** The pod as the scheduler's cache keeps it once it is bound to a node. */
export function boundPodView(pod: Pod): Pod {
  const { metadata, spec, status } = pod;
  const affinity = spec?.affinity;
  const controller = (metadata.ownerReferences ?? []).filter((r) => r.controller === true);
  const view: PodSpec = definedOnly({
    nodeName: sharedValue(spec?.nodeName),
    priority: spec?.priority,
    containers: sharedValue((spec?.containers ?? []).map((c) => containerView(c, true))),
    initContainers: sharedValue(listOrUndefined((spec?.initContainers ?? []).map((c) => containerView(c, false)))),
    overhead: sharedValue(spec?.overhead),
    affinity: affinity?.podAffinity || affinity?.podAntiAffinity ? sharedValue(definedOnly({ podAffinity: affinity.podAffinity, podAntiAffinity: affinity.podAntiAffinity })) : undefined,
    volumes: volumesView(spec?.volumes),
  });
  return {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: definedOnly({
      name: metadata.name,
      namespace: sharedValue(metadata.namespace),
      uid: metadata.uid,
      resourceVersion: metadata.resourceVersion,
      labels: sharedValue(metadata.labels),
      ownerReferences: controller.length ? sharedValue(controller.map((r): OwnerReference => ({ apiVersion: r.apiVersion, kind: r.kind, name: r.name, uid: r.uid, controller: true }))) : undefined,
      deletionTimestamp: metadata.deletionTimestamp,
    }),
    spec: view,
    status: definedOnly({ phase: sharedValue(status?.phase), startTime: sharedValue(status?.startTime) }),
  };
}
