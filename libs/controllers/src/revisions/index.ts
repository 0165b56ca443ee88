/** ControllerRevision bookkeeping shared by the StatefulSet and DaemonSet controllers. */
export {
  HISTORY_HASH_LABEL,
  revisionData,
  templateOf,
  equalRevision,
  ownedRevisions,
  newRevision,
  hashOf,
  type Revision,
  type RevisionKind,
} from './controller-revision.js';
export { resolveUpdateRevision, type RevisionDecision } from './resolve-revision.js';
export { revisionsToPrune, DEFAULT_REVISION_HISTORY_LIMIT } from './prune-revisions.js';
export { updateRevisionActions, pruneActions, type RevisionAction } from './revision-actions.js';
