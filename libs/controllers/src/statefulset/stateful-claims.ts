/**
 * A stateful pod's PersistentVolumeClaims (stateful_pod_control.go): one per
 * volumeClaimTemplate, "<template>-<set>-<ordinal>", created before the pod (and again for
 * a Pending pod that lost one), never while one is being deleted; their owner references
 * kept as the retention policy wants; and a new pod held back while a claim of its name
 * still belongs to an earlier pod that whenScaled=Delete is taking away.
 */
import type { PersistentVolumeClaim, Pod, StatefulSet } from '@kubelab/api';
import type { PersistentVolumeClaim as ClaimTemplate } from 'kubernetes-types/core/v1';
import { claimOwnerReferences, hasUnexpectedController, isClaimOwnerUpToDate, ownedByEarlierPod, retentionPolicy } from './claim-retention.js';
import { ordinalOf } from './stateful-pod-identity.js';
import type { StatefulPass } from './stateful-pass.js';

/** getPersistentVolumeClaimName. */
export function statefulClaimName(template: ClaimTemplate, set: StatefulSet, ordinal: number): string {
  return `${template.metadata?.name}-${set.metadata.name}-${ordinal}`;
}

/**
 * getPersistentVolumeClaims: each template as a claim of the pod's ordinal, in the set's
 * namespace, its labels joined by the selector's matchLabels.
 */
function statefulClaims(set: StatefulSet, pod: Pod): PersistentVolumeClaim[] {
  const ordinal = ordinalOf(pod) ?? -1;
  const matchLabels: Record<string, string> | undefined = set.spec?.selector?.matchLabels;
  return (set.spec?.volumeClaimTemplates ?? []).map((template) => {
    const { name: _name, namespace: _namespace, uid: _uid, resourceVersion: _rv, creationTimestamp: _created, ...meta } = template.metadata ?? {};
    const labels = meta.labels ? { ...meta.labels, ...matchLabels } : matchLabels;
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...meta, name: statefulClaimName(template, set, ordinal), namespace: set.metadata.namespace, ...(labels ? { labels } : {}) },
      spec: template.spec,
    };
  });
}

/** createPersistentVolumeClaims: creates the pod's missing claims; one being deleted is a failure (for the pod, when `creatingPod`). */
export function createMissingClaims(pass: StatefulPass, pod: Pod, creatingPod: boolean): void {
  const missing: PersistentVolumeClaim[] = [];
  const problems: string[] = [];
  for (const claim of statefulClaims(pass.set, pod)) {
    const existing = pass.claims.get(claim.metadata.name!);
    if (!existing) missing.push(claim);
    else if (existing.metadata.deletionTimestamp) problems.push(`pvc ${claim.metadata.name} is being deleted`);
  }
  if (missing.length > 0 || problems.length > 0) pass.actions.push({ type: 'CreateClaims', pod, claims: missing, problems, creatingPod });
}

/** PodClaimIsStale: under whenScaled=Delete, a claim of the pod still belongs to an earlier pod of its name. */
export function podClaimIsStale(pass: StatefulPass, pod: Pod): boolean {
  if (retentionPolicy(pass.set).whenScaled === 'Retain') return false;
  return statefulClaims(pass.set, pod).some((claim) => {
    const existing = pass.claims.get(claim.metadata.name!);
    return existing !== undefined && ownedByEarlierPod(existing, pod);
  });
}

function existingClaims(pass: StatefulPass, pod: Pod): PersistentVolumeClaim[] {
  return statefulClaims(pass.set, pod).flatMap((claim) => pass.claims.get(claim.metadata.name!) ?? []);
}

/** ClaimsMatchRetentionPolicy: every existing claim of the pod is owned as the policy wants. */
export function claimsMatchRetentionPolicy(pass: StatefulPass, pod: Pod): boolean {
  return existingClaims(pass, pod).every((claim) => isClaimOwnerUpToDate(claim, pass.set, pod));
}

/**
 * UpdatePodClaimForRetentionPolicy: rewrites the owner references of the pod's existing
 * claims that are not as the policy wants (a failure is reported on the set as an update of
 * the pod when `reportFailure`), warning about a claim another controller manages.
 */
export function updateClaimsForRetentionPolicy(pass: StatefulPass, pod: Pod, reportFailure: boolean): void {
  for (const claim of existingClaims(pass, pod)) {
    if (hasUnexpectedController(claim, pass.set, pod)) {
      pass.actions.push({
        type: 'RecordEvent', eventType: 'Warning', reason: 'ConflictingController',
        message: `PersistentVolumeClaim ${claim.metadata.name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
      });
    }
    if (isClaimOwnerUpToDate(claim, pass.set, pod)) continue;
    const { ownerReferences: _old, ...metadata } = claim.metadata;
    const ownerReferences = claimOwnerReferences(claim, pass.set, pod);
    const updated = { ...claim, metadata: ownerReferences.length ? { ...metadata, ownerReferences } : metadata };
    pass.actions.push({ type: 'UpdateClaim', claim: updated, pod, reportFailure });
    pass.claims.set(claim.metadata.name!, updated);
  }
}
