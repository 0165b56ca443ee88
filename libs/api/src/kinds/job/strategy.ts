/**
 * The Job strategy (pkg/registry/batch/job/strategy.go): status is worked out afresh on
 * create, and PrepareForCreate generates the selector from the new object's uid unless the
 * user asked for a manual one.
 */
import { applyJobSelector } from '../../admission/defaults/job-selector.js';
import { dropStatus, strategy, type KindStrategy } from '../strategy.js';

/** The Job kind's strategy. */
export const jobStrategy: KindStrategy = strategy({
  prepareForCreate: (job) => applyJobSelector(dropStatus(job), job.metadata.uid ?? ''),
});
