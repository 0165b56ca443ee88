export * from './subjects.js';
export * from './messages.js';
export * from './api-client.js';
export * from './informer.js';
export * from './node-leases.js';
