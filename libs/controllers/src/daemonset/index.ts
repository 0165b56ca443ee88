/** The DaemonSet controller: pure decisions for the controller-manager's DaemonSet shell. */
export type { DaemonSetAction, DaemonSetReconcileResult } from './daemonset-actions.js';
export { reconcileDaemonSet } from './reconcile-daemonset.js';
export { DAEMON_REVISION_HASH_LABEL, targetNodeName } from './daemon-pod.js';
export { defaultDaemonTolerations } from './daemon-tolerations.js';
