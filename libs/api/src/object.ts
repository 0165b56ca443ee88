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

/** Deep copy of a JSON value; objects in the store are never shared with callers. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
