/**
 * Defaulting as kube-apiserver does it on every write: the v1 defaulting functions of each
 * kind plus, for pods, the mutating admission plugins that need no other objects
 * (ServiceAccount, DefaultTolerationSeconds) and the initial status.
 */
import type { KubeObject } from '../../object.js';
import { cloneJson } from '../../object.js';
import { defaultCronJob } from './cron-job.js';
import { defaultCSIDriver } from './csi-driver.js';
import { defaultDaemonSet } from './daemon-set.js';
import { defaultDeployment } from './deployment.js';
import { defaultEndpointSlice } from './endpoint-slice.js';
import { defaultEndpoints } from './endpoints.js';
import { defaultFlowSchema, defaultPriorityLevelConfiguration } from './flowcontrol.js';
import { defaultHorizontalPodAutoscaler } from './horizontal-pod-autoscaler.js';
import { defaultIngressClass } from './ingress-class.js';
import { defaultJob } from './job.js';
import { defaultLimitRange } from './limit-range.js';
import { defaultNamespace } from './namespace.js';
import { defaultNetworkPolicy } from './network-policy.js';
import { defaultNode } from './node.js';
import { defaultPersistentVolume } from './persistent-volume.js';
import { defaultPersistentVolumeClaim } from './persistent-volume-claim.js';
import { defaultPodDisruptionBudget } from './pod-disruption-budget.js';
import { defaultPodTemplateObject } from './pod-template-object.js';
import { defaultPod } from './pod.js';
import { defaultPriorityClass } from './priority-class.js';
import { defaultRoleBinding } from './rbac.js';
import { defaultReplicaSet } from './replica-set.js';
import { defaultReplicationController } from './replication-controller.js';
import { defaultResourceQuota } from './resource-quota.js';
import { defaultSecret } from './secret.js';
import { defaultService } from './service.js';
import { defaultStatefulSet } from './stateful-set.js';
import { defaultStorageClass } from './storage-class.js';
import { defaultValidatingAdmissionPolicy, defaultValidatingAdmissionPolicyBinding } from './validating-admission-policy.js';
import { defaultMutatingWebhookConfiguration, defaultValidatingWebhookConfiguration } from './webhook-configuration.js';

/**
 * A defaulter takes the typed kind it is listed under; `never` lets one table hold them all,
 * and `applyDefaults` hands each only objects of its key's kind.
 */
type Defaulter = (obj: never) => void;

const DEFAULTERS: Record<string, Defaulter> = {
  Pod: defaultPod,
  Service: defaultService,
  Endpoints: defaultEndpoints,
  LimitRange: defaultLimitRange,
  Namespace: defaultNamespace,
  Node: defaultNode,
  Deployment: defaultDeployment,
  ReplicaSet: defaultReplicaSet,
  StatefulSet: defaultStatefulSet,
  DaemonSet: defaultDaemonSet,
  Job: defaultJob,
  CronJob: defaultCronJob,
  PriorityClass: defaultPriorityClass,
  EndpointSlice: defaultEndpointSlice,
  Secret: defaultSecret,
  PersistentVolumeClaim: defaultPersistentVolumeClaim,
  PersistentVolume: defaultPersistentVolume,
  StorageClass: defaultStorageClass,
  ResourceQuota: defaultResourceQuota,
  ReplicationController: defaultReplicationController,
  PodTemplate: defaultPodTemplateObject,
  HorizontalPodAutoscaler: defaultHorizontalPodAutoscaler,
  PodDisruptionBudget: defaultPodDisruptionBudget,
  NetworkPolicy: defaultNetworkPolicy,
  IngressClass: defaultIngressClass,
  RoleBinding: defaultRoleBinding,
  ClusterRoleBinding: defaultRoleBinding,
  ValidatingWebhookConfiguration: defaultValidatingWebhookConfiguration,
  MutatingWebhookConfiguration: defaultMutatingWebhookConfiguration,
  CSIDriver: defaultCSIDriver,
  ValidatingAdmissionPolicy: defaultValidatingAdmissionPolicy,
  FlowSchema: defaultFlowSchema,
  PriorityLevelConfiguration: defaultPriorityLevelConfiguration,
  ValidatingAdmissionPolicyBinding: defaultValidatingAdmissionPolicyBinding,
};

/** Returns a copy of the object with its kind's defaults filled in (Events and Leases have none). Idempotent. */
export function applyDefaults(obj: KubeObject): KubeObject {
  const result = cloneJson(obj);
  if (!result.metadata) result.metadata = {};
  DEFAULTERS[result.kind]?.(result as never);
  return result;
}
