/**
 * The resourceVersion precondition of an update. kube-apiserver reads an object's
 * resourceVersion as an unsigned number (Versioner.ObjectResourceVersion), where "" and
 * "0" are both 0, and 0 means "no precondition": the update is unconditional
 * (store.go's doUnconditionalUpdate). Any other value must equal the stored one.
 */
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import { conflict } from '../status.js';

/** Whether `rv` asks for no precondition: unset, empty, or a spelling of 0 ("0", "00"). */
export function isUnconditionalResourceVersion(rv: string | undefined): boolean {
  return rv === undefined || /^0*$/.test(rv);
}

/** 409 Conflict unless `rv` is unconditional or the resourceVersion of `current`. */
export function checkResourceVersion(t: ResourceType, rv: string | undefined, current: KubeObject): void {
  if (!isUnconditionalResourceVersion(rv) && rv !== current.metadata.resourceVersion) throw conflict(t, current.metadata.name!);
}
