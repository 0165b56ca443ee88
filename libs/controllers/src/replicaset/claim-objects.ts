/**
 * ControllerRefManager.ClaimObject (pkg/controller/controller_ref_manager.go) as a
 * decision: which candidates a controller already owns, which orphans it adopts and
 * which of its own it lets go because they no longer match its selector.
 */
import { matchesLabels, type KubeObject, type LabelRequirement } from '@kubelab/api';
import { controllerOf, withControllerRef, withoutOwnerRef } from './owner-refs.js';

/** The outcome of claiming: kept and adopted objects are the controller's from now on. */
export interface Claim<T extends KubeObject> {
  owned: T[];
  adopted: T[];
  released: T[];
}

/**
 * Claims `candidates` for `owner`. An owner being deleted neither adopts nor releases;
 * an orphan being deleted is never adopted. Adopted/released entries are the edited copies.
 */
export function claimObjects<T extends KubeObject>(owner: KubeObject, selector: readonly LabelRequirement[], candidates: readonly T[]): Claim<T> {
  const claim: Claim<T> = { owned: [], adopted: [], released: [] };
  const ownerDeleting = Boolean(owner.metadata.deletionTimestamp);
  for (const candidate of candidates) {
    const ref = controllerOf(candidate);
    const matches = matchesLabels(selector, candidate.metadata.labels ?? {});
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) claim.owned.push(candidate);
      else if (!ownerDeleting) claim.released.push(withoutOwnerRef(candidate, owner));
    } else if (matches && !ownerDeleting && !candidate.metadata.deletionTimestamp) {
      claim.adopted.push(withControllerRef(candidate, owner));
    }
  }
  return claim;
}
