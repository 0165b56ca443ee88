/**
 * What a create is compared against. kube-apiserver diffs a create against the Go zero
 * value of the type, whose non-pointer structs (`spec`, `spec.template`, `strategy`...)
 * and non-omitempty pointers (`selector: null`, `containers: null`) are already there;
 * so the creator owns `spec.replicas` but not `spec` itself, and its managedFields show
 * no `.` under `f:spec`. These skeletons reproduce those zero values for the served kinds.
 */
import { cloneJson } from '../object.js';

const objectMeta = { creationTimestamp: null };
const podTemplate = { metadata: objectMeta, spec: { containers: null } };
const workload = (extra: Record<string, unknown>) => ({ spec: { selector: null, template: podTemplate, ...extra }, status: {} });

const skeletons: Record<string, Record<string, unknown>> = {
  Pod: { spec: { containers: null }, status: {} },
  Deployment: workload({ strategy: {} }),
  ReplicaSet: workload({}),
  StatefulSet: workload({ updateStrategy: {} }),
  DaemonSet: workload({ updateStrategy: {} }),
  Job: { spec: { template: podTemplate }, status: {} },
  CronJob: { spec: { schedule: '', jobTemplate: { metadata: objectMeta, spec: { template: podTemplate } } }, status: {} },
  Service: { spec: {}, status: { loadBalancer: {} } },
  Namespace: { spec: {}, status: {} },
  Node: { spec: {}, status: { daemonEndpoints: { kubeletEndpoint: {} }, nodeInfo: {} } },
  LimitRange: { spec: { limits: null } },
  Lease: { spec: {} },
  Event: { involvedObject: {}, source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null },
};

/** The zero value of a kind as kube-apiserver's create compares against it. */
export function zeroObject(kind: string): Record<string, unknown> {
  return { metadata: { ...objectMeta }, ...cloneJson(skeletons[kind] ?? {}) };
}
