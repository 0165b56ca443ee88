/**
 * The three patch kinds the api-server accepts on PATCH requests, by content type:
 * JSON merge patch, JSON patch and strategic merge patch.
 */
export { applyJsonPatch } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { listStrategyAt, type ListStrategy } from './merge-keys.js';
export { PatchError } from './patch-error.js';
export { applyStrategicMergePatch } from './strategic-merge-patch.js';
