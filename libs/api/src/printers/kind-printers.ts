/** Which printer prints which kind; a kind missing here prints as NAME AGE. */
import {
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  webhookConfigurationPrinter,
} from './admission-printers.js';
import { apiServicePrinter } from './api-service-printer.js';
import { certificateSigningRequestPrinter } from './certificate-signing-request-printer.js';
import { componentStatusPrinter } from './component-status-printer.js';
import { configMapPrinter, secretPrinter } from './config-printers.js';
import { controllerRevisionPrinter } from './controller-revision-printer.js';
import { createdAtPrinter } from './created-at-printer.js';
import { cronJobPrinter } from './cron-job-printer.js';
import { daemonSetPrinter } from './daemon-set-printer.js';
import { deploymentPrinter } from './deployment-printer.js';
import { endpointSlicePrinter } from './endpoint-slice-printer.js';
import { endpointsPrinter } from './endpoints-printer.js';
import { eventPrinter } from './event-printer.js';
import { fallbackPrinter } from './fallback-printer.js';
import { flowSchemaPrinter, priorityLevelConfigurationPrinter } from './flow-control-printers.js';
import { horizontalPodAutoscalerPrinter } from './horizontal-pod-autoscaler-printer.js';
import { ingressClassPrinter, ingressPrinter } from './ingress-printers.js';
import { jobPrinter } from './job-printer.js';
import type { KindPrinter } from './kind-printer.js';
import { leasePrinter } from './lease-printer.js';
import { namespacePrinter } from './namespace-printer.js';
import { networkPolicyPrinter } from './network-policy-printer.js';
import { nodePrinter } from './node-printer.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter } from './persistent-volume-printers.js';
import { podDisruptionBudgetPrinter } from './pod-disruption-budget-printer.js';
import { podPrinter } from './pod-printer.js';
import { podTemplatePrinter } from './pod-template-printer.js';
import { priorityClassPrinter } from './priority-class-printer.js';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac-printers.js';
import { replicaSetPrinter } from './replica-set-printer.js';
import { replicationControllerPrinter } from './replication-controller-printer.js';
import { resourceQuotaPrinter } from './resource-quota-printer.js';
import { runtimeClassPrinter } from './runtime-class-printer.js';
import { serviceAccountPrinter } from './service-account-printer.js';
import { servicePrinter } from './service-printer.js';
import { statefulSetPrinter } from './stateful-set-printer.js';
import { csiDriverPrinter, csiNodePrinter, storageClassPrinter, volumeAttachmentPrinter } from './storage-printers.js';

/**
 * Kinds whose store uses kube-apiserver's default convertor (NAME CREATED AT), even where a print
 * handler exists (CSIStorageCapacity); CRDs print this way too.
 */
const createdAtKinds = ['LimitRange', 'Role', 'ClusterRole', 'CSIStorageCapacity', 'CustomResourceDefinition'];

const printers: Readonly<Record<string, KindPrinter>> = {
  ...Object.fromEntries(createdAtKinds.map((kind) => [kind, createdAtPrinter])),
  Pod: podPrinter,
  PodTemplate: podTemplatePrinter,
  ReplicationController: replicationControllerPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Service: servicePrinter,
  ServiceAccount: serviceAccountPrinter,
  Endpoints: endpointsPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  Event: eventPrinter,
  ComponentStatus: componentStatusPrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  ResourceQuota: resourceQuotaPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  StatefulSet: statefulSetPrinter,
  DaemonSet: daemonSetPrinter,
  ControllerRevision: controllerRevisionPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  HorizontalPodAutoscaler: horizontalPodAutoscalerPrinter,
  PodDisruptionBudget: podDisruptionBudgetPrinter,
  PriorityClass: priorityClassPrinter,
  RuntimeClass: runtimeClassPrinter,
  Lease: leasePrinter,
  EndpointSlice: endpointSlicePrinter,
  Ingress: ingressPrinter,
  IngressClass: ingressClassPrinter,
  NetworkPolicy: networkPolicyPrinter,
  RoleBinding: roleBindingPrinter,
  ClusterRoleBinding: clusterRoleBindingPrinter,
  CertificateSigningRequest: certificateSigningRequestPrinter,
  MutatingWebhookConfiguration: webhookConfigurationPrinter,
  ValidatingWebhookConfiguration: webhookConfigurationPrinter,
  ValidatingAdmissionPolicy: validatingAdmissionPolicyPrinter,
  ValidatingAdmissionPolicyBinding: validatingAdmissionPolicyBindingPrinter,
  FlowSchema: flowSchemaPrinter,
  PriorityLevelConfiguration: priorityLevelConfigurationPrinter,
  StorageClass: storageClassPrinter,
  VolumeAttachment: volumeAttachmentPrinter,
  CSIDriver: csiDriverPrinter,
  CSINode: csiNodePrinter,
  APIService: apiServicePrinter,
};

/** The printer for a kind. */
export function printerFor(kind: string): KindPrinter {
  return Object.hasOwn(printers, kind) ? printers[kind] : fallbackPrinter;
}
