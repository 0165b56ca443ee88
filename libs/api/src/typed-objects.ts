/**
 * The served kinds as product code handles them: kubernetes-types' fields for 1.32, with
 * apiVersion, kind and metadata always present (the api-server fills them before anyone
 * else sees an object) and status writable (controllers and the kubelet build it). A
 * `KubeObject` that arrives from the log, the bus or a request becomes one of these once
 * its kind is known (`as Pod` after a kind check, or the informer's type parameter), so
 * the compiler checks every field name as client-go's typed objects do.
 */
import type * as admissionregistration from 'kubernetes-types/admissionregistration/v1';
import type * as apiextensions from 'kubernetes-types/apiextensions/v1';
import type * as apps from 'kubernetes-types/apps/v1';
import type * as autoscaling from 'kubernetes-types/autoscaling/v2';
import type * as batch from 'kubernetes-types/batch/v1';
import type * as certificates from 'kubernetes-types/certificates/v1';
import type * as coordination from 'kubernetes-types/coordination/v1';
import type * as core from 'kubernetes-types/core/v1';
import type * as discovery from 'kubernetes-types/discovery/v1';
import type * as networking from 'kubernetes-types/networking/v1';
import type * as nodeApi from 'kubernetes-types/node/v1';
import type * as policy from 'kubernetes-types/policy/v1';
import type * as rbac from 'kubernetes-types/rbac/v1';
import type * as scheduling from 'kubernetes-types/scheduling/v1';
import type * as storage from 'kubernetes-types/storage/v1';
import type { ObjectMeta } from './object.js';

/** A kubernetes-types kind with its envelope always there and nothing read-only. */
export type Typed<T> = { -readonly [K in keyof T as Exclude<K, 'apiVersion' | 'kind' | 'metadata'>]: T[K] } & {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
};

export type Pod = Typed<core.Pod>;
export type Node = Typed<core.Node>;
export type Namespace = Typed<core.Namespace>;
export type Service = Typed<core.Service>;
export type Endpoints = Typed<core.Endpoints>;
export type ConfigMap = Typed<core.ConfigMap>;
export type Secret = Typed<core.Secret>;
export type ServiceAccount = Typed<core.ServiceAccount>;
export type CoreEvent = Typed<core.Event>;
export type PersistentVolume = Typed<core.PersistentVolume>;
export type PersistentVolumeClaim = Typed<core.PersistentVolumeClaim>;
export type ResourceQuota = Typed<core.ResourceQuota>;
export type LimitRange = Typed<core.LimitRange>;
export type ReplicationController = Typed<core.ReplicationController>;
export type PodTemplate = Typed<core.PodTemplate>;
export type Deployment = Typed<apps.Deployment>;
export type ReplicaSet = Typed<apps.ReplicaSet>;
export type StatefulSet = Typed<apps.StatefulSet>;
export type DaemonSet = Typed<apps.DaemonSet>;
export type ControllerRevision = Typed<apps.ControllerRevision>;
export type Job = Typed<batch.Job>;
export type CronJob = Typed<batch.CronJob>;
export type HorizontalPodAutoscaler = Typed<autoscaling.HorizontalPodAutoscaler>;
export type PodDisruptionBudget = Typed<policy.PodDisruptionBudget>;
export type EndpointSlice = Typed<discovery.EndpointSlice>;
export type Ingress = Typed<networking.Ingress>;
export type IngressClass = Typed<networking.IngressClass>;
export type NetworkPolicy = Typed<networking.NetworkPolicy>;
export type Lease = Typed<coordination.Lease>;
export type Role = Typed<rbac.Role>;
export type ClusterRole = Typed<rbac.ClusterRole>;
export type RoleBinding = Typed<rbac.RoleBinding>;
export type ClusterRoleBinding = Typed<rbac.ClusterRoleBinding>;
export type StorageClass = Typed<storage.StorageClass>;
export type CSIDriver = Typed<storage.CSIDriver>;
export type VolumeAttachment = Typed<storage.VolumeAttachment>;
export type PriorityClass = Typed<scheduling.PriorityClass>;
export type RuntimeClass = Typed<nodeApi.RuntimeClass>;
export type CertificateSigningRequest = Typed<certificates.CertificateSigningRequest>;
export type CustomResourceDefinition = Typed<apiextensions.CustomResourceDefinition>;
export type ValidatingAdmissionPolicy = Typed<admissionregistration.ValidatingAdmissionPolicy>;
export type ValidatingAdmissionPolicyBinding = Typed<admissionregistration.ValidatingAdmissionPolicyBinding>;
export type ValidatingWebhookConfiguration = Typed<admissionregistration.ValidatingWebhookConfiguration>;
export type MutatingWebhookConfiguration = Typed<admissionregistration.MutatingWebhookConfiguration>;
