/**
 * The pod fields of features a default 1.32 api-server has switched off, dropped as
 * pkg/api/pod/util.go's dropDisabledFields drops them in PrepareForCreate/PrepareForUpdate:
 * silently, before validation, so a pod that relied on one then fails validation as it would on
 * a cluster (an image volume goes with its mounts; a projected clusterTrustBundle leaves an
 * empty source). An update keeps a field the stored object already used, as a cluster keeps
 * data written while the gate was on. The gates are their 1.32 defaults
 * (pkg/features/versioned_kube_features.go): all off below.
 */
import type { Container, PodSecurityContext, PodSpec as PodSpecOfTypes, Volume } from 'kubernetes-types/core/v1';
import { cloneJson, isPlainObject, type KubeObject } from '../../object.js';
import { valueAt } from '../disabled-field.js';

/** A 1.32 PodSpec: kubernetes-types lacks the fields of the newest features, which are the ones dropped here. */
type PodSpec = Omit<PodSpecOfTypes, 'volumes' | 'securityContext'> & {
  volumes?: (Volume & { image?: unknown })[];
  resources?: unknown;
  securityContext?: PodSecurityContext & { supplementalGroupsPolicy?: string; seLinuxChangePolicy?: string };
};

/** kubernetes-types marks fields read-only; the copy this file works on is its own. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const containersOf = (spec: PodSpec): Mutable<Container>[] =>
  [...(spec.initContainers ?? []), ...spec.containers ?? [], ...(spec.ephemeralContainers ?? [])] as Mutable<Container>[];

const anyContainer = (spec: PodSpec | undefined, test: (c: Container) => boolean) => Boolean(spec && containersOf(spec).some(test));

/** ImageVolume (alpha, 1.31): an image volume and every mount of it. */
function dropImageVolumes(spec: Mutable<PodSpec>, old: PodSpec | undefined): void {
  if (old?.volumes?.some((v) => v.image)) return;
  const dropped = new Set((spec.volumes ?? []).filter((v) => v.image).map((v) => v.name));
  if (dropped.size === 0) return;
  spec.volumes = spec.volumes!.filter((v) => !dropped.has(v.name));
  for (const c of containersOf(spec)) if (c.volumeMounts) c.volumeMounts = c.volumeMounts.filter((m) => !dropped.has(m.name));
}

/** DynamicResourceAllocation (beta, off by default in 1.32): the pod's resourceClaims and the containers' claims. */
function dropResourceClaims(spec: Mutable<PodSpec>, old: PodSpec | undefined): void {
  if ((old?.resourceClaims ?? []).length > 0) return;
  delete spec.resourceClaims;
  for (const c of containersOf(spec)) if (c.resources?.claims) c.resources = { ...c.resources, claims: undefined };
}

/** ClusterTrustBundleProjection (alpha): a projected volume's clusterTrustBundle sources. */
function dropClusterTrustBundles(spec: Mutable<PodSpec>, old: PodSpec | undefined): void {
  if (old?.volumes?.some((v) => v.projected?.sources?.some((s) => s.clusterTrustBundle))) return;
  for (const volume of spec.volumes ?? []) {
    for (const source of (volume.projected?.sources ?? []) as { clusterTrustBundle?: unknown }[]) delete source.clusterTrustBundle;
  }
}

/** ProcMountType (beta, off by default): a procMount is forced to Default, as 1.12 wrote it non-nil (dropDisabledProcMountField). */
function defaultProcMount(spec: Mutable<PodSpec>, old: PodSpec | undefined): void {
  if (anyContainer(old, (c) => (c.securityContext?.procMount ?? 'Default') !== 'Default')) return;
  for (const c of containersOf(spec)) if (c.securityContext?.procMount) c.securityContext = { ...c.securityContext, procMount: 'Default' };
}

/** InPlacePodVerticalScaling (alpha until 1.33): the containers' resizePolicy. */
function dropResizePolicy(spec: Mutable<PodSpec>, old: PodSpec | undefined): void {
  if (anyContainer(old, (c) => c.resizePolicy !== undefined)) return;
  for (const c of containersOf(spec)) delete c.resizePolicy;
}

/** UserNamespacesSupport (beta, off), PodLevelResources (alpha), SupplementalGroupsPolicy and SELinuxChangePolicy (alpha): single fields. */
function dropSingleFields(spec: Mutable<PodSpec>, old: PodSpec | undefined): void {
  if (old?.hostUsers === undefined) delete spec.hostUsers;
  if (old?.resources === undefined) delete spec.resources;
  const context = spec.securityContext;
  if (!context) return;
  if (old?.securityContext?.supplementalGroupsPolicy === undefined) delete context.supplementalGroupsPolicy;
  if (old?.securityContext?.seLinuxChangePolicy === undefined) delete context.seLinuxChangePolicy;
}

/** `spec` without the fields of the features a default 1.32 api-server has off, unless `old` (the stored spec on an update) used them. */
export function dropDisabledPodSpecFields(spec: PodSpec, old: PodSpec | undefined): PodSpec {
  const copy = cloneJson(spec) as Mutable<PodSpec>;
  dropSingleFields(copy, old);
  defaultProcMount(copy, old);
  dropResourceClaims(copy, old);
  dropClusterTrustBundles(copy, old);
  dropResizePolicy(copy, old);
  dropImageVolumes(copy, old);
  return copy;
}

/** Where each kind keeps the pod spec dropDisabledFields sees: a pod's own, a workload's template (DropDisabledTemplateFields). */
const podSpecPaths: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The kinds that hold a pod spec in a template (all but Pod): their PrepareForCreate/PrepareForUpdate drop its disabled fields too. */
export const podTemplateKinds: readonly string[] = Object.keys(podSpecPaths).filter((kind) => podSpecPaths[kind].length > 1);

function replaced(value: Record<string, unknown>, path: readonly string[], leaf: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  return { ...value, [key]: rest.length === 0 ? leaf : replaced(value[key] as Record<string, unknown>, rest, leaf) };
}

/** `obj` with its pod spec's disabled fields dropped (see dropDisabledPodSpecFields); `old` is the stored object on an update. */
export function dropDisabledFields<T extends KubeObject>(obj: T, old: KubeObject | undefined): T {
  const path = podSpecPaths[obj.kind];
  const spec = path && valueAt(obj, path);
  if (!isPlainObject(spec)) return obj;
  const oldSpec = old && valueAt(old, path);
  return replaced(obj, path, dropDisabledPodSpecFields(spec as PodSpec, isPlainObject(oldSpec) ? (oldSpec as PodSpec) : undefined)) as T;
}
