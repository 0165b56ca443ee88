/**
 * The registry strategies' PrepareForCreate and PrepareForUpdate, for callers that hold an object
 * rather than its type: the fields a client may not set are overwritten before defaulting and
 * validation, as kube-apiserver's generic registry does. Each kind's own lives in kinds/<kind>/.
 */
import { strategyOfObject } from '../../kinds/registry.js';
import type { KubeObject } from '../../object.js';

/** Returns a new object with its kind's PrepareForCreate applied: a copy when there is one, the object itself otherwise. */
export function prepareForCreate(obj: KubeObject, now: Date): KubeObject {
  return strategyOfObject(obj).prepareForCreate(obj, now);
}

/** Returns an updated object with its kind's PrepareForUpdate applied (a CSR's spec and status only change through its subresources). */
export function prepareForUpdate(next: KubeObject, current: KubeObject): KubeObject {
  return strategyOfObject(next).prepareForUpdate(next, current);
}

/** Returns a status write with its kind's status PrepareForUpdate applied (a PersistentVolume's phase transition stamp). */
export function prepareForStatusUpdate(next: KubeObject, current: KubeObject, now: Date): KubeObject {
  return strategyOfObject(next).prepareForStatusUpdate(next, current, now);
}
