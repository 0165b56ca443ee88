/** Audit entries of the event log: refused requests, container sessions, and coalescing bursts of identical entries. */
export * from './refusal.js';
export * from './container-session.js';
export * from './bursts.js';
