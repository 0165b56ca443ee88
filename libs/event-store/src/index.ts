export * from './schema.js';
export * from './event-record.js';
export * from './migrate.js';
export * from './open-sqlite.js';
export * from './append.js';
export * from './read.js';
export * from './replay.js';
export * from './compact.js';
