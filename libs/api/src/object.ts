/**
 * The generic shape every Kubernetes object shares. Specific kinds use the
 * `kubernetes-types` interfaces; the api-server handles all of them through this one.
 */
import type { ObjectMeta as ReadonlyObjectMeta } from 'kubernetes-types/meta/v1';

/** kubernetes-types marks metadata read-only; the server is the one place that writes it. */
export type ObjectMeta = { -readonly [K in keyof ReadonlyObjectMeta]: ReadonlyObjectMeta[K] };

/** Any Kubernetes object as it travels through admission, storage and watches. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [field: string]: any;
}

/** A plain JSON value, for patches and schema walks. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** True for a plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of a JSON value; objects in the store are never shared with callers. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
