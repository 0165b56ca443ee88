/**
 * Guided scenarios of `kubelab learn`, shared by the CLI and the dashboard: the
 * scenario files, the pure checks, the progress file, and the current scenario's
 * status and hints as a page shows them. The CLI's commands that change the lab
 * (start, solve, reset) stay in apps/kubelab.
 */
export * from './scenario.js';
export * from './checks.js';
export * from './progress.js';
export * from './status.js';
export * from './exam.js';
