/**
 * The ReplicaSet list arithmetic of deploymentutil and controller_utils: which one is
 * new, orderings, and the sums status and scaling are computed from.
 */
import type { Deployment, ReplicaSet } from '@kubelab/api';
import { equalIgnoreHash } from './pod-template-hash.js';

/** spec.replicas of a ReplicaSet (defaulted to 1 as the API does). */
export function specReplicas(rs: ReplicaSet): number {
  return Number(rs.spec?.replicas ?? 1);
}

/** FilterActiveReplicaSets: the ones asked to run pods. */
export function isActiveReplicaSet(rs: ReplicaSet): boolean {
  return specReplicas(rs) > 0;
}

function compareNames(a: ReplicaSet, b: ReplicaSet): number {
  const left = a.metadata.name ?? '';
  const right = b.metadata.name ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

function created(rs: ReplicaSet): number {
  return Date.parse(rs.metadata.creationTimestamp ?? '') || 0;
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || compareNames(a, b);
}

/** ReplicaSetsBySizeOlder: largest first, the older of equal sizes first (scale-down order). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreation(a, b);
}

/** ReplicaSetsBySizeNewer: largest first, the newer of equal sizes first (scale-up order). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreation(b, a);
}

/** The ReplicaSet whose template is the Deployment's (the oldest, if several). */
export function findNewReplicaSet(deployment: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...replicaSets].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, deployment.spec?.template));
}

/** Sum of spec.replicas: the pods asked for. */
export function sumSpecReplicas(replicaSets: readonly (ReplicaSet | undefined)[]): number {
  return replicaSets.reduce((sum, rs) => sum + (rs ? specReplicas(rs) : 0), 0);
}

/** Sum of one status count: the pods the ReplicaSet controller last reported. */
export function sumStatus(replicaSets: readonly (ReplicaSet | undefined)[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return replicaSets.reduce((sum, rs) => sum + Number(rs?.status?.[field] ?? 0), 0);
}

/**
 * FindActiveOrLatest: the single ReplicaSet running pods, the newest one when none
 * runs any, and undefined when several do (then scaling is proportional).
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = [...newestFirst, ...(newRS ? [newRS] : [])].filter(isActiveReplicaSet);
  if (active.length === 1) return active[0];
  if (active.length === 0) return newRS ?? newestFirst[0];
  return undefined;
}
