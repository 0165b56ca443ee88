/**
 * Which revision a workload's current template is (getStatefulSetRevisions and the
 * DaemonSet's constructHistory): the newest revision when it already froze the
 * template, an older equal one renumbered to the top (a rollback), or a new one named
 * past every hash collision.
 */
import { cloneJson, type KubeObject } from '@kubelab/api';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { equalRevision, newRevision, type Revision, type RevisionKind } from './controller-revision.js';

/** The update revision, and the write (if any) that makes it true. */
export interface RevisionDecision {
  revision: Revision;
  collisionCount: number;
  create?: Revision;
  renumber?: Revision;
}

/**
 * Resolves `template` against the owner's revisions `owned` (oldest first). `taken` is
 * every ControllerRevision of the namespace: a name already used by a revision with
 * other data is a hash collision, counted in the returned collisionCount.
 */
export function resolveUpdateRevision(
  owner: KubeObject,
  template: PodTemplateSpec | undefined,
  owned: readonly Revision[],
  taken: readonly Revision[],
  collisionCount: number,
  kind: RevisionKind,
): RevisionDecision {
  const next = Math.max(0, ...owned.map((r) => r.revision)) + 1;
  const wanted = newRevision(owner, template, next, collisionCount, kind);
  const equal = owned.filter((r) => equalRevision(r, wanted));
  const newestEqual = equal[equal.length - 1];
  if (newestEqual === owned[owned.length - 1] && newestEqual) return { revision: newestEqual, collisionCount };
  if (newestEqual) {
    const renumbered = { ...cloneJson(newestEqual), revision: next };
    return { revision: renumbered, collisionCount, renumber: renumbered };
  }
  const names = new Set(taken.map((r) => r.metadata.name));
  let count = collisionCount;
  let created = wanted;
  while (names.has(created.metadata.name)) created = newRevision(owner, template, next, ++count, kind);
  return { revision: created, collisionCount: count, create: created };
}
