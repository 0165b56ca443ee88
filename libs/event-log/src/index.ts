/**
 * The event log as its readers tell it, in the CLI (`kubelab events`, `kubelab why`)
 * and in the dashboard's browser page alike: the entries' shape, one-line summaries,
 * the object an entry is about, the reasons components give for their decisions
 * (scheduling, eviction, rescale) and the causal chain behind
 * an object. Pure: entries in, text and chains out; fetching stays with the callers.
 */
export * from './log-entry.js';
export * from './event-summary.js';
export * from './previous-objects.js';
export * from './object-ref.js';
export * from './decision-lines.js';
export * from './eviction-decision.js';
export * from './rescale-decision.js';
export * from './causal-chain.js';
export * from './audit-summary.js';
