/**
 * Keeping client-side apply's `kubectl.kubernetes.io/last-applied-configuration` in
 * step when kubectl moves to server-side apply (lastappliedmanager.go and
 * lastappliedupdater.go). Both only act for the manager named `kubectl`:
 *
 * - conflicts on fields whose live value is still what last-applied says were set by
 *   client-side apply on this user's behalf, so they are forced rather than reported;
 * - after the apply, an object that has the annotation gets it rewritten to the config
 *   just applied, so a later client-side apply diffs against the right thing.
 */
import { isPlainObject, sortedKeys, type ObjectMeta } from '../object.js';
import { compareObjects } from './compare-objects.js';
import { FieldSet } from './field-set.js';
import type { TypeNode } from './field-types.js';
import { toFieldSet } from './to-field-set.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The only manager whose applies read and write the annotation. */
export const KUBECTL_APPLY_MANAGER = 'kubectl';

function lastAppliedOf(object: unknown): string | undefined {
  const annotations = isPlainObject(object) && isPlainObject(object.metadata) ? object.metadata.annotations : undefined;
  const value = isPlainObject(annotations) ? annotations[LAST_APPLIED_ANNOTATION] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The fields client-side apply set that still hold the last-applied value; undefined
 * when there is no usable annotation (absent, not JSON, another apiVersion).
 */
export function fieldsStillAsLastApplied(live: unknown, apiVersion: string, type: TypeNode): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (text === undefined) return undefined;
  try {
    const lastApplied: unknown = JSON.parse(text);
    if (!isPlainObject(lastApplied) || lastApplied.apiVersion !== apiVersion) return undefined;
    const comparison = compareObjects(lastApplied, live, type);
    return toFieldSet(lastApplied, type).difference(comparison.modified).difference(comparison.added).difference(comparison.removed);
  } catch {
    return undefined;
  }
}

/** `object` with the annotation set to the applied config, when it has the annotation at all. */
export function withLastAppliedInStep<T>(object: T, config: Record<string, unknown>): T {
  if (lastAppliedOf(object) === undefined) return object;
  const metadata = isPlainObject(config.metadata) ? { ...config.metadata } : undefined;
  if (metadata && isPlainObject(metadata.annotations)) {
    const { [LAST_APPLIED_ANNOTATION]: _previous, ...rest } = metadata.annotations;
    metadata.annotations = rest;
  }
  const recorded = `${JSON.stringify(sortedKeys(metadata ? { ...config, metadata } : config))}\n`;
  // lastAppliedOf found the annotation: the object and its metadata are objects.
  const o = object as { metadata: ObjectMeta };
  return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [LAST_APPLIED_ANNOTATION]: recorded } } } as T;
}
