/** The CronJob controller: pure decisions for the controller-manager's CronJob shell. */
export type { CronJobAction, CronJobReconcileResult, NextScheduleTime } from './cronjob-actions.js';
export { reconcileCronJob } from './reconcile-cronjob.js';
export { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION } from './job-from-template.js';
