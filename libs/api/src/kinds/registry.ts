/**
 * The strategies looked up by kind: one entry per built-in kind with behaviour of its own,
 * the facts of the kinds that differ only in a flag or in the status they start with written
 * beside them, the built-in default for every other kind, and a custom resource's strategy
 * made from its CRD. Built-in kind names are unique among the stored types (a second served
 * version, events.k8s.io Event or autoscaling/v1 HorizontalPodAutoscaler, is stored as the first).
 */
import type { KubeObject } from '../object.js';
import { resourceTypeForKind, type ResourceType } from '../registry.js';
import { certificateSigningRequestStrategy } from './certificatesigningrequest/strategy.js';
import { customResourceDefinitionStrategy, customResourceStrategy } from './customresourcedefinition/strategy.js';
import { ingressStrategy } from './ingress/strategy.js';
import { jobStrategy } from './job/strategy.js';
import { namespaceStrategy } from './namespace/strategy.js';
import { persistentVolumeStrategy } from './persistentvolume/strategy.js';
import { persistentVolumeClaimStrategy } from './persistentvolumeclaim/strategy.js';
import { dropDisabledField } from './disabled-field.js';
import { dropDisabledFields, podTemplateKinds } from './pod/disabled-fields.js';
import { podStrategy } from './pod/strategy.js';
import { priorityClassStrategy } from './priorityclass/strategy.js';
import { rbacStrategy } from './rbac/strategy.js';
import { replicationControllerStrategy } from './replicationcontroller/strategy.js';
import { serviceStrategy } from './service/strategy.js';
import { builtInStrategy, dropStatus, emptyStatus, strategy, type KindStrategy } from './strategy.js';

/** A kind without generation: its registry strategy leaves metadata.generation unset, as no controller reports an observedGeneration back. */
const withoutGeneration = strategy({ generation: false });
/** A kind without generation whose PUT creates a missing object (AllowCreateOnUpdate). */
const createdOnUpdate = strategy({ generation: false, allowCreateOnUpdate: true });
/** A kind whose status is worked out afresh on create (a controller fills it), whatever the client sent. */
const statusDropped = strategy({ prepareForCreate: dropStatus });
/** A kind whose new objects start with an empty status, whatever the client sent. */
const statusEmptied = strategy({ prepareForCreate: emptyStatus });

/** MaxUnavailableStatefulSet is alpha in 1.32: a StatefulSet's rollingUpdate.maxUnavailable is dropped. */
const maxUnavailable = ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'];
const statefulSetStrategy = strategy({
  prepareForCreate: (set) => dropDisabledField(dropStatus(set), undefined, maxUnavailable),
  prepareForUpdate: (next, current) => dropDisabledField(next, current, maxUnavailable),
});

const strategies: Readonly<Record<string, KindStrategy>> = {
  // core
  Binding: withoutGeneration,
  ConfigMap: withoutGeneration,
  Endpoints: createdOnUpdate,
  Event: createdOnUpdate,
  LimitRange: withoutGeneration,
  Namespace: namespaceStrategy,
  Node: strategy({ generation: false, allowCreateOnUpdate: true, statusReported: true }),
  PersistentVolume: persistentVolumeStrategy,
  PersistentVolumeClaim: persistentVolumeClaimStrategy,
  Pod: podStrategy,
  ReplicationController: replicationControllerStrategy,
  ResourceQuota: strategy({ generation: false, prepareForCreate: emptyStatus }),
  Secret: withoutGeneration,
  Service: serviceStrategy,
  ServiceAccount: withoutGeneration,
  // apps, batch, autoscaling, networking
  ControllerRevision: withoutGeneration,
  DaemonSet: statusDropped,
  Deployment: statusDropped,
  ReplicaSet: statusDropped,
  StatefulSet: statefulSetStrategy,
  CronJob: statusDropped,
  Job: jobStrategy,
  HorizontalPodAutoscaler: statusEmptied,
  Ingress: ingressStrategy,
  // coordination, certificates, scheduling, node, storage
  Lease: createdOnUpdate,
  CertificateSigningRequest: certificateSigningRequestStrategy,
  PriorityClass: priorityClassStrategy,
  RuntimeClass: withoutGeneration,
  CSIDriver: withoutGeneration,
  CSINode: withoutGeneration,
  CSIStorageCapacity: withoutGeneration,
  StorageClass: withoutGeneration,
  VolumeAttachment: strategy({ generation: false, prepareForCreate: (obj) => ({ ...obj, status: { attached: false } }) }),
  // rbac
  ClusterRole: rbacStrategy,
  ClusterRoleBinding: rbacStrategy,
  Role: rbacStrategy,
  RoleBinding: rbacStrategy,
  // admission, flow control, extensions
  ValidatingAdmissionPolicy: statusEmptied,
  FlowSchema: statusEmptied,
  PriorityLevelConfiguration: statusEmptied,
  APIService: strategy({ generation: false, prepareForCreate: emptyStatus }),
  CustomResourceDefinition: customResourceDefinitionStrategy,
};

/**
 * A workload's PrepareForCreate and PrepareForUpdate also drop its pod template's disabled fields
 * (DropDisabledTemplateFields), after what the kind's own prepare does.
 */
function droppingTemplateFields(s: KindStrategy): KindStrategy {
  return {
    ...s,
    prepareForCreate: (obj, now) => dropDisabledFields(s.prepareForCreate(obj, now), undefined),
    prepareForUpdate: (next, current) => dropDisabledFields(s.prepareForUpdate(next, current), current),
  };
}

const workloadStrategies = new Map(podTemplateKinds.map((kind) => [kind, droppingTemplateFields(Object.hasOwn(strategies, kind) ? strategies[kind] : builtInStrategy)]));

/** The strategy of the objects of type `t`. */
export function strategyFor(t: ResourceType): KindStrategy {
  if (t.custom) return customResourceStrategy(t);
  const workload = workloadStrategies.get(t.kind);
  if (workload) return workload;
  return Object.hasOwn(strategies, t.kind) ? strategies[t.kind] : builtInStrategy;
}

/** The strategy of an object whose type is known only by its apiVersion and kind. */
export function strategyOfObject(obj: KubeObject): KindStrategy {
  const t = resourceTypeForKind(obj.apiVersion, obj.kind);
  return t ? strategyFor(t) : builtInStrategy;
}

/** The domain event of a status write: `PodStatusReported`, `JobStatusUpdated`. */
export function statusEventType(t: ResourceType): string {
  return `${t.kind}${strategyFor(t).statusReported ? 'StatusReported' : 'StatusUpdated'}`;
}
