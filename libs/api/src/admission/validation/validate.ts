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
import { genericRules, kindRules, metadataOnlyRules } from './generic.js';
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
  Pod: kindRules(validatePodCreate, validatePodUpdate),
  Service: kindRules(validateServiceCreate, validateServiceUpdate),
  Endpoints: kindRules(validateEndpointsCreate, validateEndpointsUpdate),
  ConfigMap: kindRules(validateConfigMapCreate, validateConfigMapUpdate),
  Secret: kindRules(validateSecretCreate, validateSecretUpdate),
  Event: kindRules(validateEventCreate, validateEventUpdate),
  LimitRange: kindRules(validateLimitRangeCreate, validateLimitRangeUpdate),
  Namespace: kindRules(validateNamespaceCreate, validateNamespaceUpdate),
  Node: kindRules(validateNodeCreate, validateNodeUpdate),
  Deployment: kindRules(validateDeploymentCreate, validateDeploymentUpdate),
  ReplicaSet: kindRules(validateReplicaSetCreate, validateReplicaSetUpdate),
  StatefulSet: kindRules(validateStatefulSetCreate, validateStatefulSetUpdate),
  DaemonSet: kindRules(validateDaemonSetCreate, validateDaemonSetUpdate),
  ControllerRevision: kindRules(validateControllerRevisionCreate, validateControllerRevisionUpdate),
  Job: kindRules(validateJobCreate, validateJobUpdate),
  CronJob: kindRules(validateCronJobCreate, validateCronJobUpdate),
  PriorityClass: kindRules(validatePriorityClassCreate, validatePriorityClassUpdate),
  Lease: kindRules(validateLeaseCreate, validateLeaseUpdate),
  EndpointSlice: kindRules(validateEndpointSliceCreate, validateEndpointSliceUpdate),
  ServiceAccount: metadataOnlyRules({ namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true }),
  PersistentVolumeClaim: kindRules(validatePersistentVolumeClaimCreate, validatePersistentVolumeClaimUpdate),
  PersistentVolume: kindRules(validatePersistentVolumeCreate, validatePersistentVolumeUpdate),
  StorageClass: kindRules(validateStorageClassCreate, validateStorageClassUpdate),
  ResourceQuota: kindRules(validateResourceQuotaCreate, validateResourceQuotaUpdate),
  ReplicationController: kindRules(validateReplicationControllerCreate, validateReplicationControllerUpdate),
  PodTemplate: kindRules(validatePodTemplateCreate, validatePodTemplateUpdate),
  HorizontalPodAutoscaler: kindRules(validateHorizontalPodAutoscalerCreate, validateHorizontalPodAutoscalerUpdate),
  PodDisruptionBudget: kindRules(validatePodDisruptionBudgetCreate, validatePodDisruptionBudgetUpdate),
  NetworkPolicy: kindRules(validateNetworkPolicyCreate, validateNetworkPolicyUpdate),
  Ingress: kindRules(validateIngressCreate, validateIngressUpdate),
  IngressClass: kindRules(validateIngressClassCreate, validateIngressClassUpdate),
  Role: kindRules(validateRoleCreate, validateRoleUpdate),
  ClusterRole: kindRules(validateClusterRoleCreate, validateClusterRoleUpdate),
  RoleBinding: kindRules(validateRoleBindingCreate, validateRoleBindingUpdate),
  ClusterRoleBinding: kindRules(validateClusterRoleBindingCreate, validateClusterRoleBindingUpdate),
  ValidatingAdmissionPolicy: kindRules(validateValidatingAdmissionPolicyCreate, validateValidatingAdmissionPolicyUpdate),
  ValidatingAdmissionPolicyBinding: kindRules(validateValidatingAdmissionPolicyBindingCreate, validateValidatingAdmissionPolicyBindingUpdate),
  ValidatingWebhookConfiguration: kindRules(validateValidatingWebhookConfigurationCreate, validateValidatingWebhookConfigurationUpdate),
  MutatingWebhookConfiguration: kindRules(validateMutatingWebhookConfigurationCreate, validateMutatingWebhookConfigurationUpdate),
  FlowSchema: kindRules(validateFlowSchemaCreate, validateFlowSchemaUpdate),
  PriorityLevelConfiguration: kindRules(validatePriorityLevelConfigurationCreate, validatePriorityLevelConfigurationUpdate),
  RuntimeClass: kindRules(validateRuntimeClassCreate, validateRuntimeClassUpdate),
  CertificateSigningRequest: kindRules(validateCertificateSigningRequestCreate, validateCertificateSigningRequestUpdate),
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
