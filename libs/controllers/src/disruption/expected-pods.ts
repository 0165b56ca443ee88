/**
 * getExpectedPodCount of pkg/controller/disruption/disruption.go: how many pods a
 * budget expects and how many of them must be healthy. An integer minAvailable counts
 * the selected pods; a percentage or maxUnavailable needs the scale of the pods'
 * controllers (a Deployment through its ReplicaSet, a ReplicaSet, a
 * ReplicationController, a StatefulSet).
 */
import type { KubeObject, Pod, PodDisruptionBudget } from '@kubelab/api';

/** The budget's arithmetic, or why it could not be done (the controller's sync error). */
export type ExpectedPods = { expectedCount: number; desiredHealthy: number } | { error: string };

const controllerOf = (o: KubeObject) => (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);

/** intstr.GetScaledValueFromIntOrPercent with roundUp. */
/** A pod's controller as the budget counts it: whatever its kind, its scale is spec.replicas. */
export type Workload = KubeObject & { spec?: { replicas?: number } };

function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  return Math.ceil((Number.parseInt(value, 10) * total) / 100);
}

/** The controller whose scale counts for `pod` (its uid and replicas), as the finders find it. */
function scaleOf(pod: Pod, workloads: readonly Workload[]): { uid: string; replicas: number } | undefined {
  const ref = controllerOf(pod);
  const find = (kind: string, uid: string) => workloads.find((w) => w.kind === kind && w.metadata.uid === uid);
  const found = ref && find(ref.kind, ref.uid);
  if (!found) return undefined;
  const owner = found.kind === 'ReplicaSet' ? controllerOf(found) : undefined;
  const deployment = owner?.kind === 'Deployment' ? find('Deployment', owner.uid) : undefined;
  const counted = owner?.kind === 'Deployment' ? deployment : found;
  if (!counted) return undefined;
  return { uid: counted.metadata.uid!, replicas: Number(counted.spec?.replicas ?? 1) };
}

/** getExpectedScale: the sum of the scales of the selected pods' controllers. */
function expectedScale(pods: readonly Pod[], workloads: readonly Workload[]): number | { error: string } {
  const scales = new Map<string, number>();
  for (const pod of pods) {
    if (!controllerOf(pod)) continue;
    const scale = scaleOf(pod, workloads);
    if (!scale) return { error: `found no controllers for pod "${pod.metadata.name}"` };
    scales.set(scale.uid, scale.replicas);
  }
  return [...scales.values()].reduce((a, b) => a + b, 0);
}

/** The budget's expected pods and desired healthy pods. */
export function expectedPods(pdb: PodDisruptionBudget, pods: readonly Pod[], workloads: readonly Workload[]): ExpectedPods {
  const { maxUnavailable, minAvailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    const expectedCount = expectedScale(pods, workloads);
    if (typeof expectedCount !== 'number') return expectedCount;
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - scaled(maxUnavailable, expectedCount)) };
  }
  if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable };
  if (typeof minAvailable === 'string') {
    const expectedCount = expectedScale(pods, workloads);
    if (typeof expectedCount !== 'number') return expectedCount;
    return { expectedCount, desiredHealthy: scaled(minAvailable, expectedCount) };
  }
  return { expectedCount: 0, desiredHealthy: 0 };
}
