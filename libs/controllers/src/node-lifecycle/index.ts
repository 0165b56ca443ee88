/** The node lifecycle controller: pure decisions for the controller-manager's node shell. */
export { reconcileNodeLifecycle } from './reconcile-node-lifecycle.js';
export { NOT_READY_TAINT, UNREACHABLE_TAINT, UNSCHEDULABLE_TAINT } from './node-taints.js';
export type { NodeHeartbeat, NodeLifecycleAction, NodeLifecycleClock, NodeLifecycleOptions, NodeLifecycleResult } from './node-lifecycle-types.js';
