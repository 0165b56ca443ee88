/** The garbage collector: pure decisions for the controller-manager's GC shell. */
export { collectGarbage, collectGarbageFor } from './collect-garbage.js';
export { OwnerIndex } from './owner-index.js';
export { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type GcAction } from './gc-actions.js';
export type { KnowsKind } from './classify-owners.js';
