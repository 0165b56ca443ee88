/**
 * The generic shape every Kubernetes object shares, as the api-server stores, decides and
 * watches every kind through it. Its fields beyond the envelope are `unknown`: code that reads
 * them narrows the object to its typed kind first (typed-objects.ts: `Pod`, `Deployment`, …),
 * so the compiler checks each field name, as client-go's typed objects do.
 */
import type { ObjectMeta as ReadonlyObjectMeta } from 'kubernetes-types/meta/v1';

/** kubernetes-types marks metadata read-only; the server is the one place that writes it. */
export type ObjectMeta = { -readonly [K in keyof ReadonlyObjectMeta]: ReadonlyObjectMeta[K] };

/** Any Kubernetes object as it travels through admission, storage and watches; narrowed to its kind before its spec or status is read. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

/** A plain JSON value, for patches and schema walks. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * True for a plain JSON object (not an array, not null). The guard's one `any` is deliberate: it
 * narrows JSON walked field by field (schema, patches, defaults), and a typed value it is asked
 * about (a `Probe | undefined`) keeps its own type through it, which `Record<string, unknown>` would lose.
 */
export function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON value with every object's keys in order, as Go writes an unstructured map: two values with the same content
 * then have the same JSON text, whatever order their fields were written in.
 */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]));
}

/**
 * Deep copy of a JSON value; objects in the store are never shared with callers. The copy is what
 * JSON.parse(JSON.stringify(value)) makes, built directly: four times as fast on a pod, and the
 * api-server copies every object it decides on several times.
 */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (copyJson(value) as T);
}

/** What JSON leaves out of an object (and writes as null in an array). */
const unwritten = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function copyJson(value: unknown): unknown {
  // JSON writes -0 as 0, NaN and the infinities as null.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (typeof value !== 'object' || value === null) return value;
  // A Date, a Buffer: whatever their own toJSON writes.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(value));
  if (Array.isArray(value)) return value.map((item) => (unwritten(item) ? null : copyJson(item)));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (unwritten(item)) continue;
    // JSON.parse makes "__proto__" an own key; an assignment would set the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: copyJson(item), enumerable: true, writable: true, configurable: true });
    else copy[key] = copyJson(item);
  }
  return copy;
}
