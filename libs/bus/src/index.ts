export * from './subjects.js';
export * from './messages.js';
export * from './api-client.js';
export * from './informer.js';
export * from './node-leases.js';
export * from './leader-election.js';
export * from './event-recorder.js';
