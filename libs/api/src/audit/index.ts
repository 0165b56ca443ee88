/** Audit entries of the event log: refused requests, container sessions, coalescing bursts of identical entries, throttling each caller, and the refusals kept only in memory. */
export * from './refusal.js';
export * from './container-session.js';
export * from './bursts.js';
export * from './entry-throttle.js';
export * from './unrecorded-refusals.js';
