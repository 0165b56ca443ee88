/** The controller-manager's decisions: pure, level-triggered reconcilers, one folder per controller. */
export * from './replicaset/index.js';
export * from './deployment/index.js';
export { reconcileJob, releaseOrphanedPods, JOB_TRACKING_FINALIZER, COMPLETION_INDEX_ANNOTATION } from './job/index.js';
export type { JobAction, JobClock, JobReconcileResult } from './job/index.js';
export * from './endpoints/index.js';
export * from './garbage-collector/index.js';
export * from './podgc/index.js';
export * from './node-lifecycle/index.js';
export * from './cronjob/index.js';
export * from './revisions/index.js';
export * from './statefulset/index.js';
export * from './daemonset/index.js';
export * from './root-ca-publisher/index.js';
export * from './serviceaccounts/index.js';
export * from './replication/index.js';
export * from './namespace/index.js';
export * from './disruption/index.js';
export * from './custom-kinds/index.js';
