/**
 * A field of a feature a default 1.32 api-server has off, dropped in PrepareForCreate and
 * PrepareForUpdate as each kind's strategy drops it (a PersistentVolumeClaim's
 * volumeAttributesClassName under VolumeAttributesClass, a StatefulSet's
 * rollingUpdate.maxUnavailable under MaxUnavailableStatefulSet), unless the stored object
 * already used it.
 */
import { isPlainObject, type KubeObject } from '../object.js';

/** The value at `path` in a JSON object, or undefined where the path leaves it. */
export const valueAt = (obj: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((v, key) => (isPlainObject(v) ? v[key] : undefined), obj);

function without(value: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const [key, ...rest] = path;
  if (rest.length === 0) {
    const { [key]: _dropped, ...kept } = value;
    return kept;
  }
  return { ...value, [key]: without(value[key] as Record<string, unknown>, rest) };
}

/** `obj` without the field at `path`, unless it has none there or `old` (the stored object on an update) had one. */
export function dropDisabledField<T extends KubeObject>(obj: T, old: KubeObject | undefined, path: readonly string[]): T {
  if (valueAt(obj, path) === undefined || valueAt(old, path) !== undefined) return obj;
  return without(obj, path) as T;
}
