/** The ControllerRevision writes a workload controller asks its shell for. */
import type { Revision } from './controller-revision.js';
import type { RevisionDecision } from './resolve-revision.js';

/**
 * Create a new revision, renumber an existing one (its `revision` field changed, a
 * rollback to an old template), or delete history past revisionHistoryLimit.
 */
export type RevisionAction =
  | { type: 'CreateControllerRevision'; revision: Revision }
  | { type: 'UpdateControllerRevision'; revision: Revision }
  | { type: 'DeleteControllerRevision'; revision: Revision };

/** The write that makes `decision` true, if one is needed. */
export function updateRevisionActions(decision: RevisionDecision): RevisionAction[] {
  if (decision.create) return [{ type: 'CreateControllerRevision', revision: decision.create }];
  if (decision.renumber) return [{ type: 'UpdateControllerRevision', revision: decision.renumber }];
  return [];
}

/** DeleteControllerRevision steps for `pruned`. */
export function pruneActions(pruned: readonly Revision[]): RevisionAction[] {
  return pruned.map((revision) => ({ type: 'DeleteControllerRevision', revision }));
}
