/**
 * Server-side apply and field ownership (metadata.managedFields) with the semantics of
 * sigs.k8s.io/structured-merge-diff and kube-apiserver's field manager.
 */
export { applyConfig, trackUpdate, type ApplyOutcome, type WriteTarget } from './field-manager.js';
export { applyConflictError } from './conflict-status.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';
export { shareManagedFields } from './fields-v1.js';
