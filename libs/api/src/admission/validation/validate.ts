/**
 * Entry points of validation: dispatch by kind to the create and update rules, and
 * drop repeated errors as kube-apiserver's error aggregation does.
 */
import type { KubeObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { validateCertificateSigningRequestCreate, validateCertificateSigningRequestUpdate } from './certificate-signing-request.js';
import { validateConfigMapCreate, validateConfigMapUpdate, validateSecretCreate, validateSecretUpdate } from './config-data.js';
import { validateControllerRevisionCreate, validateControllerRevisionUpdate } from './controller-revision.js';
import { validateCronJobCreate, validateCronJobUpdate } from './cron-job.js';
import { validateDaemonSetCreate, validateDaemonSetUpdate } from './daemon-set.js';
import { validateDeploymentCreate, validateDeploymentUpdate } from './deployment.js';
import { validateEndpointSliceCreate, validateEndpointSliceUpdate } from './endpoint-slice.js';
import { validateEndpointsCreate, validateEndpointsUpdate } from './endpoints.js';
import type { KindRules } from './generic.js';
import { genericRules, metadataOnlyRules } from './generic.js';
import { validateEventCreate, validateEventUpdate } from './event.js';
import {
  validateFlowSchemaCreate,
  validateFlowSchemaUpdate,
  validatePriorityLevelConfigurationCreate,
  validatePriorityLevelConfigurationUpdate,
} from './flowcontrol.js';
import { validateHorizontalPodAutoscalerCreate, validateHorizontalPodAutoscalerUpdate } from './horizontal-pod-autoscaler.js';
import { validateIngressCreate, validateIngressUpdate } from './ingress.js';
import { validateIngressClassCreate, validateIngressClassUpdate } from './ingress-class.js';
import { validateJobCreate, validateJobUpdate } from './job.js';
import { validateLeaseCreate, validateLeaseUpdate } from './lease.js';
import { validateLimitRangeCreate, validateLimitRangeUpdate } from './limit-range.js';
import { validateNamespaceCreate, validateNamespaceUpdate } from './namespace.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { validateNetworkPolicyCreate, validateNetworkPolicyUpdate } from './network-policy.js';
import { validateNodeCreate, validateNodeUpdate } from './node.js';
import { validatePersistentVolumeCreate, validatePersistentVolumeUpdate } from './persistent-volume.js';
import { validatePersistentVolumeClaimCreate, validatePersistentVolumeClaimUpdate } from './persistent-volume-claim.js';
import { validatePodCreate } from './pod.js';
import { validatePodDisruptionBudgetCreate, validatePodDisruptionBudgetUpdate } from './pod-disruption-budget.js';
import { validatePodTemplateCreate, validatePodTemplateUpdate } from './pod-template-object.js';
import { validatePodUpdate } from './pod-update.js';
import { validatePriorityClassCreate, validatePriorityClassUpdate } from './priority-class.js';
import {
  validateClusterRoleBindingCreate,
  validateClusterRoleBindingUpdate,
  validateClusterRoleCreate,
  validateClusterRoleUpdate,
  validateRoleBindingCreate,
  validateRoleBindingUpdate,
  validateRoleCreate,
  validateRoleUpdate,
} from './rbac.js';
import { validateReplicaSetCreate, validateReplicaSetUpdate } from './replica-set.js';
import { validateReplicationControllerCreate, validateReplicationControllerUpdate } from './replication-controller.js';
import { validateResourceQuotaCreate, validateResourceQuotaUpdate } from './resource-quota.js';
import { validateRuntimeClassCreate, validateRuntimeClassUpdate } from './runtime-class.js';
import { validateServiceCreate, validateServiceUpdate } from './service.js';
import { validateStatefulSetCreate, validateStatefulSetUpdate } from './stateful-set.js';
import {
  validateValidatingAdmissionPolicyBindingCreate,
  validateValidatingAdmissionPolicyBindingUpdate,
  validateValidatingAdmissionPolicyCreate,
  validateValidatingAdmissionPolicyUpdate,
} from './validating-admission-policy.js';
import {
  validateMutatingWebhookConfigurationCreate,
  validateMutatingWebhookConfigurationUpdate,
  validateValidatingWebhookConfigurationCreate,
  validateValidatingWebhookConfigurationUpdate,
} from './webhook-configuration.js';
import { validateStorageClassCreate, validateStorageClassUpdate } from './storage-class.js';

const RULES: Record<string, KindRules> = {
  Pod: { create: validatePodCreate, update: validatePodUpdate },
  Service: { create: validateServiceCreate, update: validateServiceUpdate },
  Endpoints: { create: validateEndpointsCreate, update: validateEndpointsUpdate },
  ConfigMap: { create: validateConfigMapCreate, update: validateConfigMapUpdate },
  Secret: { create: validateSecretCreate, update: validateSecretUpdate },
  Event: { create: validateEventCreate, update: validateEventUpdate },
  LimitRange: { create: validateLimitRangeCreate, update: validateLimitRangeUpdate },
  Namespace: { create: validateNamespaceCreate, update: validateNamespaceUpdate },
  Node: { create: validateNodeCreate, update: validateNodeUpdate },
  Deployment: { create: validateDeploymentCreate, update: validateDeploymentUpdate },
  ReplicaSet: { create: validateReplicaSetCreate, update: validateReplicaSetUpdate },
  StatefulSet: { create: validateStatefulSetCreate, update: validateStatefulSetUpdate },
  DaemonSet: { create: validateDaemonSetCreate, update: validateDaemonSetUpdate },
  ControllerRevision: { create: validateControllerRevisionCreate, update: validateControllerRevisionUpdate },
  Job: { create: validateJobCreate, update: validateJobUpdate },
  CronJob: { create: validateCronJobCreate, update: validateCronJobUpdate },
  PriorityClass: { create: validatePriorityClassCreate, update: validatePriorityClassUpdate },
  Lease: { create: validateLeaseCreate, update: validateLeaseUpdate },
  EndpointSlice: { create: validateEndpointSliceCreate, update: validateEndpointSliceUpdate },
  ServiceAccount: metadataOnlyRules({ namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true }),
  PersistentVolumeClaim: { create: validatePersistentVolumeClaimCreate, update: validatePersistentVolumeClaimUpdate },
  PersistentVolume: { create: validatePersistentVolumeCreate, update: validatePersistentVolumeUpdate },
  StorageClass: { create: validateStorageClassCreate, update: validateStorageClassUpdate },
  ResourceQuota: { create: validateResourceQuotaCreate, update: validateResourceQuotaUpdate },
  ReplicationController: { create: validateReplicationControllerCreate, update: validateReplicationControllerUpdate },
  PodTemplate: { create: validatePodTemplateCreate, update: validatePodTemplateUpdate },
  HorizontalPodAutoscaler: { create: validateHorizontalPodAutoscalerCreate, update: validateHorizontalPodAutoscalerUpdate },
  PodDisruptionBudget: { create: validatePodDisruptionBudgetCreate, update: validatePodDisruptionBudgetUpdate },
  NetworkPolicy: { create: validateNetworkPolicyCreate, update: validateNetworkPolicyUpdate },
  Ingress: { create: validateIngressCreate, update: validateIngressUpdate },
  IngressClass: { create: validateIngressClassCreate, update: validateIngressClassUpdate },
  Role: { create: validateRoleCreate, update: validateRoleUpdate },
  ClusterRole: { create: validateClusterRoleCreate, update: validateClusterRoleUpdate },
  RoleBinding: { create: validateRoleBindingCreate, update: validateRoleBindingUpdate },
  ClusterRoleBinding: { create: validateClusterRoleBindingCreate, update: validateClusterRoleBindingUpdate },
  ValidatingAdmissionPolicy: { create: validateValidatingAdmissionPolicyCreate, update: validateValidatingAdmissionPolicyUpdate },
  ValidatingAdmissionPolicyBinding: { create: validateValidatingAdmissionPolicyBindingCreate, update: validateValidatingAdmissionPolicyBindingUpdate },
  ValidatingWebhookConfiguration: { create: validateValidatingWebhookConfigurationCreate, update: validateValidatingWebhookConfigurationUpdate },
  MutatingWebhookConfiguration: { create: validateMutatingWebhookConfigurationCreate, update: validateMutatingWebhookConfigurationUpdate },
  FlowSchema: { create: validateFlowSchemaCreate, update: validateFlowSchemaUpdate },
  PriorityLevelConfiguration: { create: validatePriorityLevelConfigurationCreate, update: validatePriorityLevelConfigurationUpdate },
  RuntimeClass: { create: validateRuntimeClassCreate, update: validateRuntimeClassUpdate },
  CertificateSigningRequest: { create: validateCertificateSigningRequestCreate, update: validateCertificateSigningRequestUpdate },
};

function distinct(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const text = `${error.field}: ${error.message}`;
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** The kind's own rules, or ObjectMeta validation alone for a kind without any (custom resources among them). */
function rulesFor(obj: KubeObject, namespaced: boolean | undefined): KindRules {
  return Object.hasOwn(RULES, obj.kind) ? RULES[obj.kind] : genericRules(obj, namespaced);
}

/**
 * Field errors for an object about to be created (after defaulting and admission); empty when valid.
 * `namespaced` is the resource's scope, which only a kind without rules of its own needs.
 */
export function validateCreate(obj: KubeObject, namespaced?: boolean): FieldError[] {
  return distinct(rulesFor(obj, namespaced).create(obj));
}

/** Field errors for replacing `oldObj` with `newObj` (both defaulted); empty when valid. */
export function validateUpdate(newObj: KubeObject, oldObj: KubeObject, namespaced?: boolean): FieldError[] {
  return distinct(rulesFor(newObj, namespaced).update(newObj, oldObj));
}
