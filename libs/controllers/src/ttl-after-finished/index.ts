/** The TTL-after-finished controller: the pure decision for the controller-manager's shell. */
export { expireFinishedJob, type JobExpiry } from './expire-finished-job.js';
