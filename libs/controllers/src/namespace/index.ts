/** The namespace controller: emptying a namespace being deleted, then finalizing it. */
export { reconcileNamespace, NAMESPACE_FINALIZER, type NamespaceAction, type NamespaceContent, type NamespaceReconcileResult } from './reconcile-namespace.js';
export { deletionConditions, type NamespaceCondition, type RemainingContent } from './deletion-conditions.js';
