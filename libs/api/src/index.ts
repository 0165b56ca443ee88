export * from './object.js';
export * from './registry.js';
export * from './status.js';
export * from './field-errors.js';
export * from './discovery.js';
export * from './patch/index.js';
export * from './printers/index.js';
export * from './selectors/index.js';
