export * from './types.js';
export * from './command.js';
export * from './decide.js';
export * from './meta.js';
export * from './change.js';
export { scaleOf } from './decide-scale.js';
export { applyPatch, parseApplyPatch } from './decide-patch.js';
export { firstServiceIp } from './service-ips.js';
export { systemPriorityClasses } from '../admission/index.js';
