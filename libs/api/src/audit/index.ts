/** Audit entries of the event log: refused requests, and coalescing bursts of identical entries. */
export * from './refusal.js';
export * from './bursts.js';
